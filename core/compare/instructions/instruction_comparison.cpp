#include "compare/instructions/instruction_comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <future>
#include <map>
#include <numeric>
#include <stdexcept>

#include "compare/engine/process_backend.hpp"
#include "compare/measure/instruction_run.hpp"

namespace prhost::compare::instructions {
namespace {

// Per benchmark name: one per-call count per pair, for each side.
struct Collected {
  std::map<std::string, std::vector<double>> per_side[2];
  std::vector<std::string> order;  // names in the order the first run counted them
};

measure::InstructionRun run_side(const pytest::PytestTarget& target, Side side, const std::filesystem::path& valgrind,
                                 int calls, int seed, sdk::HostServices& services) {
  auto run = measure::run_instructions_once({target, valgrind, calls, seed}, services);
  if (!run.ok) throw MeasurementFailed(side, *run.failure);
  return run;
}

void collect(const measure::InstructionRun& run, Side side, Collected& collected) {
  auto& per_name = collected.per_side[side == Side::Base ? 0 : 1];
  for (const auto& count : run.benchmarks) {
    if (std::find(collected.order.begin(), collected.order.end(), count.name) == collected.order.end()) {
      collected.order.push_back(count.name);
    }
    per_name[count.name].push_back(count.per_call());
  }
}

std::string valgrind_version(const std::filesystem::path& valgrind, sdk::HostServices& services) {
  sdk::ProcessRequest request;
  request.argv = {valgrind.string(), "--version"};
  request.timeout = std::chrono::seconds(10);
  const auto result = services.run(request);
  auto version = result.ok() ? result.out : std::string("valgrind");
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
  return version + " (callgrind)";
}

// A benchmark must have been counted in every run of both sides, with a
// positive count; anything else is not a pair.
std::vector<double> required(const Collected& collected, int side, const std::string& name, int pairs) {
  const auto found = collected.per_side[side].find(name);
  if (found == collected.per_side[side].end() || static_cast<int>(found->second.size()) != pairs) {
    throw std::runtime_error(
        fmt::format("{} was not counted in every instruction run of {}", name, side == 0 ? "base" : "head"));
  }
  for (const double value : found->second) {
    if (!(value > 0.0)) {
      throw std::runtime_error(fmt::format(
          "{}: the calls between the markers cost no measurable instructions (the call is too cheap to see, or it "
          "returned before doing its work)",
          name));
    }
  }
  return found->second;
}

}  // namespace

std::optional<std::filesystem::path> find_valgrind(const sdk::HostServices& services) {
  return services.which("valgrind");
}

Outcome estimate(std::string name, std::vector<double> base_per_call, std::vector<double> head_per_call,
                 double confidence, double margin) {
  if (base_per_call.size() != head_per_call.size() || base_per_call.empty()) {
    throw std::invalid_argument("instruction estimate needs as many base counts as head counts, at least one");
  }
  std::vector<double> d;
  for (std::size_t i = 0; i < base_per_call.size(); ++i) d.push_back(std::log(head_per_call[i] / base_per_call[i]));
  const double n = static_cast<double>(d.size());
  const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
  Outcome outcome{std::move(name),
                  std::move(base_per_call),
                  std::move(head_per_call),
                  std::exp(mean),
                  1.0,
                  1.0,
                  stats::Decision::Inconclusive};
  if (d.size() < 2) {
    // One pair has no spread to judge: the ratio stands, the verdict cannot.
    outcome.ci_low = 0.0;
    outcome.ci_high = INFINITY;
    return outcome;
  }
  double squares = 0.0;
  for (const double value : d) squares += (value - mean) * (value - mean);
  const double standard_error = std::sqrt(squares / (n - 1.0) / n);
  const boost::math::students_t distribution(n - 1.0);
  const double t = boost::math::quantile(distribution, 1.0 - ((1.0 - confidence) / 2.0));
  outcome.ci_low = std::exp(mean - (t * standard_error));
  outcome.ci_high = std::exp(mean + (t * standard_error));
  outcome.decision = stats::decide(outcome.ratio, outcome.ci_low, outcome.ci_high, margin);
  return outcome;
}

std::string verdict_text(const Outcome& outcome, double confidence, double margin) {
  const auto interval = std::isfinite(outcome.ci_high) ? fmt::format("{:.0f}% CI {:.4f}–{:.4f}x", confidence * 100.0,
                                                                     outcome.ci_low, outcome.ci_high)
                                                       : std::string("one pair, no interval");
  std::string what;
  switch (outcome.decision) {
    case stats::Decision::Faster:
      what = "fewer instructions";
      break;
    case stats::Decision::Slower:
      what = "more instructions";
      break;
    case stats::Decision::NoSignificantChange:
      what = fmt::format("no significant change (within ±{:.1f}%)", margin * 100.0);
      break;
    case stats::Decision::Inconclusive:
      what = "inconclusive";
      break;
  }
  return fmt::format("{:.4f}x instructions per call ({}): {}", outcome.ratio, interval, what);
}

Comparison compare_instructions(const pytest::PytestTarget& base, const pytest::PytestTarget& head,
                                const std::filesystem::path& valgrind, const Options& options,
                                sdk::HostServices& services) {
  Comparison comparison{
      {}, valgrind_version(valgrind, services), options.pairs, options.calls, options.confidence, options.margin};
  Collected collected;
  for (int pair = 0; pair < options.pairs; ++pair) {
    if (options.progress) {
      options.progress(
          fmt::format("instruction counts, pair {}/{} (valgrind, PYTHONHASHSEED={})", pair + 1, options.pairs, pair));
    }
    // Counts do not depend on what runs beside them, so both refs of a pair
    // run at once: half the wall time of valgrind's ~50x slow-down.
    auto head_run = std::async(
        std::launch::async, [&, pair] { return run_side(head, Side::Head, valgrind, options.calls, pair, services); });
    std::optional<measure::InstructionRun> base_run;
    try {
      base_run = run_side(base, Side::Base, valgrind, options.calls, pair, services);
    } catch (...) {
      head_run.wait();  // never leave the other run behind
      throw;
    }
    collect(*base_run, Side::Base, collected);
    collect(head_run.get(), Side::Head, collected);
  }
  for (const auto& name : collected.order) {
    comparison.benchmarks.push_back(estimate(name, required(collected, 0, name, options.pairs),
                                             required(collected, 1, name, options.pairs), options.confidence,
                                             options.margin));
  }
  return comparison;
}

}  // namespace prhost::compare::instructions
