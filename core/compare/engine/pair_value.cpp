#include "compare/engine/pair_value.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "compare/statistics.hpp"

namespace prhost::compare {
namespace {

constexpr double kPairQuantile = 0.25;

bool runs_on_its_thread(const SideSamples& side) {
  if (side.cpu_ns.empty() || side.wall_ns.empty()) return false;
  const double wall = *std::min_element(side.wall_ns.begin(), side.wall_ns.end());
  if (wall <= 0.0) return false;
  const double share = *std::min_element(side.cpu_ns.begin(), side.cpu_ns.end()) / wall;
  return share >= kCpuShareLow && share <= kCpuShareHigh;
}

PairValue wall_pair_value(const SideSamples& base, const SideSamples& head) {
  if (base.wall_ns.size() != head.wall_ns.size()) {
    throw std::invalid_argument("wall-clock pair value needs as many base as head samples");
  }
  std::vector<double> log_ratios;
  log_ratios.reserve(base.wall_ns.size());
  for (std::size_t i = 0; i < base.wall_ns.size(); ++i) {
    log_ratios.push_back(std::log(head.wall_ns[i] / base.wall_ns[i]));
  }
  const double base_ns = stats::median(base.wall_ns);
  return {base_ns, base_ns * std::exp(stats::median(log_ratios))};
}

}  // namespace

std::string_view to_string(SampleClock clock) { return clock == SampleClock::Cpu ? "cpu" : "wall"; }

SampleClock clock_for(const SideSamples& base, const SideSamples& head) {
  return runs_on_its_thread(base) && runs_on_its_thread(head) ? SampleClock::Cpu : SampleClock::Wall;
}

int sample_pairs_for(SampleClock clock) { return clock == SampleClock::Cpu ? kCpuSamplePairs : kWallSamplePairs; }

PairValue pair_value(const SideSamples& base, const SideSamples& head, SampleClock clock) {
  if (base.wall_ns.empty() || head.wall_ns.empty()) throw std::invalid_argument("pair value of an empty side");
  if (clock == SampleClock::Wall) return wall_pair_value(base, head);
  return {stats::quantile(base.cpu_ns, kPairQuantile), stats::quantile(head.cpu_ns, kPairQuantile)};
}

}  // namespace prhost::compare
