#include "compare/engine/compare_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <numeric>
#include <set>

#include "compare/engine/pair_source.hpp"

namespace prhost::compare {
namespace {

// Everything one side produced for one benchmark across the pairs.
struct SideSeries {
  std::vector<double> medians;
  std::vector<double> mins;
  std::vector<double> means;
  std::vector<double> walls;
  int rounds = 0;
  std::string clock = "wall";
};

// Per side (0 base, 1 head), per benchmark node id.
using Collected = std::map<std::string, SideSeries>[2];

markdown::TimeStats summarize(const SideSeries& samples) {
  markdown::TimeStats summary;
  summary.min_ns = *std::min_element(samples.mins.begin(), samples.mins.end());
  summary.median_ns = stats::median(samples.medians);
  summary.mean_ns =
      std::accumulate(samples.means.begin(), samples.means.end(), 0.0) / static_cast<double>(samples.means.size());
  summary.ops = summary.mean_ns > 0 ? 1e9 / summary.mean_ns : 0.0;
  summary.rounds = samples.rounds;
  return summary;
}

void record(const TimingRound& round, std::map<std::string, SideSeries>& side) {
  for (const auto& sample : round.samples) {
    auto& collected = side[sample.name];
    collected.medians.push_back(sample.median_ns);
    collected.mins.push_back(sample.min_ns);
    collected.means.push_back(sample.mean_ns);
    collected.walls.push_back(sample.wall_ns > 0 ? sample.wall_ns : sample.median_ns);
    collected.rounds += sample.rounds;
    collected.clock = sample.clock;
  }
}

void record(const MeasuredPair& pair, Collected& collected, EngineResult& result) {
  record(pair.base, collected[0]);
  record(pair.head, collected[1]);
  result.process_seconds += pair.process_seconds;
  result.schedule.insert(result.schedule.end(), pair.order.begin(), pair.order.end());
  if (pair.hashseeds) result.hashseeds.push_back(*pair.hashseeds);
}

// One look: every benchmark's estimate over the pairs it has, Holm across
// them. Returns the benchmarks still undecided.
std::set<std::string> look(const std::vector<std::string>& names, const Collected& collected,
                           const stats::SequentialPlan& plan, const EngineOptions& options,
                           std::vector<stats::PairedEstimate>& estimates) {
  estimates.clear();
  for (const auto& name : names) {
    estimates.push_back(stats::estimate_pairs(collected[0].at(name).medians, collected[1].at(name).medians,
                                              plan.per_look_confidence(), options.margin));
  }
  stats::apply_holm(estimates);
  std::set<std::string> undecided;
  for (std::size_t at = 0; at < names.size(); ++at) {
    if (estimates[at].decision == stats::Decision::Inconclusive) undecided.insert(names[at]);
  }
  return undecided;
}

// One plain progress line per look and per benchmark: the interval as it narrows.
void report_look(const EngineOptions& options, int pairs, const std::vector<std::string>& names,
                 const std::vector<stats::PairedEstimate>& estimates, std::size_t undecided) {
  if (!options.progress) return;
  options.progress(
      fmt::format("look at {} pairs: {}/{} benchmark(s) decided", pairs, names.size() - undecided, names.size()));
  for (std::size_t at = 0; at < names.size(); ++at) {
    const auto& estimate = estimates[at];
    options.progress(fmt::format("  {}: {:.3f}x ({:.3f}–{:.3f}x), {}", names[at], estimate.time_ratio, estimate.ci_low,
                                 estimate.ci_high, stats::to_string(estimate.decision)));
  }
}

BenchmarkOutcome outcome_of(const std::string& name, const Collected& collected, const stats::PairedEstimate& estimate,
                            const std::map<std::string, long long>& iterations) {
  const auto& base = collected[0].at(name);
  const auto& head = collected[1].at(name);
  BenchmarkOutcome outcome;
  outcome.name = name;
  outcome.iterations = iterations.count(name) != 0 ? iterations.at(name) : 1;
  outcome.base_medians_ns = base.medians;
  outcome.head_medians_ns = head.medians;
  outcome.base = summarize(base);
  outcome.head = summarize(head);
  outcome.estimate = estimate;
  outcome.clock = base.clock;
  if (outcome.clock != "wall") outcome.wall_time_ratio = stats::estimate_pairs(base.walls, head.walls).time_ratio;
  return outcome;
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

}  // namespace

EngineResult run_engine(MeasurementBackend& backend, const EngineOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const stats::SequentialPlan plan(options.min_pairs, options.max_pairs);
  EngineResult result;
  result.per_look_confidence = plan.per_look_confidence();
  const auto source = pair_source_for(backend, plan.max_pairs(), options.seed, options.progress);
  result.layout = source->layout();

  Collected collected;
  std::vector<std::string> names;  // every benchmark, in node-id order
  std::set<std::string> undecided;
  std::vector<stats::PairedEstimate> estimates;
  for (int pair = 0; pair < plan.max_pairs(); ++pair) {
    const MeasuredPair measured = source->next_pair(pair, undecided);
    if (pair == 0) {
      undecided = detail::names_of(measured.base);
      names.assign(undecided.begin(), undecided.end());
    }
    record(measured, collected, result);
    result.pairs = pair + 1;
    if (options.on_pair) options.on_pair(result.pairs, plan.next_look(result.pairs), plan.max_pairs());
    if (!plan.is_look(result.pairs)) continue;
    result.looks_taken.push_back(result.pairs);
    undecided = look(names, collected, plan, options, estimates);
    report_look(options, result.pairs, names, estimates, undecided.size());
    if (undecided.empty()) break;
  }

  for (std::size_t at = 0; at < names.size(); ++at) {
    result.benchmarks.push_back(outcome_of(names[at], collected, estimates[at], source->iterations()));
  }
  if (options.memory) run_memory(backend, options, result.schedule.front(), result);

  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

}  // namespace prhost::compare
