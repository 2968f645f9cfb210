#include "bench/call_recording.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "embedded/prhost_call_recorder.hpp"
#include "pytest/helper_process.hpp"
#include "pytest/pytest_target.hpp"
#include "services/exit_status.hpp"
#include "util/read_file.hpp"

namespace prhost::bench {
namespace {

using nlohmann::json;

constexpr std::string_view kPluginModule = "prhost_call_recorder";

json request_json(const RecordingRequest& request, const std::filesystem::path& out) {
  json targets = json::array();
  for (const auto& target : request.targets) {
    json item{{"key", target.key}, {"file", target.file}, {"qualname", target.qualname}};
    if (!target.method.empty()) {
      item["owner"] = {{"file", target.owner_file}, {"qualname", target.owner_qualname}};
      item["method"] = target.method;
    }
    if (target.constructor) item["constructor"] = true;
    if (!target.reaches.empty()) item["reaches"] = target.reaches;
    targets.push_back(std::move(item));
  }
  json only_calls = json::array();
  for (const auto& call : request.only_calls) {
    only_calls.push_back({{"key", call.key}, {"test", call.test}, {"ordinal", call.ordinal}});
  }
  json learned = json::array();
  for (const auto& [file, qualname] : request.learned) learned.push_back({{"file", file}, {"qualname", qualname}});
  return {{"targets", targets},
          {"only_calls", only_calls},
          {"learned", learned},
          {"max_calls", request.max_calls},
          {"max_blob", 200000},
          {"budget_seconds", request.budget.count()},
          {"explore_seconds", request.explore.count()},
          {"only_tests", request.only_tests},
          {"first_tests", request.first_tests},
          {"out", out.string()}};
}

pytest::PytestTarget pytest_target_of(const RefSide& side) {
  pytest::PytestTarget target;
  target.checkout = side.dir;
  target.python = side.python;
  target.env = side.env;
  target.plugin_modules = side.plugin_modules;
  return target;
}

std::vector<std::string> recorder_argv(const RefSide& side, const RecordingRequest& request) {
  std::vector<std::string> argv = side.python;
  // -p no:randomly keeps the order (and so the ordinals) the same at both refs.
  argv.insert(argv.end(), {"-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-header", "-rN",
                           "-W", "ignore"});
  if (side.plugin_modules) {
    for (const auto& module : *side.plugin_modules) argv.insert(argv.end(), {"-p", module});
  }
  argv.insert(argv.end(), {"-p", std::string(kPluginModule)});
  argv.insert(argv.end(), request.test_files.begin(), request.test_files.end());
  return argv;
}

}  // namespace

std::vector<RecordedCall> parse_recorded_calls(std::string_view lines) {
  std::vector<RecordedCall> calls;
  std::size_t start = 0;
  while (start < lines.size()) {
    auto end = lines.find('\n', start);
    if (end == std::string_view::npos) end = lines.size();
    const auto line = lines.substr(start, end - start);
    start = end + 1;
    const auto item = json::parse(line, nullptr, false);
    if (!item.is_object() || !item.contains("key") || !item.contains("blob")) continue;
    RecordedCall call;
    call.key = item.value("key", "");
    call.test = item.value("test", "");
    call.ordinal = item.value("ordinal", 0);
    call.code = item.value("code", "");
    call.blob = item.value("blob", "");
    call.size = item.value("size", std::size_t{0});
    call.mutates = item.value("mutates", true);
    call.kind = item.value("kind", "function");
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<std::pair<std::string, std::string>> parse_learned_classes(std::string_view lines) {
  std::vector<std::pair<std::string, std::string>> learned;
  for (std::size_t start = 0; start < lines.size();) {
    auto end = lines.find('\n', start);
    if (end == std::string_view::npos) end = lines.size();
    const auto item = json::parse(lines.substr(start, end - start), nullptr, false);
    start = end + 1;
    if (!item.is_object() || !item.contains("learned") || !item["learned"].is_array()) continue;
    for (const auto& cls : item["learned"]) {
      if (cls.is_object()) learned.emplace_back(cls.value("file", ""), cls.value("qualname", ""));
    }
  }
  return learned;
}

RecordingOutcome record_calls(const RefSide& side, const RecordingRequest& request, const ProcessRunner& run_process) {
  RecordingOutcome outcome;
  if (!side.usable()) {
    outcome.note = "cannot record at " + side.label() + ": " + side.failure;
    return outcome;
  }
  if (request.test_files.empty()) {
    outcome.note = "no test file mentions the function, its class or a public caller";
    return outcome;
  }
  const auto plugin_dir = pytest::detail::write_plugin(kPluginModule, python::prhost_call_recorder());
  const auto out = plugin_dir.path() / "calls.jsonl";
  const auto request_file = plugin_dir.path() / "request.json";
  {
    std::ofstream file(request_file, std::ios::binary | std::ios::trunc);
    file << request_json(request, out).dump();
  }
  sdk::ProcessRequest process;
  process.argv = recorder_argv(side, request);
  process.cwd = side.dir;
  process.env = pytest::detail::env_with_plugin(pytest_target_of(side), plugin_dir.path());
  process.env["PRHOST_RECORD_REQUEST"] = request_file.string();
  process.env["PYTHONDONTWRITEBYTECODE"] = "1";
  // The plugin stops itself after the budget; a test that hangs is killed.
  process.timeout = request.budget + std::chrono::seconds(30);
  const auto result = run_process(process);
  const auto lines = util::read_text_file(out).value_or("");
  outcome.calls = parse_recorded_calls(lines);
  outcome.learned = parse_learned_classes(lines);
  if (outcome.calls.empty()) {
    outcome.note = result.timed_out ? fmt::format("the tests did not finish in {} s", process.timeout.count())
                   : result.exit_code == 0 || result.exit_code == 1
                       ? "the tests that mention it never called it successfully (outside pytest.raises)"
                       : "the tests could not run (" + services::describe_exit(result) +
                             "): " + pytest::first_lines(result.err.empty() ? result.out : result.err, 3);
  }
  return outcome;
}

}  // namespace prhost::bench
