#include "bench/recorded_inputs.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace prhost::bench {
namespace {

// base85 uses no quote and no backslash: safe in a "..." literal.
std::string blob_literal(const std::string& blob) {
  constexpr std::size_t kWidth = 96;
  std::string out = "(\n";
  for (std::size_t start = 0; start < blob.size(); start += kWidth) {
    out += "        \"" + blob.substr(start, kWidth) + "\"\n";
  }
  return out + "    )";
}

std::string short_sha(const std::string& sha) { return sha.substr(0, 7); }

// `_target`: the raw function whose code the tests ran (a method through the
// class without binding, a property's getter, a static/class method's
// function), unwrapped from decorators.
std::string target_lookup(const PlanTarget& target) {
  const auto& analysis = *target.analysis;
  if (!analysis.has_class) return "_target = inspect.unwrap(_target_module." + target.name + ")\n";
  return "_target = inspect.getattr_static(_target_module." + analysis.class_path + ", \"" + target.name + "\")\n" +
         "_target = inspect.unwrap(getattr(_target, \"fget\", None) or getattr(_target, \"__func__\", _target))\n";
}

}  // namespace

std::optional<RecordedChoice> choose_recorded(const std::string& key, const std::vector<RecordedCall>& head,
                                              const std::vector<RecordedCall>& base, std::string& why) {
  std::map<std::pair<std::string, int>, const RecordedCall*> at_base;
  bool head_any = false, base_any = false;
  for (const auto& call : base) {
    if (call.key != key) continue;
    base_any = true;
    at_base.emplace(std::make_pair(call.test, call.ordinal), &call);
  }
  const RecordedCall* best = nullptr;
  const RecordedCall* best_base = nullptr;
  for (const auto& call : head) {
    if (call.key != key || call.kind == "async_generator") continue;
    head_any = true;
    const auto found = at_base.find({call.test, call.ordinal});
    if (found == at_base.end()) continue;
    const bool better = best == nullptr || (best->mutates && !call.mutates) ||
                        (best->mutates == call.mutates && call.size > best->size);
    if (better) best = &call, best_base = found->second;
  }
  if (best == nullptr) {
    why = !head_any  ? "no successful call of it in the tests at head"
          : !base_any ? "no successful call of it in the tests at base"
                      : "the tests call it at head and at base, but never in the same test";
    return std::nullopt;
  }
  return RecordedChoice{*best, *best_base, {}, {}};
}

InputPlan plan_recorded(const PlanTarget& target, const RecordedChoice& choice, const std::string& file) {
  InputPlan plan;
  plan.imports = {"import base64", "import hashlib", "import inspect", "import pickle", "import zlib",
                  "import " + target.module + " as _target_module"};
  const auto& head = choice.head;
  std::string setup =
      "# One call the project's tests made, pickled at each ref; the benchmark replays the one\n"
      "# recorded for the code it imports (sha256 of " +
      file + ").\n_RECORDED = {\n";
  setup += fmt::format("    # head {}: {} (call {})\n    \"{}\": {},\n", short_sha(choice.head_sha), head.test,
                       head.ordinal + 1, head.code, blob_literal(head.blob));
  if (choice.base.code != head.code) {
    setup += fmt::format("    # base {}: {} (call {})\n    \"{}\": {},\n", short_sha(choice.base_sha),
                         choice.base.test, choice.base.ordinal + 1, choice.base.code, blob_literal(choice.base.blob));
  }
  setup += "}\n";
  setup += "with open(inspect.getsourcefile(_target_module), \"rb\") as _source:\n"
           "    _code = hashlib.sha256(_source.read()).hexdigest()\n"
           "if _code not in _RECORDED:\n"
           "    raise RuntimeError(\"no call was recorded for this version of " +
           file + ": run `prhost bench --force`\")\n";
  setup += "_blob = zlib.decompress(base64.b85decode(_RECORDED[_code]))\n";
  setup += target_lookup(target);
  std::string call;
  if (head.mutates) {
    setup += "\n\ndef _fresh_call():\n    # The call changes its arguments: every call gets a fresh copy.\n"
             "    args, kwargs = pickle.loads(_blob)\n    return _target(*args, **kwargs)\n";
    call = "_fresh_call()";
  } else {
    setup += "_args, _kwargs = pickle.loads(_blob)\n";
    call = "_target(*_args, **_kwargs)";
  }
  plan.setup = setup;
  plan.call = head.kind == "generator" ? "list(" + call + ")" : call;
  plan.notes.push_back(fmt::format(
      "inputs: the call recorded from {} (call {}) while the project's tests ran, at head {} and at base {}; "
      "replayed as recorded (pickled arguments{}, not scaled){}",
      head.test, head.ordinal + 1, short_sha(choice.head_sha), short_sha(choice.base_sha),
      target.analysis->has_class && target.analysis->kind != "staticmethod" ? ", self included" : "",
      head.mutates ? "; the call changes its arguments, so each call unpickles a fresh copy (timed too)" : ""));
  plan.summary = "recorded (" + head.test + ")";
  return plan;
}

}  // namespace prhost::bench
