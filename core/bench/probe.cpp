#include "bench/probe.hpp"

#include <fstream>

#include <fmt/format.h>

#include "embedded/prhost_probe.hpp"
#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"
#include "util/read_file.hpp"

namespace prhost::bench {
namespace {

using nlohmann::json;

constexpr std::string_view kPluginModule = "prhost_probe";

std::vector<std::string> probe_argv(const RefSide& side, const ProbeRequest& request) {
  std::vector<std::string> argv = side.python;
  argv.insert(argv.end(), {"-m", "pytest", request.benchmark_path + "::" + request.test_name, "--benchmark-disable",
                           "-q", "-x", "-p", "no:cacheprovider", "--no-header", "-rN"});
  if (side.plugin_modules) {
    for (const auto& module : *side.plugin_modules) argv.insert(argv.end(), {"-p", module});
  }
  argv.insert(argv.end(), {"-p", std::string(kPluginModule), pytest::benchmark_storage_option()});
  return argv;
}

Validation classify(const RefSide& side, const sdk::ProcessResult& outcome, std::chrono::seconds timeout) {
  Validation validation;
  validation.elapsed = outcome.elapsed;
  if (outcome.ok()) {
    validation.passed = true;
    return validation;
  }
  pytest::FailedRun failed;
  failed.exit_code = outcome.exit_code;
  failed.signal = outcome.signal;
  failed.timed_out = outcome.timed_out;
  failed.failed_to_start = outcome.failed_to_start;
  failed.out = outcome.out;
  failed.err = outcome.failed_to_start ? "cannot start " + side.python.front() + ": " + outcome.err : outcome.err;
  failed.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
  failed.ref = side.label();
  const auto cause = pytest::classify_failure(failed);
  validation.cause_id = cause.cause_id;
  validation.cause = cause.detail.empty() ? cause.title : cause.title + ": " + cause.detail;
  validation.fix = cause.fix;
  return validation;
}

}  // namespace

std::string last_frame_of(std::string_view dump) {
  // faulthandler lists the most recent call first under each thread.
  const auto thread = dump.find("most recent call first");
  if (thread == std::string_view::npos) return {};
  const auto file = dump.find("File \"", thread);
  if (file == std::string_view::npos) return {};
  const auto name_start = file + 6;
  const auto name_end = dump.find('"', name_start);
  const auto line_end = dump.find('\n', name_end);
  if (name_end == std::string_view::npos) return {};
  std::string rest(
      dump.substr(name_end + 1, line_end == std::string_view::npos ? std::string_view::npos : line_end - name_end - 1));
  // rest: ", line 12 in wait"
  std::string line, function;
  if (const auto pos = rest.find("line "); pos != std::string::npos) {
    const auto in = rest.find(" in ", pos);
    line = rest.substr(pos + 5, in == std::string::npos ? std::string::npos : in - pos - 5);
    if (in != std::string::npos) function = rest.substr(in + 4);
  }
  return std::string(dump.substr(name_start, name_end - name_start)) + (line.empty() ? "" : ":" + line) +
         (function.empty() ? "" : " in " + function);
}

void read_probe_reply(const json& reply, ProbeResult& result) {
  if (!reply.is_object()) return;
  result.probed = true;
  result.calls = reply.value("calls", 0);
  if (const auto found = reply.find("fingerprint"); found != reply.end()) result.fingerprint = *found;
  if (const auto found = reply.find("call_ns"); found != reply.end() && found->is_number_integer()) {
    result.call_ns = found->get<long long>();
  }
  if (const auto found = reply.find("peak_bytes"); found != reply.end() && found->is_number_integer()) {
    result.peak_bytes = found->get<long long>();
  }
  if (const auto lines = reply.find("lines"); lines != reply.end() && lines->is_object()) {
    for (const auto& [file, numbers] : lines->items()) {
      auto& set = result.lines[file];
      for (const auto& number : numbers) {
        if (number.is_number_integer()) set.insert(number.get<int>());
      }
    }
  }
}

ProbeResult probe_benchmark(const RefSide& side, const ProbeRequest& request, const ProcessRunner& run_process) {
  ProbeResult result;
  const auto plugin_dir = pytest::detail::write_plugin(kPluginModule, python::prhost_probe());
  const auto out = plugin_dir.path() / "probe.json";
  const auto request_file = plugin_dir.path() / "request.json";
  const auto hang_file = plugin_dir.path() / "hang.txt";
  {
    const json body{{"files", request.changed_files},
                    {"out", out.string()},
                    {"max_items", 10000},
                    // Leave the host time to read the dump before it kills the run.
                    {"hang_seconds", std::max<long long>(1, request.timeout.count() - 2)},
                    {"hang_file", hang_file.string()},
                    {"measure_memory", request.measure_memory}};
    std::ofstream file(request_file, std::ios::binary | std::ios::trunc);
    file << body.dump();
  }
  pytest::PytestTarget target;
  target.env = side.env;
  target.plugin_modules = side.plugin_modules;
  sdk::ProcessRequest process;
  process.argv = probe_argv(side, request);
  process.cwd = side.dir;
  process.env = pytest::detail::env_with_plugin(target, plugin_dir.path());
  process.env["PRHOST_PROBE_REQUEST"] = request_file.string();
  process.env["PYTHONDONTWRITEBYTECODE"] = "1";
  process.timeout = request.timeout;
  const auto outcome = run_process(process);
  result.validation = classify(side, outcome, request.timeout);
  if (outcome.timed_out) {
    result.last_frame = last_frame_of(util::read_text_file(hang_file).value_or(outcome.err));
    result.validation.cause_id = "timeout";
    result.validation.cause = fmt::format("did not finish in {} s{}", request.timeout.count(),
                                          result.last_frame.empty() ? "" : " (waiting in " + result.last_frame + ")");
    result.validation.fix =
        "give the call an input that completes (an event that is set, a stream that ends), or "
        "raise the limit with `prhost bench --timeout <s>`";
    return result;
  }
  if (const auto text = util::read_text_file(out)) {
    const auto reply = json::parse(*text, nullptr, false);
    if (!reply.is_discarded()) read_probe_reply(reply, result);
  }
  return result;
}

}  // namespace prhost::bench
