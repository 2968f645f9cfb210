// The MeasurementBackend of the sample-level ("pairs") layout, the protocol
// the study chose (scripts/study/RESULTS.md, docs/compare.md): every pair is
// one *generation*, a fresh base worker and a fresh head worker
// (measure/timing_worker.hpp) started together in a seeded random order with
// a fresh PYTHONHASHSEED each. Per benchmark, in collection order: the loop
// count is calibrated once (first generation, on base) and reused; then 6
// sample pairs on the worker thread's CPU clock in ABBA/BAAB order, one sample
// per turn; the pair's value is p25 head / p25 base (pair_value.hpp). A
// benchmark that does not run on its own thread (min cpu / min wall of the
// first generation outside [0.9, 1.1]) is read on the wall clock instead,
// with 32 sample pairs per generation.
//
// Memory runs, and timing rounds if anyone asks for them, are the process
// layout's (ProcessBackend). A failed worker is a MeasurementFailed carrying
// its side and classified cause; a session the worker cannot time throws
// measure::WorkerUnsupported (the caller falls back to the process layout).
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>

#include "compare/engine/pair_value.hpp"
#include "compare/engine/process_backend.hpp"
#include "util/temp_path.hpp"

namespace prhost::compare {

namespace measure {
class TimingWorker;
}

struct WorkerPairOptions {
  std::uint64_t seed = 0;                       // spawn order, sample order, hash seeds: the run's recorded seed
  long long calibration_target_ns = 2'000'000;  // one sample lasts at least this long (2 ms)
};

class WorkerPairBackend : public ProcessBackend {
 public:
  WorkerPairBackend(const pytest::PytestTarget& base, const pytest::PytestTarget& head, ProcessBackendOptions process,
                    WorkerPairOptions options, sdk::HostServices& services);
  ~WorkerPairBackend() override;

  [[nodiscard]] bool measures_generations() const override { return true; }
  TimingGeneration timing_generation(const std::set<std::string>& node_ids) override;

  struct Workers;

 private:
  std::string next_common_benchmark_or_end(Workers& workers);
  void measure_benchmark(const std::string& id, Workers& workers, TimingGeneration& generation);
  long long loops_for(const std::string& id, Workers& workers);
  void take_samples(Workers& workers, long long loops, int pairs, SideSamples& base, SideSamples& head);

  pytest::PytestTarget targets_[2];
  WorkerPairOptions options_;
  util::TempPath script_dir_;
  std::mt19937_64 rng_;
  std::map<std::string, long long> loops_;
  std::map<std::string, SampleClock> clocks_;
};

}  // namespace prhost::compare
