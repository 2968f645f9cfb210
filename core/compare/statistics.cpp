#include "compare/statistics.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

namespace prhost::compare::stats {
namespace {

// All n(n+1)/2 Walsh averages, sorted ascending.
std::vector<double> sorted_walsh_averages(const std::vector<double>& d) {
  std::vector<double> averages;
  averages.reserve(d.size() * (d.size() + 1) / 2);
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (std::size_t j = i; j < d.size(); ++j) averages.push_back(0.5 * (d[i] + d[j]));
  }
  std::sort(averages.begin(), averages.end());
  return averages;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Φ⁻¹ by bisection on erfc: about 1e-15 accurate after 200 halvings, and only
// called a handful of times per comparison, so no rational approximation is
// worth its constants.
double normal_quantile(double p) {
  double lo = -40.0;
  double hi = 40.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (normal_cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// P(V = s) for s = 0 … Σweights, where V = Σ weight_i · B_i with independent
// fair coins B_i: the null distribution of the signed-rank statistic when the
// weights are the ranks (doubled ranks when ties give half-integer mid-ranks).
// Working in probabilities rather than counts keeps 2^n out of the way.
std::vector<double> signed_rank_null_distribution(const std::vector<int>& weights) {
  const int total = std::accumulate(weights.begin(), weights.end(), 0);
  std::vector<double> probability(static_cast<std::size_t>(total) + 1, 0.0);
  probability[0] = 1.0;
  int reachable = 0;
  for (const int weight : weights) {
    reachable += weight;
    for (int s = reachable; s >= 0; --s) {
      const double with = s >= weight ? probability[static_cast<std::size_t>(s - weight)] : 0.0;
      probability[static_cast<std::size_t>(s)] = 0.5 * (probability[static_cast<std::size_t>(s)] + with);
    }
  }
  return probability;
}

std::vector<int> untied_ranks(int n) {
  std::vector<int> ranks(static_cast<std::size_t>(n));
  std::iota(ranks.begin(), ranks.end(), 1);
  return ranks;
}

void require_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("confidence must lie strictly between 0 and 1");
  }
}

}  // namespace

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) throw std::invalid_argument("quantile of an empty sample");
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("quantile level must lie in [0, 1]");
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(position);
  if (below + 1 >= values.size()) return values.back();
  return values[below] + (position - static_cast<double>(below)) * (values[below + 1] - values[below]);
}

std::string_view to_string(Side side) { return side == Side::Base ? "base" : "head"; }

double hodges_lehmann(const std::vector<double>& d) {
  if (d.empty()) throw std::invalid_argument("Hodges-Lehmann estimate of an empty sample");
  return median(sorted_walsh_averages(d));
}

ConfidenceInterval wilcoxon_signed_rank_ci(const std::vector<double>& d, double confidence) {
  if (d.empty()) throw std::invalid_argument("confidence interval of an empty sample");
  require_confidence(confidence);

  const std::vector<double> walsh = sorted_walsh_averages(d);
  const int n = static_cast<int>(d.size());
  const auto count = static_cast<long long>(walsh.size());
  const double half_alpha = (1.0 - confidence) / 2.0;

  long long k = 0;  // 1-based rank of the lower bound among the Walsh averages
  double achieved = 0.0;
  if (n <= kExactMaxPairs) {
    // R's qsignrank: the smallest x with P(V <= x) >= α/2, with the same
    // 10·DBL_EPSILON fuzz so a cumulative probability that equals α/2 up to
    // rounding counts as reaching it.
    const std::vector<double> null = signed_rank_null_distribution(untied_ranks(n));
    double cumulative = 0.0;
    long long quantile = 0;
    while (true) {
      cumulative += null[static_cast<std::size_t>(quantile)];
      if (cumulative >= half_alpha - 10 * DBL_EPSILON) break;
      ++quantile;
    }
    k = std::max<long long>(quantile, 1);
    double below_k = 0.0;  // P(V <= k - 1)
    for (long long s = 0; s < k; ++s) below_k += null[static_cast<std::size_t>(s)];
    achieved = 1.0 - 2.0 * below_k;
  } else {
    const double mean = n * (n + 1) / 4.0;
    const double sd = std::sqrt(n * (n + 1.0) * (2.0 * n + 1.0) / 24.0);
    const double z = normal_quantile(1.0 - half_alpha);
    // Smallest x with Φ((x + 0.5 - mean) / sd) >= α/2: the continuity-corrected
    // counterpart of the exact quantile above.
    k = std::max<long long>(static_cast<long long>(std::ceil(mean - z * sd - 0.5)), 1);
    achieved = 1.0 - 2.0 * normal_cdf((static_cast<double>(k) - 1.0 + 0.5 - mean) / sd);
  }
  k = std::min(k, count);

  return ConfidenceInterval{walsh[static_cast<std::size_t>(k - 1)], walsh[static_cast<std::size_t>(count - k)],
                            std::clamp(achieved, 0.0, 1.0)};
}

double wilcoxon_signed_rank_p(const std::vector<double>& d) {
  std::vector<double> nonzero;
  for (const double value : d) {
    if (value != 0.0) nonzero.push_back(value);
  }
  const int n = static_cast<int>(nonzero.size());
  if (n == 0) return 1.0;

  // Mid-ranks of |d|, kept doubled so they stay integers.
  std::vector<std::size_t> order(nonzero.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return std::fabs(nonzero[a]) < std::fabs(nonzero[b]); });
  std::vector<int> doubled_rank(nonzero.size());
  double tie_correction = 0.0;  // Σ (t³ - t) over tie groups, for the normal approximation
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && std::fabs(nonzero[order[end]]) == std::fabs(nonzero[order[start]])) ++end;
    const int first_rank = static_cast<int>(start) + 1;
    const int last_rank = static_cast<int>(end);
    for (std::size_t i = start; i < end; ++i) doubled_rank[order[i]] = first_rank + last_rank;
    const double ties = static_cast<double>(end - start);
    tie_correction += ties * ties * ties - ties;
    start = end;
  }

  int doubled_statistic = 0;  // 2 · V, V = sum of the ranks of the positive differences
  for (std::size_t i = 0; i < nonzero.size(); ++i) {
    if (nonzero[i] > 0.0) doubled_statistic += doubled_rank[i];
  }
  const int doubled_total = n * (n + 1);  // 2 · Σ ranks, with or without ties

  if (n <= kExactMaxPairs) {
    const std::vector<double> null = signed_rank_null_distribution(doubled_rank);
    double tail = 0.0;
    // As R: the tail on the side of the observed statistic, doubled.
    if (2 * doubled_statistic > doubled_total) {
      for (int s = doubled_statistic; s <= doubled_total; ++s) tail += null[static_cast<std::size_t>(s)];
    } else {
      for (int s = 0; s <= doubled_statistic; ++s) tail += null[static_cast<std::size_t>(s)];
    }
    return std::min(1.0, 2.0 * tail);
  }

  const double statistic = doubled_statistic / 2.0;
  const double centred = statistic - n * (n + 1) / 4.0;
  const double sd = std::sqrt(n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - tie_correction / 48.0);
  if (sd == 0.0) return 1.0;
  const double correction = centred > 0 ? 0.5 : (centred < 0 ? -0.5 : 0.0);
  const double z = (centred - correction) / sd;
  return std::min(1.0, 2.0 * std::min(normal_cdf(z), 1.0 - normal_cdf(z)));
}

std::vector<double> holm_adjust(const std::vector<double>& p) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> adjusted(m, 1.0);
  double running_max = 0.0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    const double scaled = std::min(1.0, static_cast<double>(m - rank) * p[order[rank]]);
    running_max = std::max(running_max, scaled);
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

std::string_view to_string(Decision decision) {
  switch (decision) {
    case Decision::Faster:
      return "faster";
    case Decision::Slower:
      return "slower";
    case Decision::NoSignificantChange:
      return "no significant change";
    case Decision::Inconclusive:
      return "inconclusive";
  }
  return "inconclusive";
}

Decision decide(double time_ratio, double ci_low, double ci_high, double margin) {
  // NaNs fail every comparison and fall through to Inconclusive.
  if (ci_high < 1.0 && time_ratio <= 1.0 - margin) return Decision::Faster;
  if (ci_low > 1.0 && time_ratio >= 1.0 + margin) return Decision::Slower;
  if (ci_low >= 1.0 - margin && ci_high <= 1.0 + margin) return Decision::NoSignificantChange;
  return Decision::Inconclusive;
}

Decision classify(const PairedEstimate& estimate, double margin) {
  // A small tolerance: the achieved level is a sum of 2^-n probabilities.
  if (estimate.achieved_confidence + 1e-12 < estimate.requested_confidence) return Decision::Inconclusive;
  return decide(estimate.time_ratio, estimate.ci_low, estimate.ci_high, margin);
}

PairedEstimate estimate_pairs(const std::vector<double>& base_times, const std::vector<double>& head_times,
                              double confidence, double margin) {
  if (base_times.size() != head_times.size()) {
    throw std::invalid_argument("paired estimate needs as many base times as head times (" +
                                std::to_string(base_times.size()) + " vs " + std::to_string(head_times.size()) + ")");
  }
  if (base_times.empty()) throw std::invalid_argument("paired estimate of zero pairs");
  require_confidence(confidence);

  std::vector<double> log_ratios;
  log_ratios.reserve(base_times.size());
  for (std::size_t i = 0; i < base_times.size(); ++i) {
    if (!(base_times[i] > 0.0) || !(head_times[i] > 0.0)) {
      throw std::invalid_argument("paired estimate needs positive times (pair " + std::to_string(i) + ")");
    }
    log_ratios.push_back(std::log(head_times[i] / base_times[i]));
  }

  const ConfidenceInterval interval = wilcoxon_signed_rank_ci(log_ratios, confidence);
  PairedEstimate estimate;
  estimate.pairs = static_cast<int>(log_ratios.size());
  estimate.time_ratio = std::exp(hodges_lehmann(log_ratios));
  estimate.ci_low = std::exp(interval.lower);
  estimate.ci_high = std::exp(interval.upper);
  estimate.requested_confidence = confidence;
  estimate.achieved_confidence = interval.achieved_confidence;
  estimate.p_value = wilcoxon_signed_rank_p(log_ratios);
  estimate.holm_p_value = estimate.p_value;
  estimate.decision = classify(estimate, margin);
  return estimate;
}

void apply_holm(std::vector<PairedEstimate>& estimates) {
  std::vector<double> raw;
  raw.reserve(estimates.size());
  for (const PairedEstimate& estimate : estimates) raw.push_back(estimate.p_value);
  const std::vector<double> adjusted = holm_adjust(raw);
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    PairedEstimate& estimate = estimates[i];
    estimate.holm_p_value = adjusted[i];
    const bool claims_change = estimate.decision == Decision::Faster || estimate.decision == Decision::Slower;
    if (claims_change && !(adjusted[i] < kFamilyAlpha)) estimate.decision = Decision::Inconclusive;
  }
}

SequentialPlan::SequentialPlan(int min_pairs, int max_pairs, double family_confidence)
    : family_confidence_(family_confidence) {
  if (min_pairs < 1 || max_pairs < min_pairs) {
    throw std::invalid_argument("sequential plan needs 1 <= min_pairs <= max_pairs (got " + std::to_string(min_pairs) +
                                ", " + std::to_string(max_pairs) + ")");
  }
  require_confidence(family_confidence);
  for (long long look = min_pairs; look < max_pairs; look *= 2) looks_.push_back(static_cast<int>(look));
  looks_.push_back(max_pairs);
}

double SequentialPlan::per_look_confidence() const {
  return 1.0 - (1.0 - family_confidence_) / static_cast<double>(looks_.size());
}

bool SequentialPlan::is_look(int pairs) const { return std::find(looks_.begin(), looks_.end(), pairs) != looks_.end(); }

int SequentialPlan::next_look(int pairs) const {
  const auto it = std::lower_bound(looks_.begin(), looks_.end(), pairs);
  return it == looks_.end() ? looks_.back() : *it;
}

bool SequentialPlan::should_stop(const PairedEstimate& estimate, double margin) const {
  if (estimate.pairs >= max_pairs()) return true;
  // Only a planned look may stop early: peeking in between would spend error
  // the Bonferroni split did not budget for.
  if (!is_look(estimate.pairs)) return false;
  return classify(estimate, margin) != Decision::Inconclusive;
}

MemoryVerdict compare_memory(const std::vector<double>& base_peaks, const std::vector<double>& head_peaks) {
  if (base_peaks.empty() || head_peaks.empty()) {
    throw std::invalid_argument("memory comparison needs at least one run per side");
  }
  MemoryVerdict verdict;
  verdict.base_median = median(base_peaks);
  verdict.head_median = median(head_peaks);
  const double difference = verdict.head_median - verdict.base_median;
  verdict.delta_fraction = verdict.base_median > 0.0 ? difference / verdict.base_median : 0.0;

  const auto [base_min, base_max] = std::minmax_element(base_peaks.begin(), base_peaks.end());
  const auto [head_min, head_max] = std::minmax_element(head_peaks.begin(), head_peaks.end());
  const double threshold = std::max(kMinMemoryDeltaFraction * verdict.base_median, kMinMemoryDeltaBytes);
  if (std::fabs(difference) < threshold) return verdict;
  if (*head_max < *base_min) {
    verdict.direction = MemoryDirection::Lower;
  } else if (*head_min > *base_max) {
    verdict.direction = MemoryDirection::Higher;
  }
  return verdict;
}

std::vector<Side> interleaved_schedule(int pairs, std::uint64_t seed) {
  if (pairs < 0) throw std::invalid_argument("schedule needs a non-negative number of pairs");
  // The raw engine output is fixed by the standard for mt19937_64 (unlike the
  // distributions), so a recorded seed gives the same schedule everywhere.
  std::mt19937_64 engine(seed);
  const Side first = (engine() >> 63) == 0 ? Side::Base : Side::Head;
  const Side second = first == Side::Base ? Side::Head : Side::Base;

  std::vector<Side> schedule;
  schedule.reserve(static_cast<std::size_t>(pairs) * 2);
  for (int block = 0; schedule.size() < static_cast<std::size_t>(pairs) * 2; ++block) {
    const Side lead = block % 2 == 0 ? first : second;
    const Side other = lead == Side::Base ? Side::Head : Side::Base;
    for (const Side side : {lead, other, other, lead}) {
      if (schedule.size() == static_cast<std::size_t>(pairs) * 2) break;
      schedule.push_back(side);
    }
  }
  return schedule;
}

}  // namespace prhost::compare::stats
