#include "compare/measure/instruction_run.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "embedded/prhost_fixture_standin.hpp"
#include "embedded/prhost_instructions_plugin.hpp"

namespace prhost::compare::measure {
namespace {

constexpr std::string_view kPluginModule = "prhost_instructions_plugin";
constexpr std::string_view kOutEnv = "PRHOST_INSTRUCTIONS_OUT";
constexpr std::string_view kCallsEnv = "PRHOST_INSTRUCTIONS_CALLS";
constexpr std::string_view kControlEnv = "PRHOST_CALLGRIND_CONTROL";
constexpr std::string_view kDumpPrefix = "cg.";

// callgrind dumps its counters whenever the process enters libc's getppid(),
// which only the plugin's markers call. No per-instruction or per-line data:
// only totals are read, and the files stay small.
std::vector<std::string> valgrind_argv(const InstructionRequest& request, const std::filesystem::path& dump_dir,
                                       bool instrument_late) {
  std::vector<std::string> argv{request.valgrind.string(), "--tool=callgrind",
                                "--dump-before=getppid",   "--dump-instr=no",
                                "--dump-line=no",          "--callgrind-out-file=" + (dump_dir / "cg.%p").string()};
  // Start-up uninstrumented: the plugin switches instrumentation on before
  // its first marker (2-3x less wall time; the counts between markers are
  // the same to a few parts per million).
  if (instrument_late) argv.emplace_back("--instr-atstart=no");
  return argv;
}

// callgrind_control ships beside valgrind; without it, everything is instrumented.
std::optional<std::filesystem::path> callgrind_control(const InstructionRequest& request, sdk::HostServices& services) {
  const auto beside = request.valgrind.parent_path() / "callgrind_control";
  if (services.exists(beside)) return beside;
  return std::nullopt;
}

// Files are cg.<pid> (after the last marker) and cg.<pid>.<n> (dump n). The
// measured process is the one with numbered dumps; a child that dumped too
// would make the mapping ambiguous.
std::map<int, long long> read_dumps(const std::filesystem::path& dump_dir, sdk::HostServices& services) {
  std::map<std::string, std::map<int, long long>> by_pid;
  for (const auto& entry : std::filesystem::directory_iterator(dump_dir)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(kDumpPrefix, 0) != 0) continue;
    const auto dot = name.find('.', kDumpPrefix.size());
    if (dot == std::string::npos) continue;
    int index = 0;
    const auto* begin = name.data() + dot + 1;
    const auto* end = name.data() + name.size();
    if (std::from_chars(begin, end, index).ptr != end) continue;
    const auto total = callgrind_total(services.read_file(entry.path()).value_or(""));
    if (!total) throw std::runtime_error("callgrind wrote a dump without a total: " + name);
    by_pid[name.substr(kDumpPrefix.size(), dot - kDumpPrefix.size())][index] = *total;
  }
  if (by_pid.size() > 1) {
    throw std::runtime_error("more than one process of the run called getppid(); the markers cannot be told apart");
  }
  return by_pid.empty() ? std::map<int, long long>{} : by_pid.begin()->second;
}

void read_counts(const std::filesystem::path& log_path, const std::filesystem::path& dump_dir,
                 sdk::HostServices& services, InstructionRun& run) {
  if (!services.exists(log_path)) return;
  try {
    const auto log = parse_marker_log(services.read_file(log_path).value_or(""));
    run.benchmarks = counts_from_dumps(log, read_dumps(dump_dir, services));
  } catch (const std::exception& error) {
    run.failure = pytest::FailureCause{std::string(pytest::cause::kUnknown),
                                       "The instruction counts of this run cannot be read", error.what(),
                                       "Run the benchmark without --metric instructions, or report this with the "
                                       "benchmark file if it does not call os.getppid() itself."};
  }
}

// Dump n holds what ran before marker n (1-based): the benchmark's segment j
// (0-based; even j K calls, odd j 2K calls) ends at its marker j + 2.
InstructionCount least_segments(const MarkerLog::Entry& entry, const std::map<int, long long>& dump_totals) {
  if (entry.repeats < 1) throw std::runtime_error("no segments for " + entry.fullname);
  InstructionCount count{entry.name, entry.fullname, entry.calls, std::numeric_limits<long long>::max(),
                         std::numeric_limits<long long>::max()};
  for (int segment = 0; segment < 2 * entry.repeats; ++segment) {
    const auto dump = dump_totals.find(entry.first_marker + 2 + segment);
    if (dump == dump_totals.end()) throw std::runtime_error("no dump for the markers of " + entry.fullname);
    auto& least = segment % 2 == 0 ? count.segment_k : count.segment_2k;
    least = std::min(least, dump->second);
  }
  return count;
}

}  // namespace

double InstructionCount::per_call() const {
  return calls > 0 ? static_cast<double>(segment_2k - segment_k) / calls : 0.0;
}

MarkerLog parse_marker_log(std::string_view json_text) {
  const auto json = nlohmann::json::parse(json_text);
  MarkerLog log;
  log.markers = json.at("markers").get<int>();
  for (const auto& entry : json.at("benchmarks")) {
    log.benchmarks.push_back({entry.value("name", ""), entry.value("fullname", ""), entry.at("calls").get<int>(),
                              entry.at("first_marker").get<int>(), entry.value("repeats", 1)});
  }
  return log;
}

std::optional<long long> callgrind_total(std::string_view dump_text) {
  for (const std::string_view key : {"summary:", "totals:"}) {
    std::size_t at = 0;
    while ((at = dump_text.find(key, at)) != std::string_view::npos) {
      if (at == 0 || dump_text[at - 1] == '\n') {
        auto rest = dump_text.substr(at + key.size());
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        long long total = 0;
        if (std::from_chars(rest.data(), rest.data() + rest.size(), total).ec == std::errc{}) return total;
      }
      at += key.size();
    }
  }
  return std::nullopt;
}

std::vector<InstructionCount> counts_from_dumps(const MarkerLog& log, const std::map<int, long long>& dump_totals) {
  if (static_cast<int>(dump_totals.size()) != log.markers) {
    throw std::runtime_error(
        fmt::format("callgrind made {} dump(s) for {} marker(s): something else in the process "
                    "called getppid()",
                    dump_totals.size(), log.markers));
  }
  std::vector<InstructionCount> counts;
  for (const auto& entry : log.benchmarks) counts.push_back(least_segments(entry, dump_totals));
  return counts;
}

InstructionRun run_instructions_once(const InstructionRequest& request, sdk::HostServices& services) {
  if (request.target.python.size() != 1) {
    throw std::invalid_argument("run_instructions_once: valgrind needs the interpreter itself, not `" +
                                fmt::format("{}", fmt::join(request.target.python, " ")) + "`");
  }
  const util::TempPath plugin_dir =
      pytest::detail::write_plugin(kPluginModule, python::prhost_instructions_plugin(),
                                   {{"prhost_fixture_standin", python::prhost_fixture_standin()}});
  const auto log_path = plugin_dir.path() / "markers.json";
  const auto dump_dir = plugin_dir.path() / "callgrind";
  std::filesystem::create_directories(dump_dir);

  const auto control = callgrind_control(request, services);
  sdk::ProcessRequest process;
  process.argv = valgrind_argv(request, dump_dir, control.has_value());
  const auto pytest_argv = pytest::detail::pytest_argv(request.target, kPluginModule, {"--benchmark-only"});
  process.argv.insert(process.argv.end(), pytest_argv.begin(), pytest_argv.end());
  process.cwd = request.target.checkout;
  process.env = pytest::detail::env_with_plugin(request.target, plugin_dir.path());
  process.env[std::string(kOutEnv)] = log_path.string();
  process.env[std::string(kCallsEnv)] = std::to_string(request.calls);
  process.env["PYTHONHASHSEED"] = std::to_string(request.hash_seed);
  if (control) process.env[std::string(kControlEnv)] = control->string();
  process.timeout = request.target.timeout;

  InstructionRun run;
  run.argv = process.argv;
  run.process = services.run(process);
  if (run.process.ok()) read_counts(log_path, dump_dir, services, run);
  run.ok = run.process.ok() && !run.failure && !run.benchmarks.empty();
  if (!run.ok && !run.failure) {
    run.failure = pytest::classify_failure(pytest::detail::failed_run(run.process, request.target));
  }
  return run;
}

}  // namespace prhost::compare::measure
