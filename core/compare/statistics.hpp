// The statistics behind `prhost compare`: paired log-ratio estimates with
// distribution-free confidence intervals, a margin-aware decision rule, a
// sequential plan with a bounded false-positive rate, Holm's correction
// across benchmarks, the memory rule and the interleaved run schedule.
//
// Everything here is pure (no I/O, no clocks): randomness only enters through
// an explicit seed, so a recorded seed reproduces a comparison exactly.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace prhost::compare::stats {

// Exact null distributions are used up to this many non-zero differences;
// above it the normal approximation (with continuity correction) is accurate
// to well under a rank of the order statistic we pick.
inline constexpr int kExactMaxPairs = 60;

inline constexpr double kDefaultConfidence = 0.95;
inline constexpr double kDefaultMargin = 0.05;  // δ of the decision rule
inline constexpr double kFamilyAlpha = 0.05;    // Holm's family-wise level
inline constexpr double kMinMemoryDeltaBytes = 64.0 * 1024.0;
inline constexpr double kMinMemoryDeltaFraction = 0.01;

// ---------------------------------------------------------------------------
// One-sample location statistics on differences d_i.

// Median of the Walsh averages (d_i + d_j) / 2 over i <= j. Throws
// std::invalid_argument on an empty sample.
// The middle value (the mean of the two middle ones for an even count); 0 for
// an empty sample.
double median(std::vector<double> values);

// The q-quantile (0 <= q <= 1) by linear interpolation between order
// statistics, numpy's default: position q·(n−1) of the sorted values. For six
// values q = 0.25 gives x(2) + 0.25·(x(3) − x(2)) (1-based). Throws
// std::invalid_argument on an empty sample or q outside [0, 1].
double quantile(std::vector<double> values, double q);

double hodges_lehmann(const std::vector<double>& d);

struct ConfidenceInterval {
  double lower = 0.0;
  double upper = 0.0;
  // The coverage the interval really has: order statistics of a discrete
  // distribution cannot hit the requested level exactly, and with very few
  // pairs they cannot reach it at all (R then warns "requested conf.level
  // not achievable"; we report the level instead).
  double achieved_confidence = 0.0;
};

// The Wilcoxon signed-rank interval: the k-th smallest and k-th largest Walsh
// average, k = the lower α/2 quantile of the signed-rank statistic under the
// null (R's qsignrank), at least 1. Matches R's
// wilcox.test(d, conf.int = TRUE, exact = TRUE) for untied, non-zero data.
// With ties or zeros R falls back to an asymptotic interval; we keep the same
// order statistics, which stay distribution-free for continuous data (ties in
// timings only come from clock resolution). Throws std::invalid_argument on an
// empty sample or a confidence outside (0, 1).
ConfidenceInterval wilcoxon_signed_rank_ci(const std::vector<double>& d, double confidence = kDefaultConfidence);

// Two-sided p-value of the signed-rank test of "median 0". Zeros are dropped
// (as R does); the exact permutation distribution is used up to
// kExactMaxPairs non-zero values, with mid-ranks for ties, so tied data get
// the exact conditional p-value instead of R's normal approximation. Empty or
// all-zero input gives 1.
double wilcoxon_signed_rank_p(const std::vector<double>& d);

// Holm's step-down adjustment; the result is monotone in the order of the
// raw p-values and capped at 1.
std::vector<double> holm_adjust(const std::vector<double>& p);

// ---------------------------------------------------------------------------
// The decision rule (compare.md, design point 5).

enum class Decision { Faster, Slower, NoSignificantChange, Inconclusive };

std::string_view to_string(Decision decision);

// `time_ratio` is head time / base time (< 1 means head is faster), the CI is
// on the same scale and `margin` is δ (0.05 = 5%).
Decision decide(double time_ratio, double ci_low, double ci_high, double margin = kDefaultMargin);

// The displayed speedup is base / head ("1.53x faster"), the reciprocal of the
// time ratio; the same function maps in both directions.
inline double speedup_from_time_ratio(double time_ratio) { return 1.0 / time_ratio; }
inline double time_ratio_from_speedup(double speedup) { return 1.0 / speedup; }

// ---------------------------------------------------------------------------
// Paired estimate of one benchmark.

struct PairedEstimate {
  int pairs = 0;
  double time_ratio = 1.0;  // exp(HL of ln(head/base)): head / base
  double ci_low = 1.0;      // time-ratio scale
  double ci_high = 1.0;
  double requested_confidence = kDefaultConfidence;
  double achieved_confidence = 0.0;
  double p_value = 1.0;       // exact signed-rank p of the log ratios
  double holm_p_value = 1.0;  // set by apply_holm; equals p_value until then
  Decision decision = Decision::Inconclusive;
};

// d_i = ln(head_i / base_i); ratio = exp(HL(d)); CI = exp(Wilcoxon interval).
// The decision follows `decide`, except that it is Inconclusive whenever the
// requested confidence is not achievable with this many pairs: we never claim
// at a level we did not reach. Throws std::invalid_argument when the vectors
// differ in length, are empty, or hold a time <= 0.
PairedEstimate estimate_pairs(const std::vector<double>& base_times, const std::vector<double>& head_times,
                              double confidence = kDefaultConfidence, double margin = kDefaultMargin);

// Re-applies the decision rule (and the achievability guard) to an estimate.
Decision classify(const PairedEstimate& estimate, double margin);

// Holm across benchmarks: fills holm_p_value and keeps a Faster/Slower
// decision only when the adjusted p is below kFamilyAlpha; otherwise the
// benchmark becomes Inconclusive (the interval said "changed", the family
// does not back it).
void apply_holm(std::vector<PairedEstimate>& estimates);

// ---------------------------------------------------------------------------
// Sequential looks.

// Looks at min, 2·min, 4·min … pairs, capped by (and always ending at) max:
// the default 10/20/40. Each look uses confidence 1 - α/L (Bonferroni over the
// L looks), so the chance of any false Faster/Slower across all looks stays
// below α whatever the correlation between looks. It is conservative compared
// with an alpha-spending design, but needs no assumption about how the looks
// are correlated and the price is small: at 10 pairs the exact interval still
// reaches 98.3% (k = 5 instead of 9).
class SequentialPlan {
 public:
  explicit SequentialPlan(int min_pairs = 10, int max_pairs = 40, double family_confidence = kDefaultConfidence);

  [[nodiscard]] const std::vector<int>& looks() const { return looks_; }
  [[nodiscard]] int min_pairs() const { return looks_.front(); }
  [[nodiscard]] int max_pairs() const { return looks_.back(); }
  [[nodiscard]] double per_look_confidence() const;
  [[nodiscard]] bool is_look(int pairs) const;
  // The first look at or after `pairs`, or max_pairs() when past the end.
  [[nodiscard]] int next_look(int pairs) const;

  // True when `estimate` (taken at a look, with per_look_confidence()) is
  // decided — anything but Inconclusive — or when the last look is reached.
  [[nodiscard]] bool should_stop(const PairedEstimate& estimate, double margin = kDefaultMargin) const;

 private:
  std::vector<int> looks_;
  double family_confidence_;
};

// ---------------------------------------------------------------------------
// Memory (design point 6).

enum class MemoryDirection { Lower, Higher, NoChange };

struct MemoryVerdict {
  MemoryDirection direction = MemoryDirection::NoChange;
  double base_median = 0.0;
  double head_median = 0.0;
  double delta_fraction = 0.0;  // (head median - base median) / base median
};

// A change is reported only when every run of one side beats every run of the
// other AND the medians differ by at least max(1% of the base median, 64 KiB);
// the delta is filled in either way. Throws std::invalid_argument when a side
// has no runs.
MemoryVerdict compare_memory(const std::vector<double>& base_peaks, const std::vector<double>& head_peaks);

// ---------------------------------------------------------------------------
// The run schedule.

enum class Side { Base, Head };

// "base" or "head", as progress lines and JSON name the sides.
std::string_view to_string(Side side);

// 2·pairs runs in ABBA / BAAB blocks, the first block's leading side drawn
// from `seed` (std::mt19937_64) and the blocks alternating after it, so both
// the order inside a pair and a linear drift across a block cancel. Pair i is
// positions (2i, 2i+1) and always holds one Base and one Head run. Throws
// std::invalid_argument for negative `pairs`.
std::vector<Side> interleaved_schedule(int pairs, std::uint64_t seed);

}  // namespace prhost::compare::stats
