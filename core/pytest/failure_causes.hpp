// Why a pytest / pytest-benchmark / codeflash run failed, in words a user can
// act on. The causes are a data table (failure_causes.cpp) built from the
// failures codeflash-pr-prep users keep hitting; the first matching row wins,
// and a run nothing matches still gets its last meaningful error line quoted.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::pytest {

struct FailedRun {
  int exit_code = -1;
  int signal = 0;  // the signal that killed it, 0 when it exited
  bool timed_out = false;
  bool failed_to_start = false;  // the interpreter (argv[0]) could not be run at all
  std::string out;
  std::string err;
  std::chrono::milliseconds timeout{0};  // what the run was killed after, for the timeout message
  std::string ref;                       // the git ref measured ("" = unknown); fills `git show <ref>:...`
};

struct FailureCause {
  std::string cause_id;  // stable id, e.g. "missing_dependency"; see cause_ids()
  std::string title;     // one line: what went wrong
  std::string detail;    // the output line that matched (trimmed), or a synthesized fact
  std::string fix;       // what to do about it
  // `prhost doctor` has a check for this cause (and a repair where one is
  // safe): compare's message then ends with the doctor command.
  bool doctor_checks = false;
};

// Stable cause ids (tests and the JSON output refer to them).
namespace cause {
inline constexpr std::string_view kInterpreterNotFound = "interpreter_not_found";
inline constexpr std::string_view kTimeout = "timeout";
inline constexpr std::string_view kBenchmarksRootMissing = "benchmarks_root_missing";
inline constexpr std::string_view kNoBenchmarkResults = "no_benchmark_results";
inline constexpr std::string_view kBenchmarkPluginMissing = "benchmark_plugin_missing";
inline constexpr std::string_view kOptionOfMissingPlugin = "option_of_missing_plugin";
inline constexpr std::string_view kFixtureMissing = "fixture_missing";
inline constexpr std::string_view kXdistDisablesBenchmarks = "xdist_disables_benchmarks";
inline constexpr std::string_view kPluginImportFailed = "plugin_import_failed";
inline constexpr std::string_view kMissingDependency = "missing_dependency";
inline constexpr std::string_view kImportNameMissing = "import_name_missing";
inline constexpr std::string_view kPropertyHasNoSetter = "property_has_no_setter";
inline constexpr std::string_view kBenchmarkMissing = "benchmark_missing";
inline constexpr std::string_view kCollectionError = "collection_error";
inline constexpr std::string_view kNothingCollected = "nothing_collected";
inline constexpr std::string_view kBenchmarkFailed = "benchmark_failed";
inline constexpr std::string_view kUsageError = "pytest_usage_error";
inline constexpr std::string_view kUnknown = "unknown";
}  // namespace cause

// Classifies a failed run. Always returns a cause: kUnknown quotes the last
// meaningful error line (or says the output was empty).
FailureCause classify_failure(const FailedRun& run);

// Every cause id the table can produce, in match order (for docs and tests).
std::vector<std::string_view> cause_ids();

// The last line that looks like an error ("E   ValueError: …", "ERROR: …",
// "SomethingError: …"), else the last non-blank, non-decoration line of
// stderr then stdout; nullopt when both are blank.
std::optional<std::string> last_error_line(std::string_view out, std::string_view err);

}  // namespace prhost::pytest
