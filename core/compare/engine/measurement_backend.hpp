// What the compare engine needs from "something that runs benchmarks": one
// timing round or one memory run for a side — or, in the sample-level layout,
// one generation: a fresh worker per side giving one pair of every benchmark.
// The real implementations start pytest processes (process_backend) or timing
// workers (worker_pair_backend) in the checkouts; tests use simulated ones, so
// the scheduling and statistics are tested without processes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "compare/statistics.hpp"

namespace prhost::compare {

using stats::Side;

// One benchmark in one timing round (one fresh process), or one side of one
// generation (median_ns then holds the side's pair value, see pair_value.hpp).
struct TimingSample {
  std::string name;  // test name, e.g. test_benchmark_count_words
  double median_ns = 0.0;
  double min_ns = 0.0;
  double mean_ns = 0.0;
  int rounds = 0;            // pytest-benchmark rounds inside the process
  long long iterations = 1;  // loop count per round
  // Generations only: the clock median_ns was read on ("cpu" or "wall"), and
  // the side's p25 on the wall clock, reported beside a CPU-clock ratio.
  std::string clock = "wall";
  double wall_ns = 0.0;
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

// One fresh base worker and one fresh head worker: one pair per benchmark.
struct TimingGeneration {
  TimingRound base;  // the same benchmarks, in the same order, on both sides
  TimingRound head;
  Side first = Side::Base;       // the worker started (and asked) first
  double process_seconds = 0.0;  // the generation's wall time, both workers' spawn included
  std::uint32_t base_hashseed = 0;
  std::uint32_t head_hashseed = 0;
};

class MeasurementBackend {
 public:
  virtual ~MeasurementBackend() = default;
  // `iterations` empty: let the timer calibrate (the engine's first round);
  // otherwise use exactly these loop counts, the same for both sides.
  virtual TimingRound timing_round(Side side, const std::map<std::string, long long>& iterations) = 0;
  virtual MemoryRound memory_round(Side side) = 0;

  // True when the backend measures whole generations (timing_generation)
  // instead of single rounds: the order of sides is then its own, sample by
  // sample inside the generation, and the engine only counts pairs.
  [[nodiscard]] virtual bool measures_generations() const { return false; }
  // One pair of each benchmark in `node_ids` (empty: every selected benchmark;
  // the first generation also calibrates the loop counts). Called only when
  // measures_generations().
  virtual TimingGeneration timing_generation(const std::set<std::string>& node_ids) {
    (void)node_ids;
    throw std::logic_error("this measurement backend measures rounds, not generations");
  }
};

}  // namespace prhost::compare
