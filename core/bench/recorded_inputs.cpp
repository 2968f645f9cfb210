#include "bench/recorded_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
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

constexpr std::size_t kMutationWorth = 4;

std::string short_sha(const std::string& sha) { return sha.substr(0, 7); }

// `_target`: the raw function whose code the tests ran (a method through the
// class without binding, a property's getter, a static/class method's
// function), unwrapped from decorators; a class target is the class itself.
std::string callee_lookup(const std::string& module_alias, const std::string& qualname, bool member) {
  const auto dot = qualname.rfind('.');
  if (!member || dot == std::string::npos) return "_target = inspect.unwrap(" + module_alias + "." + qualname + ")\n";
  return "_target = inspect.getattr_static(" + module_alias + "." + qualname.substr(0, dot) + ", \"" +
         qualname.substr(dot + 1) + "\")\n" +
         "_target = inspect.unwrap(getattr(_target, \"fget\", None) or getattr(_target, \"__func__\", _target))\n";
}

// What the replayed call is: the target, or the public entry point recorded
// for a private one (whose module is imported as _entry_module).
std::string target_lookup(const PlanTarget& target, const RecordedChoice& choice) {
  if (choice.entry.empty()) return callee_lookup("_target_module", target.qualname, target.analysis->has_class);
  const auto colon = choice.entry.find(':');
  return callee_lookup("_entry_module", choice.entry.substr(colon + 1), true);
}

std::string what_was_recorded(const PlanTarget& target, const RecordedChoice& choice) {
  if (!choice.entry.empty()) {
    return "the call of the public entry point `" + choice.entry + "` (which ran `" + target.qualname + "`)";
  }
  if (target.analysis->kind == "class") return "the construction of `" + target.qualname + "`";
  return "the call";
}

std::string what_was_pickled(const PlanTarget& target, const RecordedChoice& choice) {
  if (!choice.entry.empty())
    return choice.entry.find('.', choice.entry.find(':')) != std::string::npos ? ", self included" : "";
  if (target.analysis->kind == "class") return ": __init__'s, without the instance it built";
  return target.analysis->has_class && target.analysis->kind != "staticmethod" ? ", self included" : "";
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
  std::vector<std::pair<const RecordedCall*, const RecordedCall*>> both;  // (head, base) of the same call
  std::size_t biggest = 0;
  for (const auto& call : head) {
    if (call.key != key || call.kind == "async_generator") continue;
    head_any = true;
    const auto found = at_base.find({call.test, call.ordinal});
    if (found == at_base.end()) continue;
    both.emplace_back(&call, found->second);
    biggest = std::max(biggest, call.size);
  }
  // The biggest input wins, but one that leaves its arguments alone (no
  // fresh copy timed with every call) is worth a quarter of its size.
  const RecordedCall* best = nullptr;
  const RecordedCall* best_base = nullptr;
  for (const auto& [call, at] : both) {
    if (call->size * kMutationWorth < biggest) continue;
    const bool better = best == nullptr || (best->mutates && !call->mutates) ||
                        (best->mutates == call->mutates && call->size > best->size);
    if (better) best = call, best_base = at;
  }
  if (best == nullptr) {
    why = !head_any   ? "no successful call of it in the tests at head"
          : !base_any ? "no successful call of it in the tests at base"
                      : "the tests call it at head and at base, but never in the same test";
    return std::nullopt;
  }
  return RecordedChoice{*best, *best_base, {}, {}, {}};
}

InputPlan plan_recorded(const PlanTarget& target, const RecordedChoice& choice, const std::string& file) {
  InputPlan plan;
  plan.imports = {"import base64",  "import hashlib", "import importlib",
                  "import inspect", "import pickle",  "import zlib"};
  // import_module, not `import a.b as m`: a package that re-exports a
  // function under its module's name (`from .text_join import text_join`)
  // would hand the function to the `as` form.
  std::string setup = "_target_module = importlib.import_module(\"" + target.module + "\")\n";
  if (!choice.entry.empty()) {
    setup += "_entry_module = importlib.import_module(\"" + choice.entry.substr(0, choice.entry.find(':')) + "\")\n";
  }
  const auto& head = choice.head;
  setup +=
      "# One call the project's tests made, pickled at each ref; the benchmark replays the one\n"
      "# recorded for the code it imports (sha256 of " +
      file + ").\n_RECORDED = {\n";
  setup += fmt::format("    # head {}: {} (call {})\n    \"{}\": {},\n", short_sha(choice.head_sha), head.test,
                       head.ordinal + 1, head.code, blob_literal(head.blob));
  if (choice.base.code != head.code) {
    setup += fmt::format("    # base {}: {} (call {})\n    \"{}\": {},\n", short_sha(choice.base_sha), choice.base.test,
                         choice.base.ordinal + 1, choice.base.code, blob_literal(choice.base.blob));
  }
  setup += "}\n";
  setup +=
      "with open(inspect.getsourcefile(_target_module), \"rb\") as _source:\n"
      "    _code = hashlib.sha256(_source.read()).hexdigest()\n"
      "if _code not in _RECORDED:\n"
      "    raise RuntimeError(\"no call was recorded for this version of " +
      file + ": run `prhost bench --force`\")\n";
  setup += "_blob = zlib.decompress(base64.b85decode(_RECORDED[_code]))\n";
  setup += target_lookup(target, choice);
  std::string call;
  if (head.mutates) {
    setup +=
        "\n\ndef _fresh_call():\n    # The call changes its arguments: every call gets a fresh copy.\n"
        "    args, kwargs = pickle.loads(_blob)\n    return _target(*args, **kwargs)\n";
    call = "_fresh_call()";
  } else {
    setup += "_args, _kwargs = pickle.loads(_blob)\n";
    call = "_target(*_args, **_kwargs)";
  }
  plan.setup = setup;
  plan.call = head.kind == "generator" ? "list(" + call + ")" : call;
  plan.notes.push_back(fmt::format(
      "inputs: {} recorded from {} (call {}) while the project's tests ran, at head {} and at base {}; "
      "replayed as recorded (pickled arguments{}, not scaled){}",
      what_was_recorded(target, choice), head.test, head.ordinal + 1, short_sha(choice.head_sha),
      short_sha(choice.base_sha), what_was_pickled(target, choice),
      head.mutates ? "; the call changes its arguments, so each call unpickles a fresh copy (timed too)" : ""));
  plan.summary = (choice.entry.empty() ? "recorded (" : "recorded via " + choice.entry + " (") + head.test + ")";
  return plan;
}

}  // namespace prhost::bench
