// One memory run: a fresh, untimed Python process in which every selected
// benchmark's target is called ONCE under a memory tracker (compare.md design
// point 6). The engine interleaves >= 3 such runs per ref and applies
// stats::compare_memory; this only runs one process and reads its results.
// core/python/prhost_memory_plugin.py documents what is measured.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::compare::measure {

enum class MemoryBackend {
  Auto,         // memray when importable in the target interpreter, else tracemalloc
  Memray,       // memray or fail (the run fails with a usage error)
  Tracemalloc,  // tracemalloc even when memray is there
};

std::string_view to_string(MemoryBackend backend);

struct MemoryRequest {
  pytest::PytestTarget target;
  MemoryBackend backend = MemoryBackend::Auto;
};

struct MemoryMeasurement {
  std::string name;
  std::string fullname;
  MemoryBackend backend = MemoryBackend::Auto;  // the one actually used: Memray or Tracemalloc
  long long peak_bytes = 0;                     // heap high-water mark during the call, above what was live before it
  // memray's total allocations during the call; nullopt under tracemalloc,
  // which cannot count allocations (only blocks still alive).
  std::optional<long long> allocations;
  // ru_maxrss after the call: process-wide and monotonic, so it includes the
  // interpreter, imports and earlier benchmarks of the same process. It is a
  // per-benchmark number only when the run selects one benchmark.
  long long rss_bytes = 0;
};

struct MemoryRun {
  // The process exited 0 and at least one benchmark was measured; the
  // measurements of benchmarks that passed are kept even when another failed.
  bool ok = false;
  std::vector<MemoryMeasurement> benchmarks;
  std::optional<pytest::FailureCause> failure;  // set exactly when !ok
  std::vector<std::string> argv;
  sdk::ProcessResult process;

  [[nodiscard]] const MemoryMeasurement* find(std::string_view fullname) const;
};

MemoryRun run_memory_once(const MemoryRequest& request, sdk::HostServices& services);

// Parses the plugin's JSON output. Throws on malformed input.
std::vector<MemoryMeasurement> parse_memory_json(std::string_view json_text);

}  // namespace prhost::compare::measure
