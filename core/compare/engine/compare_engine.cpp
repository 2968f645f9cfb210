#include "compare/engine/compare_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <numeric>
#include <set>

namespace prhost::compare {
namespace {

// Everything one side produced for one benchmark across the paired rounds.
struct SideSamples {
  std::vector<double> medians;
  std::vector<double> mins;
  std::vector<double> means;
  int rounds = 0;
};

markdown::TimeStats summarize(const SideSamples& samples) {
  markdown::TimeStats summary;
  summary.min_ns = *std::min_element(samples.mins.begin(), samples.mins.end());
  summary.median_ns = stats::median(samples.medians);
  summary.mean_ns =
      std::accumulate(samples.means.begin(), samples.means.end(), 0.0) / static_cast<double>(samples.means.size());
  summary.ops = summary.mean_ns > 0 ? 1e9 / summary.mean_ns : 0.0;
  summary.rounds = samples.rounds;
  return summary;
}

std::set<std::string> names_of(const TimingRound& round) {
  std::set<std::string> names;
  for (const auto& sample : round.samples) names.insert(sample.name);
  return names;
}

std::string joined(const std::set<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// Every round must report exactly the benchmarks the calibration round saw;
// anything else means a benchmark failed on one side, and pairing it with
// nothing would silently bias the result.
void require_same_benchmarks(const std::set<std::string>& expected, const TimingRound& round, Side side) {
  const auto got = names_of(round);
  if (got == expected) return;
  std::set<std::string> missing;
  std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(),
                      std::inserter(missing, missing.begin()));
  std::set<std::string> extra;
  std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(), std::inserter(extra, extra.begin()));
  throw EngineError(fmt::format("the {} round reported a different set of benchmarks than calibration{}{}",
                                stats::to_string(side), missing.empty() ? "" : "; missing: " + joined(missing),
                                extra.empty() ? "" : "; unexpected: " + joined(extra)));
}

std::optional<long long> median_allocations(const std::vector<std::optional<long long>>& values) {
  std::vector<double> present;
  for (const auto& value : values) {
    if (value) present.push_back(static_cast<double>(*value));
  }
  if (present.empty()) return std::nullopt;
  return static_cast<long long>(stats::median(present));
}

void run_memory(MeasurementBackend& backend, const EngineOptions& options, Side first, EngineResult& result) {
  struct Collected {
    std::vector<double> peaks[2], rss[2];
    std::vector<std::optional<long long>> allocations[2];
    std::string backend;
  };
  std::map<std::string, Collected> by_name;
  for (int run = 0; run < options.memory_runs; ++run) {
    // Alternate which side goes first so a drifting machine affects both.
    const Side order[2] = {run % 2 == 0 ? first : (first == Side::Base ? Side::Head : Side::Base),
                           run % 2 == 0 ? (first == Side::Base ? Side::Head : Side::Base) : first};
    for (const Side side : order) {
      if (options.progress) {
        options.progress(fmt::format("memory run {}/{} on {}", run + 1, options.memory_runs, stats::to_string(side)));
      }
      const MemoryRound round = backend.memory_round(side);
      result.process_seconds += round.process_seconds;
      const int index = side == Side::Base ? 0 : 1;
      for (const auto& sample : round.samples) {
        auto& collected = by_name[sample.name];
        collected.peaks[index].push_back(sample.peak_bytes);
        collected.rss[index].push_back(sample.rss_bytes);
        collected.allocations[index].push_back(sample.allocations);
        collected.backend = sample.backend;
      }
    }
  }
  for (auto& outcome : result.benchmarks) {
    const auto found = by_name.find(outcome.name);
    if (found == by_name.end() || found->second.peaks[0].size() != static_cast<std::size_t>(options.memory_runs) ||
        found->second.peaks[1].size() != static_cast<std::size_t>(options.memory_runs)) {
      throw EngineError(fmt::format("memory runs did not report {} on both sides", outcome.name));
    }
    const auto& collected = found->second;
    MemoryOutcome memory;
    memory.base_peaks = collected.peaks[0];
    memory.head_peaks = collected.peaks[1];
    memory.base_rss = collected.rss[0];
    memory.head_rss = collected.rss[1];
    memory.base_allocations = median_allocations(collected.allocations[0]);
    memory.head_allocations = median_allocations(collected.allocations[1]);
    memory.backend = collected.backend;
    memory.verdict = stats::compare_memory(memory.base_peaks, memory.head_peaks);
    outcome.memory = std::move(memory);
  }
}

void say(const EngineOptions& options, const std::string& line) {
  if (options.progress) options.progress(line);
}

// The loop count per benchmark, measured once on base, and the benchmarks
// every later round must report.
struct Calibration {
  std::map<std::string, long long> iterations;
  std::set<std::string> names;
};

// Calibrate the loop count once, on base, and reuse it for every round of
// both sides: a different loop count per side would measure different
// amounts of loop overhead. The calibration round itself is discarded.
Calibration calibrate(MeasurementBackend& backend, const EngineOptions& options, EngineResult& result) {
  say(options, "calibrating loop counts (base)");
  const TimingRound round = backend.timing_round(Side::Base, {});
  result.process_seconds += round.process_seconds;
  if (round.samples.empty()) {
    throw EngineError("no benchmark ran in the calibration round: nothing to compare");
  }
  Calibration calibration;
  for (const auto& sample : round.samples) {
    calibration.iterations[sample.name] = std::max<long long>(1, sample.iterations);
  }
  calibration.names = names_of(round);
  return calibration;
}

// A discarded round on head: first-run effects (imports, page cache) land here.
void warm_up(MeasurementBackend& backend, const EngineOptions& options, const Calibration& calibration,
             EngineResult& result) {
  say(options, "warm-up round (head)");
  const TimingRound round = backend.timing_round(Side::Head, calibration.iterations);
  result.process_seconds += round.process_seconds;
  require_same_benchmarks(calibration.names, round, Side::Head);
}

// Per side (0 base, 1 head), per benchmark.
struct PairedSamples {
  std::map<std::string, SideSamples> sides[2];
};

// One pair: a round of each side, in the order the schedule drew.
void run_pair(MeasurementBackend& backend, const Calibration& calibration, const std::vector<Side>& schedule, int pair,
              PairedSamples& samples, EngineResult& result) {
  for (int slot = 0; slot < 2; ++slot) {
    const Side side = schedule[(2 * static_cast<std::size_t>(pair)) + static_cast<std::size_t>(slot)];
    const TimingRound round = backend.timing_round(side, calibration.iterations);
    result.process_seconds += round.process_seconds;
    require_same_benchmarks(calibration.names, round, side);
    result.schedule.push_back(side);
    for (const auto& sample : round.samples) {
      auto& collected = samples.sides[side == Side::Base ? 0 : 1][sample.name];
      collected.medians.push_back(sample.median_ns);
      collected.mins.push_back(sample.min_ns);
      collected.means.push_back(sample.mean_ns);
      collected.rounds += sample.rounds;
    }
  }
}

// One look of the sequential plan: a paired estimate per benchmark (in name
// order), Holm-corrected across them.
std::vector<stats::PairedEstimate> look(const stats::SequentialPlan& plan, const EngineOptions& options,
                                        const Calibration& calibration, PairedSamples& samples) {
  std::vector<stats::PairedEstimate> estimates;
  for (const auto& name : calibration.names) {
    estimates.push_back(stats::estimate_pairs(samples.sides[0][name].medians, samples.sides[1][name].medians,
                                              plan.per_look_confidence(), options.margin));
  }
  stats::apply_holm(estimates);
  return estimates;
}

void report_look(const EngineOptions& options, int pairs, const Calibration& calibration,
                 const std::vector<stats::PairedEstimate>& estimates) {
  std::size_t decided = 0;
  for (const auto& estimate : estimates) decided += estimate.decision != stats::Decision::Inconclusive ? 1 : 0;
  say(options, fmt::format("look at {} pairs: {}/{} benchmark(s) decided", pairs, decided, estimates.size()));
  // One plain line per benchmark and look: the interval as it narrows.
  std::size_t at = 0;
  for (const auto& name : calibration.names) {
    const auto& estimate = estimates[at++];
    say(options, fmt::format("  {}: {:.3f}x ({:.3f}–{:.3f}x), {}", name, estimate.time_ratio, estimate.ci_low,
                             estimate.ci_high, stats::to_string(estimate.decision)));
  }
}

bool all_decided(const stats::SequentialPlan& plan, const EngineOptions& options,
                 const std::vector<stats::PairedEstimate>& estimates) {
  return std::all_of(estimates.begin(), estimates.end(),
                     [&](const auto& estimate) { return plan.should_stop(estimate, options.margin); });
}

void collect_outcomes(Calibration& calibration, PairedSamples& samples,
                      const std::vector<stats::PairedEstimate>& estimates, EngineResult& result) {
  std::size_t index = 0;
  for (const auto& name : calibration.names) {
    BenchmarkOutcome outcome;
    outcome.name = name;
    outcome.iterations = calibration.iterations[name];
    outcome.base_medians_ns = samples.sides[0][name].medians;
    outcome.head_medians_ns = samples.sides[1][name].medians;
    outcome.base = summarize(samples.sides[0][name]);
    outcome.head = summarize(samples.sides[1][name]);
    outcome.estimate = estimates[index++];
    result.benchmarks.push_back(std::move(outcome));
  }
}

}  // namespace

// Calibrate, warm up, then paired rounds in a seeded order with a look at the
// plan's checkpoints, stopping once every benchmark is decided; memory runs
// last.
EngineResult run_engine(MeasurementBackend& backend, const EngineOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const stats::SequentialPlan plan(options.min_pairs, options.max_pairs);
  EngineResult result;
  result.per_look_confidence = plan.per_look_confidence();

  Calibration calibration = calibrate(backend, options, result);
  warm_up(backend, options, calibration, result);

  PairedSamples samples;
  const auto schedule = stats::interleaved_schedule(plan.max_pairs(), options.seed);
  std::vector<stats::PairedEstimate> estimates;
  for (int pair = 0; pair < plan.max_pairs(); ++pair) {
    run_pair(backend, calibration, schedule, pair, samples, result);
    result.pairs = pair + 1;
    if (options.on_pair) options.on_pair(result.pairs, plan.next_look(result.pairs), plan.max_pairs());
    if (!plan.is_look(result.pairs)) continue;

    estimates = look(plan, options, calibration, samples);
    result.looks_taken.push_back(result.pairs);
    report_look(options, result.pairs, calibration, estimates);
    if (all_decided(plan, options, estimates)) break;
  }
  collect_outcomes(calibration, samples, estimates, result);

  if (options.memory) run_memory(backend, options, schedule.front(), result);

  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

}  // namespace prhost::compare
