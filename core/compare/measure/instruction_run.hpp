// One instruction-count run: a fresh pytest process of one ref under valgrind
// (callgrind), in which prhost's instructions plugin calls each selected
// benchmark's target K and then 2K times between markers. The counts of
// those segments give the instructions of K calls with start-up, imports,
// collection and the markers cancelled out
// (core/python/prhost_instructions_plugin.py explains the markers).
//
// Instruction counts do not feel the neighbours on a shared core, so they are
// the noise-free second metric beside time (issue 9, item 4); they are not
// time (a cache miss costs one instruction), and the output says so.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::compare::measure {

struct InstructionRequest {
  pytest::PytestTarget target;     // target.python must be one interpreter path (valgrind runs it directly)
  std::filesystem::path valgrind;  // the valgrind executable
  int calls = 2;                   // K: the first segment makes K calls, the second 2K
  int hash_seed = 0;               // PYTHONHASHSEED, the same for both refs of a pair
};

struct InstructionCount {
  std::string name;
  std::string fullname;
  int calls = 0;
  // The fewest instructions any of the benchmark's K-call segments took, and
  // any of its 2K-call segments: a one-off cost (an arena or a dict growing,
  // a cache filling) only ever adds to a segment, so the least of the
  // repeats is the one without it.
  long long segment_k = 0;
  long long segment_2k = 0;
  // (segment_2k - segment_k) / K; <= 0 means the calls were too few to see.
  [[nodiscard]] double per_call() const;
};

struct InstructionRun {
  bool ok = false;  // the process exited 0 and every benchmark it announced was counted
  std::vector<InstructionCount> benchmarks;
  std::optional<pytest::FailureCause> failure;  // set exactly when !ok
  std::vector<std::string> argv;
  sdk::ProcessResult process;
};

InstructionRun run_instructions_once(const InstructionRequest& request, sdk::HostServices& services);

// --- the pure parts, tested on their own -------------------------------

// The plugin's marker log: {"markers": N, "benchmarks": [{name, fullname, calls, first_marker, repeats}]}.
// A benchmark's segments follow its first marker: K calls, 2K calls, and so
// on `repeats` times (1 when the log does not say).
struct MarkerLog {
  int markers = 0;
  struct Entry {
    std::string name;
    std::string fullname;
    int calls = 0;
    int first_marker = 0;
    int repeats = 1;
  };
  std::vector<Entry> benchmarks;
};
MarkerLog parse_marker_log(std::string_view json_text);  // throws std::runtime_error on malformed input

// The total of one callgrind dump file ("summary:" or "totals:" line, first event = Ir).
std::optional<long long> callgrind_total(std::string_view dump_text);

// Dump i (1-based) holds what ran before marker i. Throws std::runtime_error
// when the dumps do not match the markers (the project called getppid()
// itself, or the run stopped midway).
std::vector<InstructionCount> counts_from_dumps(const MarkerLog& log, const std::map<int, long long>& dump_totals);

}  // namespace prhost::compare::measure
