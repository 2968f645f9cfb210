// The built-in compare engine: pairs from the backend's layout (pair_source.hpp:
// paired rounds in a seeded ABBA/BAAB order, or one generation of fresh
// workers per pair), looks at 10/20/40 pairs, stop as soon as every benchmark
// is decided, then (with --memory) interleaved untimed memory runs. Pure
// orchestration over a MeasurementBackend.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "compare/engine/measurement_backend.hpp"
#include "compare/markdown.hpp"
#include "compare/statistics.hpp"

namespace prhost::compare {

struct EngineOptions {
  int min_pairs = 10;
  int max_pairs = 40;
  double margin = stats::kDefaultMargin;
  std::uint64_t seed = 0;
  bool memory = false;
  int memory_runs = 3;
  std::function<void(const std::string&)> progress;  // one line per step; may be empty
  // After every paired round: pairs done, the pairs of the next look, the
  // most pairs possible (prepare's ETA). May be empty.
  std::function<void(int pairs, int next_look, int max_pairs)> on_pair;
};

struct MemoryOutcome {
  std::vector<double> base_peaks;
  std::vector<double> head_peaks;
  std::vector<double> base_rss;
  std::vector<double> head_rss;
  std::optional<long long> base_allocations;  // median over runs, memray only
  std::optional<long long> head_allocations;
  std::string backend;
  stats::MemoryVerdict verdict;
};

struct BenchmarkOutcome {
  std::string name;
  long long iterations = 1;
  std::vector<double> base_medians_ns;  // one per paired round, in pair order
  std::vector<double> head_medians_ns;
  markdown::TimeStats base;
  markdown::TimeStats head;
  stats::PairedEstimate estimate;
  std::optional<MemoryOutcome> memory;
  // The clock the pairs were read on: "wall" in the process layout; "cpu" in
  // the pairs layout unless the benchmark does not run on its own thread
  // (pair_value.hpp), then "wall". With "cpu", the wall clock's ratio (HL of
  // the pairs' p25 wall values) is reported beside it.
  std::string clock = "wall";
  std::optional<double> wall_time_ratio;
};

struct EngineResult {
  std::vector<BenchmarkOutcome> benchmarks;
  std::string layout = "process";  // "process" (rounds) or "pairs" (generations), pair_source.hpp
  // process: the rounds actually run, in order; pairs: each generation's first side.
  std::vector<Side> schedule;
  // pairs: each generation's base and head PYTHONHASHSEED.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> hashseeds;
  int pairs = 0;
  std::vector<int> looks_taken;
  double per_look_confidence = 0.0;
  double wall_seconds = 0.0;
  double process_seconds = 0.0;  // time spent inside benchmark processes
};

class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

EngineResult run_engine(MeasurementBackend& backend, const EngineOptions& options);

}  // namespace prhost::compare
