// One timing round: a fresh Python process that runs every selected benchmark
// of one ref under pytest-benchmark and reports each one's statistics
// (compare.md design point 2). The engine schedules rounds (ABBA) and does the
// statistics; this only runs one process and reads what it measured.
//
// Loop counts: pytest-benchmark calibrates the iterations per round in every
// process. The first round runs uncalibrated (fixed_iterations empty) and
// TimingRound::iterations() returns what it chose; passing that map as
// fixed_iterations to every later round, of both refs, makes them all time
// the same loop (core/python/prhost_timing_plugin.py explains the patch).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "pytest/failure_causes.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::compare::measure {

struct RoundRequest {
  pytest::PytestTarget target;
  // Test node id (pytest-benchmark's "fullname", e.g.
  // "tests/benchmarks/test_x.py::test_y[param]") -> iterations per round.
  // Empty: pytest-benchmark calibrates. Tests not listed calibrate too.
  std::map<std::string, long long> fixed_iterations;
  int rounds = 5;  // rounds per process (--benchmark-min-rounds, with max-time 0 so it is exact)
  // Calibration target for one round (--benchmark-min-time). pytest-benchmark's
  // 5 µs default leaves fast functions with rounds dominated by timer
  // resolution and loop overhead; 1 ms rounds are steadier and still cheap.
  std::chrono::microseconds min_round_time{1000};
  bool warmup = true;  // --benchmark-warmup=on: as many warmup rounds as measured ones, untimed
};

// Times in nanoseconds per call (pytest-benchmark reports seconds per
// iteration; markdown::TimeStats uses ns).
struct BenchmarkTiming {
  std::string name;          // "test_x[param]"
  std::string fullname;      // node id, the key of fixed_iterations
  long long iterations = 0;  // calls per round
  int rounds = 0;
  double median_ns = 0.0;
  double min_ns = 0.0;
  double max_ns = 0.0;
  double mean_ns = 0.0;
  double stddev_ns = 0.0;
  double ops = 0.0;               // calls per second, 1 / mean
  std::vector<double> data_ns;    // each round's time per call, in run order (empty if the JSON has no data)
  bool fixed_iterations = false;  // the prhost plugin imposed `iterations` (not pytest-benchmark's calibration)
};

struct TimingRound {
  // The process exited 0 and at least one benchmark was measured. A failing
  // test makes ok false, but the benchmarks that did run are still listed.
  bool ok = false;
  std::vector<BenchmarkTiming> benchmarks;
  std::optional<pytest::FailureCause> failure;  // set exactly when !ok
  std::vector<std::string> argv;                // the command that ran (for --verbose and bug reports)
  sdk::ProcessResult process;

  // fullname -> iterations, to pass as RoundRequest::fixed_iterations.
  [[nodiscard]] std::map<std::string, long long> iterations() const;
  [[nodiscard]] const BenchmarkTiming* find(std::string_view fullname) const;
};

TimingRound run_timing_round(const RoundRequest& request, sdk::HostServices& services);

// Parses a --benchmark-json report (plus prhost's "fixed_iterations" note).
// Throws std::runtime_error (or nlohmann::json::exception) on malformed input.
std::vector<BenchmarkTiming> parse_benchmark_json(std::string_view json_text);

}  // namespace prhost::compare::measure
