// What the compare engine needs from "something that runs benchmarks": one
// timing round or one memory run for a side. The real implementation starts
// pytest processes in the checkouts (process_backend); tests use a simulated
// one, so the scheduling and statistics are tested without processes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compare/statistics.hpp"

namespace prhost::compare {

using stats::Side;

// One benchmark in one timing round (one fresh process).
struct TimingSample {
  std::string name;  // test name, e.g. test_benchmark_count_words
  double median_ns = 0.0;
  double min_ns = 0.0;
  double mean_ns = 0.0;
  int rounds = 0;            // pytest-benchmark rounds inside the process
  long long iterations = 1;  // loop count per round
};

struct TimingRound {
  std::vector<TimingSample> samples;
  double process_seconds = 0.0;  // wall time of the benchmark process
};

struct MemorySample {
  std::string name;
  double peak_bytes = 0.0;
  std::optional<long long> allocations;  // memray only
  double rss_bytes = 0.0;                // ru_maxrss of the whole process
  std::string backend;                   // "memray" or "tracemalloc"
};

struct MemoryRound {
  std::vector<MemorySample> samples;
  double process_seconds = 0.0;
};

class MeasurementBackend {
 public:
  virtual ~MeasurementBackend() = default;
  // `iterations` empty: let the timer calibrate (the engine's first round);
  // otherwise use exactly these loop counts, the same for both sides.
  virtual TimingRound timing_round(Side side, const std::map<std::string, long long>& iterations) = 0;
  virtual MemoryRound memory_round(Side side) = 0;
};

}  // namespace prhost::compare
