#include "compare/engine/worker_pair_backend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <numeric>

#include "compare/engine/compare_engine.hpp"
#include "compare/measure/timing_worker.hpp"
#include "embedded/prhost_timing_worker.hpp"

namespace prhost::compare {
namespace {

constexpr std::string_view kWorkerModule = "prhost_timing_worker";

Side other(Side side) { return side == Side::Base ? Side::Head : Side::Base; }
int index_of(Side side) { return side == Side::Base ? 0 : 1; }

// Runs `step` for one side, turning a worker's failure into the engine's
// MeasurementFailed for that side (its cause already classified).
template <typename Step>
auto on_side(Side side, Step&& step) {
  try {
    return step();
  } catch (const measure::WorkerFailed& failure) {
    throw MeasurementFailed(side, failure.cause());
  }
}

TimingSample sample_of(const std::string& id, const SideSamples& side, double value, SampleClock clock,
                       long long loops) {
  const auto& read = clock == SampleClock::Cpu ? side.cpu_ns : side.wall_ns;
  TimingSample sample;
  sample.name = id;
  sample.median_ns = value;
  sample.min_ns = *std::min_element(read.begin(), read.end());
  sample.mean_ns = std::accumulate(read.begin(), read.end(), 0.0) / static_cast<double>(read.size());
  sample.rounds = static_cast<int>(read.size());
  sample.iterations = loops;
  sample.clock = std::string(to_string(clock));
  sample.wall_ns = stats::quantile(side.wall_ns, 0.25);
  return sample;
}

}  // namespace

// The generation's two workers, indexed by side, and the side asked first.
struct WorkerPairBackend::Workers {
  std::unique_ptr<measure::TimingWorker> by_side[2];
  Side first = Side::Base;
  measure::TimingWorker& of(Side side) { return *by_side[index_of(side)]; }
};

WorkerPairBackend::WorkerPairBackend(const pytest::PytestTarget& base, const pytest::PytestTarget& head,
                                     ProcessBackendOptions process, WorkerPairOptions options,
                                     sdk::HostServices& services)
    : ProcessBackend(base, head, process, services),
      targets_{base, head},
      options_(options),
      script_dir_(pytest::detail::write_plugin(kWorkerModule, python::prhost_timing_worker())),
      rng_(options.seed) {}

WorkerPairBackend::~WorkerPairBackend() = default;

TimingGeneration WorkerPairBackend::timing_generation(const std::set<std::string>& node_ids) {
  const auto started = std::chrono::steady_clock::now();
  TimingGeneration generation;
  generation.first = rng_() % 2 == 0 ? Side::Base : Side::Head;
  std::uniform_int_distribution<std::uint32_t> hashseed(1, std::numeric_limits<std::uint32_t>::max());
  generation.base_hashseed = hashseed(rng_);
  generation.head_hashseed = hashseed(rng_);

  // Both started before either is read: their start-up (interpreter, pytest,
  // collection) runs in parallel, and no sample is taken until both are up.
  Workers workers;
  workers.first = generation.first;
  for (const Side side : {generation.first, other(generation.first)}) {
    measure::WorkerStart start;
    start.target = targets_[index_of(side)];
    start.script = script_dir_.path() / (std::string(kWorkerModule) + ".py");
    start.hashseed = side == Side::Base ? generation.base_hashseed : generation.head_hashseed;
    start.node_ids.assign(node_ids.begin(), node_ids.end());
    workers.by_side[index_of(side)] = on_side(side, [&] { return std::make_unique<measure::TimingWorker>(start); });
  }
  for (auto id = next_common_benchmark_or_end(workers); !id.empty(); id = next_common_benchmark_or_end(workers)) {
    measure_benchmark(id, workers, generation);
  }
  generation.process_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return generation;
}

// Both workers must reach the same benchmark (collection order is the same
// at both refs: the benchmark files are the working tree's). "" = both ended.
std::string WorkerPairBackend::next_common_benchmark_or_end(Workers& workers) {
  std::optional<measure::AnnouncedBenchmark> announced[2];
  for (const Side side : {workers.first, other(workers.first)}) {
    announced[index_of(side)] = on_side(side, [&] { return workers.of(side).next_benchmark(); });
  }
  const auto& base = announced[0];
  const auto& head = announced[1];
  if (!base && !head) return "";
  if (!base || !head || base->id != head->id) {
    throw EngineError(
        fmt::format("the base and head workers reached different benchmarks ({} vs {}): a benchmark "
                    "is skipped or missing at one ref",
                    base ? base->id : "the end of the session", head ? head->id : "the end of the session"));
  }
  return base->id;
}

void WorkerPairBackend::measure_benchmark(const std::string& id, Workers& workers, TimingGeneration& generation) {
  const long long loops = loops_for(id, workers);
  SideSamples base;
  SideSamples head;
  const auto known = clocks_.find(id);
  take_samples(workers, loops, known == clocks_.end() ? kCpuSamplePairs : sample_pairs_for(known->second), base, head);
  if (known == clocks_.end()) {
    // Decided once, on the first generation's samples, and kept for the run.
    const SampleClock clock = clock_for(base, head);
    clocks_[id] = clock;
    const int more = sample_pairs_for(clock) - kCpuSamplePairs;
    if (more > 0) take_samples(workers, loops, more, base, head);
  }
  const SampleClock clock = clocks_.at(id);
  const PairValue value = pair_value(base, head, clock);
  generation.base.samples.push_back(sample_of(id, base, value.base_ns, clock, loops));
  generation.head.samples.push_back(sample_of(id, head, value.head_ns, clock, loops));
  for (const Side side : {workers.first, other(workers.first)}) {
    on_side(side, [&] { workers.of(side).release(); });
  }
}

// Calibrated once, on base, and reused for both sides and every generation:
// a different loop count per side would time different loop overheads.
long long WorkerPairBackend::loops_for(const std::string& id, Workers& workers) {
  if (const auto found = loops_.find(id); found != loops_.end()) return found->second;
  const long long loops =
      on_side(Side::Base, [&] { return workers.of(Side::Base).calibrate(options_.calibration_target_ns); });
  loops_[id] = std::max<long long>(1, loops);
  return loops_[id];
}

// `pairs` sample pairs, one sample per turn, in ABBA/BAAB order (its first
// side drawn from the run's generator), appended as ns per call.
void WorkerPairBackend::take_samples(Workers& workers, long long loops, int pairs, SideSamples& base,
                                     SideSamples& head) {
  for (const Side side : stats::interleaved_schedule(pairs, rng_())) {
    const auto raw = on_side(side, [&] { return workers.of(side).time(loops, 1); });
    auto& into = side == Side::Base ? base : head;
    into.wall_ns.push_back(raw.wall_ns.front() / static_cast<double>(loops));
    into.cpu_ns.push_back(raw.cpu_ns.front() / static_cast<double>(loops));
  }
}

}  // namespace prhost::compare
