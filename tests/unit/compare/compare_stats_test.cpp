// Expected values: unless a test says otherwise they come from
// tests/unit/compare/reference_values.py, which recomputes R's
// wilcox.test(x, conf.int = TRUE, exact = TRUE) rules with exact integer
// counts (no floating point) and, for p-values, checks itself against
// scipy.stats.wilcoxon(method = "exact") and brute-force sign-flip
// enumeration. The R documentation example (?wilcox.test, Hollander & Wolfe's
// depression data) is included because R's own printed output (V = 40,
// two-sided p = 0.03906) anchors the whole chain.
#include "compare/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace prhost::compare::stats {
namespace {

std::vector<double> r_doc_depression() {
  const std::vector<double> x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
  const std::vector<double> y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
  std::vector<double> d;
  for (std::size_t i = 0; i < x.size(); ++i) d.push_back(x[i] - y[i]);
  return d;
}

const std::vector<double> kLogRatios10 = {-0.0412, -0.0305, -0.0521, 0.0113, -0.0267,
                                          -0.0448, -0.0159, -0.0376, 0.0042, -0.0601};
const std::vector<double> kMixed20 = {0.31,  -0.12, 0.05, 0.44,  -0.27, 0.18, 0.09, -0.03, 0.52, 0.14,
                                      -0.08, 0.26,  0.37, -0.19, 0.22,  0.61, 0.02, -0.41, 0.29, 0.11};

// ---------------------------------------------------------------------------
// Hodges-Lehmann

TEST(HodgesLehmann, MatchesMedianOfWalshAverages) {
  EXPECT_NEAR(hodges_lehmann(r_doc_depression()), 0.46, 1e-12);
  EXPECT_NEAR(hodges_lehmann(kLogRatios10), -0.0305, 1e-12);
  EXPECT_NEAR(hodges_lehmann(kMixed20), 0.125, 1e-12);
  // Walsh averages of {1,2,4}: 1, 1.5, 2, 2.5, 3, 4 → median 2.25 (by hand).
  EXPECT_DOUBLE_EQ(hodges_lehmann({1.0, 2.0, 4.0}), 2.25);
}

TEST(HodgesLehmann, EdgeCases) {
  EXPECT_THROW(hodges_lehmann({}), std::invalid_argument);
  EXPECT_DOUBLE_EQ(hodges_lehmann({0.7}), 0.7);
  EXPECT_DOUBLE_EQ(hodges_lehmann({0.2, 0.2, 0.2, 0.2}), 0.2);
  EXPECT_DOUBLE_EQ(hodges_lehmann({0.0, 0.0, 0.0}), 0.0);
  // Robust to one wild value, unlike the mean.
  EXPECT_NEAR(hodges_lehmann({0.01, 0.02, 0.03, 0.02, 5.0}), 0.025, 1e-12);
}

// ---------------------------------------------------------------------------
// Wilcoxon interval

TEST(WilcoxonInterval, MatchesRExactOnRDocumentationExample) {
  // k = qsignrank(0.025, 9) = 6 → diffs[6], diffs[40]; achieved 1 - 2·P(V <= 5) = 123/128.
  const ConfidenceInterval ci = wilcoxon_signed_rank_ci(r_doc_depression());
  EXPECT_NEAR(ci.lower, 0.01, 1e-12);
  EXPECT_NEAR(ci.upper, 0.786, 1e-12);
  EXPECT_NEAR(ci.achieved_confidence, 0.9609375, 1e-12);
}

TEST(WilcoxonInterval, MatchesRExactOnTenLogRatios) {
  // k = 9 (the textbook critical value for n = 10 is 8, i.e. P(V <= 8) < 0.025).
  const ConfidenceInterval ci = wilcoxon_signed_rank_ci(kLogRatios10);
  EXPECT_NEAR(ci.lower, -0.0453, 1e-12);
  EXPECT_NEAR(ci.upper, -0.01315, 1e-12);
  EXPECT_NEAR(ci.achieved_confidence, 0.951171875, 1e-12);
}

TEST(WilcoxonInterval, MatchesRExactOnTwentyMixedValues) {
  const ConfidenceInterval ci = wilcoxon_signed_rank_ci(kMixed20);
  EXPECT_NEAR(ci.lower, -0.005, 1e-12);
  EXPECT_NEAR(ci.upper, 0.255, 1e-12);
  EXPECT_NEAR(ci.achieved_confidence, 0.9515590667724609, 1e-12);
}

TEST(WilcoxonInterval, PerLookConfidenceOfTheSequentialPlan) {
  // 1 - 0.05/3 at 10 pairs: k = 5, achieved 1 - 2·7/1024.
  const ConfidenceInterval ci = wilcoxon_signed_rank_ci(kLogRatios10, 1.0 - 0.05 / 3.0);
  EXPECT_NEAR(ci.lower, -0.05065, 1e-12);
  EXPECT_NEAR(ci.upper, -0.00585, 1e-12);
  EXPECT_NEAR(ci.achieved_confidence, 0.986328125, 1e-12);
}

TEST(WilcoxonInterval, TooFewPairsGivesRangeAndReportsTheLowerLevel) {
  // n = 5: P(V = 0) = 1/32 > 0.025, so R takes k = 1 (min/max of the Walsh
  // averages) and warns; the achieved level is 1 - 2/32.
  const ConfidenceInterval five = wilcoxon_signed_rank_ci({0.3, -0.1, 0.2, 0.5, 0.4});
  EXPECT_DOUBLE_EQ(five.lower, -0.1);
  EXPECT_DOUBLE_EQ(five.upper, 0.5);
  EXPECT_DOUBLE_EQ(five.achieved_confidence, 0.9375);

  const ConfidenceInterval one = wilcoxon_signed_rank_ci({0.4});
  EXPECT_DOUBLE_EQ(one.lower, 0.4);
  EXPECT_DOUBLE_EQ(one.upper, 0.4);
  EXPECT_DOUBLE_EQ(one.achieved_confidence, 0.0);
}

TEST(WilcoxonInterval, DegenerateInputs) {
  EXPECT_THROW(wilcoxon_signed_rank_ci({}), std::invalid_argument);
  EXPECT_THROW(wilcoxon_signed_rank_ci({1.0, 2.0}, 1.0), std::invalid_argument);
  EXPECT_THROW(wilcoxon_signed_rank_ci({1.0, 2.0}, 0.0), std::invalid_argument);
  const ConfidenceInterval equal = wilcoxon_signed_rank_ci(std::vector<double>(12, 0.03));
  EXPECT_DOUBLE_EQ(equal.lower, 0.03);
  EXPECT_DOUBLE_EQ(equal.upper, 0.03);
  const ConfidenceInterval zeros = wilcoxon_signed_rank_ci(std::vector<double>(12, 0.0));
  EXPECT_DOUBLE_EQ(zeros.lower, 0.0);
  EXPECT_DOUBLE_EQ(zeros.upper, 0.0);
}

TEST(WilcoxonInterval, NormalApproximationAboveTheExactRange) {
  // Past kExactMaxPairs k comes from the continuity-corrected normal
  // quantile. reference_values.py: exact k vs normal k = 673/673 (n = 61),
  // 1212/1211 (n = 80), 1956/1955 (n = 100). With the data 1..n the k-th
  // Walsh average is easy to locate, so the bounds pin k down.
  for (const auto& [n, normal_k] : std::vector<std::pair<int, int>>{{61, 673}, {80, 1211}, {100, 1955}}) {
    std::vector<double> d;
    for (int i = 1; i <= n; ++i) d.push_back(i);
    std::vector<double> walsh;
    for (int i = 0; i < n; ++i)
      for (int j = i; j < n; ++j) walsh.push_back(0.5 * (d[i] + d[j]));
    std::sort(walsh.begin(), walsh.end());
    const ConfidenceInterval ci = wilcoxon_signed_rank_ci(d);
    EXPECT_DOUBLE_EQ(ci.lower, walsh[static_cast<std::size_t>(normal_k - 1)]) << "n = " << n;
    EXPECT_DOUBLE_EQ(ci.upper, walsh[walsh.size() - static_cast<std::size_t>(normal_k)]) << "n = " << n;
    EXPECT_GE(ci.achieved_confidence, 0.95) << "n = " << n;
    EXPECT_LT(ci.achieved_confidence, 0.96) << "n = " << n;
  }
}

// ---------------------------------------------------------------------------
// Wilcoxon p-value

TEST(WilcoxonP, MatchesRAndScipyExact) {
  EXPECT_NEAR(wilcoxon_signed_rank_p(r_doc_depression()), 0.0390625, 1e-15);  // R prints 0.03906
  EXPECT_NEAR(wilcoxon_signed_rank_p(kLogRatios10), 0.009765625, 1e-15);
  EXPECT_NEAR(wilcoxon_signed_rank_p(kMixed20), 0.05316925048828125, 1e-15);
  EXPECT_NEAR(wilcoxon_signed_rank_p({0.3, -0.1, 0.2, 0.5, 0.4}), 0.125, 1e-15);
}

TEST(WilcoxonP, TiesAndZerosUseTheExactConditionalDistribution) {
  // Brute force over all 2^11 sign flips of the non-zero values, mid-ranks.
  const std::vector<double> tied = {0.1, -0.1, 0.2, 0.2, 0.0, 0.3, -0.2, 0.3, 0.3, 0.4, 0.1, 0.5};
  EXPECT_NEAR(wilcoxon_signed_rank_p(tied), 0.01953125, 1e-15);
}

TEST(WilcoxonP, EdgeCases) {
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank_p({}), 1.0);
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank_p({0.0, 0.0, 0.0}), 1.0);
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank_p({0.5}), 1.0);  // 2 · P(V >= 1) = 2 · 1/2
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank_p(std::vector<double>(10, 0.2)), 2.0 / 1024.0);
  // Symmetric data: the statistic sits at the centre.
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank_p({-0.3, -0.2, -0.1, 0.1, 0.2, 0.3}), 1.0);
}

TEST(WilcoxonP, NormalApproximationAgreesWithTheExactTailNearTheBoundary) {
  // 61 values, all positive but the smallest: the exact p is 2·2/2^61; the
  // normal approximation is far coarser out there, so only check that it is
  // tiny and positive.
  std::vector<double> d;
  for (int i = 1; i <= 61; ++i) d.push_back(i == 1 ? -0.001 * i : 0.001 * i);
  const double p = wilcoxon_signed_rank_p(d);
  EXPECT_GT(p, 0.0);
  EXPECT_LT(p, 1e-9);
}

// ---------------------------------------------------------------------------
// Holm

TEST(Holm, MatchesHandComputedAdjustment) {
  // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02 (by hand:
  // sorted 0.005·4, 0.01·3, 0.03·2, 0.04·1 → 0.02, 0.03, 0.06, max(0.04, 0.06)).
  const std::vector<double> adjusted = holm_adjust({0.01, 0.04, 0.03, 0.005});
  ASSERT_EQ(adjusted.size(), 4U);
  EXPECT_NEAR(adjusted[0], 0.03, 1e-15);
  EXPECT_NEAR(adjusted[1], 0.06, 1e-15);
  EXPECT_NEAR(adjusted[2], 0.06, 1e-15);
  EXPECT_NEAR(adjusted[3], 0.02, 1e-15);
}

TEST(Holm, CapsAtOneAndHandlesEmpty) {
  EXPECT_TRUE(holm_adjust({}).empty());
  const std::vector<double> adjusted = holm_adjust({0.5, 0.9, 0.7});
  for (const double p : adjusted) EXPECT_DOUBLE_EQ(p, 1.0);
  EXPECT_DOUBLE_EQ(holm_adjust({0.02})[0], 0.02);
}

TEST(Holm, ApplyDowngradesOnlyClaimsTheFamilyDoesNotBack) {
  PairedEstimate strong;  // survives: 0.001 · 3
  strong.p_value = 0.001;
  strong.decision = Decision::Faster;
  PairedEstimate weak;  // 0.03 · 2 = 0.06 ≥ 0.05 → loses its claim
  weak.p_value = 0.03;
  weak.decision = Decision::Slower;
  PairedEstimate unchanged;
  unchanged.p_value = 0.6;
  unchanged.decision = Decision::NoSignificantChange;
  std::vector<PairedEstimate> family = {strong, weak, unchanged};
  apply_holm(family);
  EXPECT_EQ(family[0].decision, Decision::Faster);
  EXPECT_NEAR(family[0].holm_p_value, 0.003, 1e-15);
  EXPECT_EQ(family[1].decision, Decision::Inconclusive);
  EXPECT_NEAR(family[1].holm_p_value, 0.06, 1e-15);
  EXPECT_EQ(family[2].decision, Decision::NoSignificantChange);
}

// ---------------------------------------------------------------------------
// Decision rule

TEST(Decide, FollowsRuleFiveOfTheDesign) {
  EXPECT_EQ(decide(0.65, 0.63, 0.67, 0.05), Decision::Faster);
  EXPECT_EQ(decide(0.95, 0.90, 0.99, 0.05), Decision::Faster);               // ratio exactly 1 - δ
  EXPECT_EQ(decide(0.97, 0.95, 0.99, 0.05), Decision::NoSignificantChange);  // real but below the margin
  EXPECT_EQ(decide(0.96, 0.90, 0.99, 0.05), Decision::Inconclusive);         // excludes 1, ratio inside the margin
  EXPECT_EQ(decide(1.25, 1.20, 1.31, 0.05), Decision::Slower);
  EXPECT_EQ(decide(1.00, 0.98, 1.03, 0.05), Decision::NoSignificantChange);
  EXPECT_EQ(decide(0.97, 0.93, 1.02, 0.05), Decision::Inconclusive);  // straddles 1 - δ
  EXPECT_EQ(decide(1.02, 0.99, 1.08, 0.05), Decision::Inconclusive);  // straddles 1 + δ
  EXPECT_EQ(decide(std::nan(""), 0.9, 0.95, 0.05), Decision::Inconclusive);
}

TEST(Decide, SpeedupIsTheReciprocalOfTheTimeRatio) {
  EXPECT_DOUBLE_EQ(speedup_from_time_ratio(0.5), 2.0);
  EXPECT_DOUBLE_EQ(time_ratio_from_speedup(1.25), 0.8);
  EXPECT_EQ(to_string(Decision::NoSignificantChange), "no significant change");
}

// ---------------------------------------------------------------------------
// Paired estimate

TEST(EstimatePairs, UsesLogRatiosOfHeadOverBase) {
  // head = base · exp(d) reproduces the ten log ratios above exactly.
  std::vector<double> base;
  std::vector<double> head;
  for (std::size_t i = 0; i < kLogRatios10.size(); ++i) {
    base.push_back(1000.0 + 37.0 * static_cast<double>(i));
    head.push_back(base.back() * std::exp(kLogRatios10[i]));
  }
  const PairedEstimate estimate = estimate_pairs(base, head, 0.95, 0.0);
  EXPECT_EQ(estimate.pairs, 10);
  EXPECT_NEAR(estimate.time_ratio, std::exp(-0.0305), 1e-12);
  EXPECT_NEAR(estimate.ci_low, std::exp(-0.0453), 1e-12);
  EXPECT_NEAR(estimate.ci_high, std::exp(-0.01315), 1e-12);
  EXPECT_NEAR(estimate.p_value, 0.009765625, 1e-15);
  EXPECT_DOUBLE_EQ(estimate.holm_p_value, estimate.p_value);
  EXPECT_EQ(estimate.decision, Decision::Faster);                      // δ = 0: CI below 1 is enough
  EXPECT_EQ(classify(estimate, 0.05), Decision::NoSignificantChange);  // 0.956–0.987 inside ±5%
}

TEST(EstimatePairs, RefusesToClaimBelowTheRequestedLevel) {
  // Five pairs cannot reach 95% (at best 93.75%), however large the change.
  const std::vector<double> base = {10, 11, 12, 13, 14};
  const std::vector<double> head = {5, 5.5, 6, 6.5, 7.1};
  const PairedEstimate estimate = estimate_pairs(base, head);
  EXPECT_LT(estimate.ci_high, 1.0);
  EXPECT_EQ(estimate.decision, Decision::Inconclusive);
}

TEST(EstimatePairs, IdenticalTimesAreNoChange) {
  const std::vector<double> times(10, 123.0);
  const PairedEstimate estimate = estimate_pairs(times, times);
  EXPECT_DOUBLE_EQ(estimate.time_ratio, 1.0);
  EXPECT_DOUBLE_EQ(estimate.ci_low, 1.0);
  EXPECT_DOUBLE_EQ(estimate.ci_high, 1.0);
  EXPECT_DOUBLE_EQ(estimate.p_value, 1.0);
  EXPECT_EQ(estimate.decision, Decision::NoSignificantChange);
}

TEST(EstimatePairs, RejectsBadInput) {
  EXPECT_THROW(estimate_pairs({}, {}), std::invalid_argument);
  EXPECT_THROW(estimate_pairs({1.0, 2.0}, {1.0}), std::invalid_argument);
  EXPECT_THROW(estimate_pairs({1.0, 0.0}, {1.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(estimate_pairs({1.0, 2.0}, {1.0, -2.0}), std::invalid_argument);
}

// ---------------------------------------------------------------------------
// Sequential plan

TEST(SequentialPlan, DefaultLooksAndBonferroniLevel) {
  const SequentialPlan plan;
  EXPECT_EQ(plan.looks(), (std::vector<int>{10, 20, 40}));
  EXPECT_NEAR(plan.per_look_confidence(), 1.0 - 0.05 / 3.0, 1e-15);
  EXPECT_TRUE(plan.is_look(20));
  EXPECT_FALSE(plan.is_look(15));
  EXPECT_EQ(plan.next_look(11), 20);
  EXPECT_EQ(plan.next_look(99), 40);
}

TEST(SequentialPlan, ConfigurableBounds) {
  EXPECT_EQ(SequentialPlan(10, 30).looks(), (std::vector<int>{10, 20, 30}));
  EXPECT_EQ(SequentialPlan(8, 8).looks(), (std::vector<int>{8}));
  EXPECT_NEAR(SequentialPlan(8, 8).per_look_confidence(), 0.95, 1e-15);
  EXPECT_EQ(SequentialPlan(5, 100).looks(), (std::vector<int>{5, 10, 20, 40, 80, 100}));
  EXPECT_THROW(SequentialPlan(0, 10), std::invalid_argument);
  EXPECT_THROW(SequentialPlan(20, 10), std::invalid_argument);
}

TEST(SequentialPlan, StopsWhenDecidedAtALookOrAtTheEnd) {
  const SequentialPlan plan;
  PairedEstimate decided;
  decided.pairs = 10;
  decided.time_ratio = 0.5;
  decided.ci_low = 0.48;
  decided.ci_high = 0.52;
  decided.requested_confidence = plan.per_look_confidence();
  decided.achieved_confidence = 0.986;
  EXPECT_TRUE(plan.should_stop(decided));
  decided.pairs = 15;  // not a planned look
  EXPECT_FALSE(plan.should_stop(decided));

  PairedEstimate open = decided;
  open.pairs = 20;
  open.ci_low = 0.9;
  open.ci_high = 1.1;
  open.time_ratio = 1.0;
  EXPECT_FALSE(plan.should_stop(open));
  open.pairs = 40;
  EXPECT_TRUE(plan.should_stop(open));
}

// ---------------------------------------------------------------------------
// Simulation: the error rates the design promises.

// Box-Muller on the raw mt19937_64 output, so the simulated data (and the
// rates asserted below) do not depend on the standard library's
// normal_distribution.
class LogNormalNoise {
 public:
  explicit LogNormalNoise(std::uint64_t seed) : engine_(seed) {}
  double normal() {
    const double u1 = (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  std::mt19937_64 engine_;
};

struct SimulationResult {
  int faster = 0;
  int slower = 0;
  int no_change = 0;
  int inconclusive = 0;
  long long pairs_used = 0;
};

// `true_ratio` is head/base time; every run gets `sigma` lognormal noise and
// each pair shares a slow drift (the machine warming up or throttling), which
// pairing must cancel.
SimulationResult simulate(int comparisons, double true_ratio, double sigma, double margin, const SequentialPlan& plan,
                          double per_look_confidence, std::uint64_t seed) {
  LogNormalNoise noise(seed);
  SimulationResult result;
  for (int c = 0; c < comparisons; ++c) {
    std::vector<double> base;
    std::vector<double> head;
    double drift = 0.0;
    for (int i = 0; i < plan.max_pairs(); ++i) {
      drift += 0.02 * noise.normal();
      base.push_back(1e6 * std::exp(drift + sigma * noise.normal()));
      head.push_back(1e6 * true_ratio * std::exp(drift + sigma * noise.normal()));
    }
    for (const int look : plan.looks()) {
      const std::vector<double> base_prefix(base.begin(), base.begin() + look);
      const std::vector<double> head_prefix(head.begin(), head.begin() + look);
      const PairedEstimate estimate = estimate_pairs(base_prefix, head_prefix, per_look_confidence, margin);
      if (!plan.should_stop(estimate, margin)) continue;
      result.pairs_used += look;
      switch (estimate.decision) {
        case Decision::Faster:
          ++result.faster;
          break;
        case Decision::Slower:
          ++result.slower;
          break;
        case Decision::NoSignificantChange:
          ++result.no_change;
          break;
        case Decision::Inconclusive:
          ++result.inconclusive;
          break;
      }
      break;
    }
  }
  return result;
}

void report(const char* what, const SimulationResult& r, int comparisons) {
  std::cout << "[simulation] " << what << ": faster " << r.faster << ", slower " << r.slower << ", no change "
            << r.no_change << ", inconclusive " << r.inconclusive << " of " << comparisons << " (mean pairs "
            << static_cast<double>(r.pairs_used) / comparisons << ")\n";
}

TEST(Simulation, AAFalsePositiveRateStaysUnderFivePercentWithoutMargin) {
  // δ = 0 leaves only the statistics to stop a false claim: the worst case.
  const SequentialPlan plan;  // 10/20/40
  constexpr int kComparisons = 2000;
  const SimulationResult r = simulate(kComparisons, 1.0, 0.05, 0.0, plan, plan.per_look_confidence(), 20240601);
  report("A/A, margin 0, Bonferroni looks", r, kComparisons);
  EXPECT_LE(r.faster + r.slower, kComparisons * 5 / 100);
}

TEST(Simulation, AAFalsePositiveRateWithTheDefaultMargin) {
  const SequentialPlan plan;
  constexpr int kComparisons = 2000;
  const SimulationResult r =
      simulate(kComparisons, 1.0, 0.05, kDefaultMargin, plan, plan.per_look_confidence(), 20240602);
  report("A/A, margin 5%, Bonferroni looks", r, kComparisons);
  EXPECT_LE(r.faster + r.slower, kComparisons * 5 / 100);
  // Low noise: most comparisons settle as "no significant change".
  EXPECT_GT(r.no_change, kComparisons / 2);
}

TEST(Simulation, UncorrectedLooksWouldInflateTheFalsePositiveRate) {
  // Why the Bonferroni split exists: the same A/A data judged at 95% per look.
  const SequentialPlan plan;
  constexpr int kComparisons = 2000;
  const SimulationResult corrected = simulate(kComparisons, 1.0, 0.05, 0.0, plan, plan.per_look_confidence(), 20240603);
  const SimulationResult naive = simulate(kComparisons, 1.0, 0.05, 0.0, plan, 0.95, 20240603);
  report("A/A, margin 0, 95% at every look", naive, kComparisons);
  EXPECT_GT(naive.faster + naive.slower, corrected.faster + corrected.slower);
}

TEST(Simulation, TrueTwofoldSpeedupIsAlwaysFaster) {
  const SequentialPlan plan;
  constexpr int kComparisons = 200;
  const SimulationResult r = simulate(kComparisons, 0.5, 0.10, kDefaultMargin, plan, plan.per_look_confidence(), 7);
  report("2x speedup, sigma 10%", r, kComparisons);
  EXPECT_EQ(r.faster, kComparisons);
  EXPECT_EQ(r.pairs_used, 10LL * kComparisons);  // decided at the first look every time
}

TEST(Simulation, TenPercentSpeedupIsUsuallyFoundAndNeverCalledSlower) {
  const SequentialPlan plan;
  constexpr int kComparisons = 500;
  const SimulationResult r = simulate(kComparisons, 0.9, 0.05, kDefaultMargin, plan, plan.per_look_confidence(), 11);
  report("10% speedup, sigma 5%", r, kComparisons);
  EXPECT_EQ(r.slower, 0);
  EXPECT_GE(r.faster, kComparisons * 8 / 10);
}

// ---------------------------------------------------------------------------
// Memory rule

TEST(CompareMemory, LowerWhenEveryRunBeatsEveryRunAndTheGapIsLarge) {
  const MemoryVerdict verdict = compare_memory({512e6, 515e6, 510e6}, {320e6, 322e6, 318e6});
  EXPECT_EQ(verdict.direction, MemoryDirection::Lower);
  EXPECT_DOUBLE_EQ(verdict.base_median, 512e6);
  EXPECT_DOUBLE_EQ(verdict.head_median, 320e6);
  EXPECT_DOUBLE_EQ(verdict.delta_fraction, -0.375);
}

TEST(CompareMemory, HigherMirrorsLower) {
  EXPECT_EQ(compare_memory({100e6, 101e6, 100.5e6}, {110e6, 111e6, 109e6}).direction, MemoryDirection::Higher);
}

TEST(CompareMemory, OverlappingRunsAreNoChange) {
  // Medians 30% apart, but one head run is worse than a base run.
  const MemoryVerdict verdict = compare_memory({100e6, 101e6, 102e6}, {70e6, 71e6, 100.5e6});
  EXPECT_EQ(verdict.direction, MemoryDirection::NoChange);
  EXPECT_NEAR(verdict.delta_fraction, -0.2970297, 1e-6);
}

TEST(CompareMemory, SmallGapsAreNoChange) {
  // Separated but under 1% of 100 MB.
  EXPECT_EQ(compare_memory({100e6, 100e6, 100e6}, {99.5e6, 99.5e6, 99.5e6}).direction, MemoryDirection::NoChange);
  // Separated, 20% apart, but under the 64 KiB floor.
  EXPECT_EQ(compare_memory({200e3, 200e3, 200e3}, {160e3, 160e3, 160e3}).direction, MemoryDirection::NoChange);
  // Exactly 64 KiB apart and over 1%: reported.
  EXPECT_EQ(compare_memory({1e6, 1e6, 1e6}, {1e6 + 65536, 1e6 + 65536, 1e6 + 65536}).direction,
            MemoryDirection::Higher);
}

TEST(CompareMemory, EdgeCases) {
  EXPECT_THROW(compare_memory({}, {1.0}), std::invalid_argument);
  EXPECT_THROW(compare_memory({1.0}, {}), std::invalid_argument);
  const MemoryVerdict zero = compare_memory({0.0}, {0.0});
  EXPECT_EQ(zero.direction, MemoryDirection::NoChange);
  EXPECT_DOUBLE_EQ(zero.delta_fraction, 0.0);
  EXPECT_EQ(compare_memory({5e6, 5e6}, {5e6, 5e6}).direction, MemoryDirection::NoChange);
}

// ---------------------------------------------------------------------------
// Schedule

TEST(InterleavedSchedule, EveryPairHoldsOneBaseAndOneHead) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    for (const int pairs : {0, 1, 2, 3, 10, 21}) {
      const std::vector<Side> schedule = interleaved_schedule(pairs, seed);
      ASSERT_EQ(schedule.size(), static_cast<std::size_t>(2 * pairs));
      for (int i = 0; i < pairs; ++i) EXPECT_NE(schedule[2 * i], schedule[2 * i + 1]) << "seed " << seed;
    }
  }
}

TEST(InterleavedSchedule, AbbaBlocksAlternateFromASeededStart) {
  using enum Side;
  const std::vector<Side> a = interleaved_schedule(4, 1);
  const Side first = a[0];
  const Side second = first == Base ? Head : Base;
  EXPECT_EQ(a, (std::vector<Side>{first, second, second, first, second, first, first, second}));
  EXPECT_EQ(interleaved_schedule(4, 1), a);  // same seed, same schedule

  bool saw_base_first = false;
  bool saw_head_first = false;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    (interleaved_schedule(1, seed)[0] == Base ? saw_base_first : saw_head_first) = true;
  }
  EXPECT_TRUE(saw_base_first);
  EXPECT_TRUE(saw_head_first);
  EXPECT_THROW(interleaved_schedule(-1, 0), std::invalid_argument);
}

TEST(InterleavedSchedule, BalancesOrderWithinPairs) {
  // Over 20 pairs, base leads exactly half of them.
  const std::vector<Side> schedule = interleaved_schedule(20, 42);
  int base_leads = 0;
  for (int i = 0; i < 20; ++i) base_leads += schedule[2 * i] == Side::Base ? 1 : 0;
  EXPECT_EQ(base_leads, 10);
}

}  // namespace
}  // namespace prhost::compare::stats
