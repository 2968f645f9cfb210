#include <gtest/gtest.h>

#include <cmath>

#include "compare/calibration/calibration.hpp"

namespace prhost::compare {
namespace {

TEST(Calibration, UpperBoundForZeroFalsePositivesIsTheRuleOfThree) {
  // Exact: 1 - 0.05^(1/n); the "rule of three" approximates it as 3/n.
  EXPECT_NEAR(binomial_upper_bound(0, 100), 1 - std::pow(0.05, 1.0 / 100), 1e-9);
  EXPECT_NEAR(binomial_upper_bound(0, 100), 0.02951, 1e-5);
}

TEST(Calibration, UpperBoundMatchesClopperPearsonForOneOfAHundred) {
  // One-sided 95% Clopper–Pearson for 1/100 (R: binom.test(1, 100,
  // alternative = "less")$conf.int[2] = 0.04655981).
  EXPECT_NEAR(binomial_upper_bound(1, 100), 0.0465598, 1e-6);
  EXPECT_DOUBLE_EQ(binomial_upper_bound(5, 5), 1.0);
}

BenchmarkOutcome outcome(const std::string& name, stats::Decision decision, double ci_low, double ci_high) {
  BenchmarkOutcome result;
  result.name = name;
  result.estimate.decision = decision;
  result.estimate.ci_low = ci_low;
  result.estimate.ci_high = ci_high;
  result.base_medians_ns = {100, 100, 100};
  result.head_medians_ns = {101, 99, 102};
  return result;
}

TEST(Calibration, CountsFalseVerdictsPerBenchmarkAndOverall) {
  EngineResult first;
  first.benchmarks = {outcome("t.py::a", stats::Decision::NoSignificantChange, 0.98, 1.02),
                      outcome("t.py::b", stats::Decision::Slower, 1.06, 1.09)};
  EngineResult second;
  second.benchmarks = {outcome("t.py::a", stats::Decision::Inconclusive, 0.93, 1.01),
                       outcome("t.py::b", stats::Decision::NoSignificantChange, 0.99, 1.03)};
  const auto summary = summarize_calibration("HEAD", "abc", {1, 2}, {first, second});
  EXPECT_EQ(summary.comparisons, 4);
  EXPECT_EQ(summary.false_positives, 1);
  EXPECT_DOUBLE_EQ(summary.false_positive_rate, 0.25);
  ASSERT_EQ(summary.benchmarks.size(), 2U);
  EXPECT_EQ(summary.benchmarks[0].inconclusive, 1);
  EXPECT_NEAR(summary.benchmarks[0].noise_floor_percent, 7.0, 1e-9);  // the widest: 0.93
  EXPECT_NEAR(summary.benchmarks[0].round_noise_percent, 1.0, 0.05);  // median |ln(1.01)|, |ln(0.99)|, |ln(1.02)|
  const auto text = render_calibration(summary);
  EXPECT_NE(text.find("| b | 2 | 1 | 50.0%"), std::string::npos) << text;
  EXPECT_NE(text.find("1 false verdict(s) in 4 A/A comparisons"), std::string::npos);
}

}  // namespace
}  // namespace prhost::compare
