// The instruction metric's statistics and words on recorded counts: the
// ratio, its Student-t interval across pairs, the ±0.5% decision and the
// JSON beside each benchmark's timing.
#include <gtest/gtest.h>

#include <cmath>

#include "compare/instructions/instruction_comparison.hpp"
#include "compare/instructions/instruction_report.hpp"

namespace prhost::compare::instructions {
namespace {

using stats::Decision;

TEST(InstructionEstimate, IdenticalCountsInEveryPairAreNoSignificantChangeWithAZeroWidthInterval) {
  const auto outcome =
      estimate("test_a", {35945264, 35945264, 35945264}, {35945264, 35945264, 35945264}, 0.95, kDefaultMargin);
  EXPECT_DOUBLE_EQ(outcome.ratio, 1.0);
  EXPECT_DOUBLE_EQ(outcome.ci_low, 1.0);
  EXPECT_DOUBLE_EQ(outcome.ci_high, 1.0);
  EXPECT_EQ(outcome.decision, Decision::NoSignificantChange);
}

TEST(InstructionEstimate, AOnePercentChangeIsDecidedWhereTheSeedsMoveCountsByAHundredthOfThat) {
  // Hash-seed noise of ~0.01% per pair, a true +1% at head.
  const std::vector<double> base{1'000'000, 1'000'100, 999'900};
  const std::vector<double> head{1'010'050, 1'010'000, 1'009'950};
  const auto slower = estimate("t", base, head, 0.95, kDefaultMargin);
  EXPECT_EQ(slower.decision, Decision::Slower);
  EXPECT_NEAR(slower.ratio, 1.01, 0.0005);
  EXPECT_GT(slower.ci_low, 1.005);
  const auto faster = estimate("t", head, base, 0.95, kDefaultMargin);
  EXPECT_EQ(faster.decision, Decision::Faster);
}

TEST(InstructionEstimate, ASpreadWiderThanTheMarginIsInconclusiveNotAVerdict) {
  const auto outcome = estimate("t", {100, 100, 100}, {101, 99, 102}, 0.95, kDefaultMargin);
  EXPECT_EQ(outcome.decision, Decision::Inconclusive);
  EXPECT_LT(outcome.ci_low, 1.0);
  EXPECT_GT(outcome.ci_high, 1.005);
}

TEST(InstructionEstimate, OnePairGivesARatioButNoIntervalAndNoVerdict) {
  const auto outcome = estimate("t", {100}, {50}, 0.95, kDefaultMargin);
  EXPECT_DOUBLE_EQ(outcome.ratio, 0.5);
  EXPECT_FALSE(std::isfinite(outcome.ci_high));
  EXPECT_EQ(outcome.decision, Decision::Inconclusive);
  EXPECT_NE(verdict_text(outcome, 0.95, kDefaultMargin).find("one pair, no interval"), std::string::npos);
  EXPECT_THROW(estimate("t", {1, 2}, {1}, 0.95, kDefaultMargin), std::invalid_argument);
}

TEST(InstructionReport, EachBenchmarkGetsItsInstructionsBesideItsTimingAndTheTextSaysTheyAreNotTime) {
  Comparison comparison;
  comparison.tool = "valgrind-3.19.0 (callgrind)";
  comparison.pairs = 3;
  comparison.calls = 2;
  comparison.confidence = 0.95;
  comparison.margin = kDefaultMargin;
  comparison.benchmarks.push_back(estimate("test_work", {200, 200, 200}, {100, 100, 100}, 0.95, kDefaultMargin));
  nlohmann::json json{{"benchmarks", {{{"name", "test_work"}}, {{"name", "test_other"}}}}};
  add_to_json(comparison, json);
  ASSERT_TRUE(json["benchmarks"][0].contains("instructions"));
  EXPECT_DOUBLE_EQ(json["benchmarks"][0]["instructions"]["ratio"].get<double>(), 0.5);
  EXPECT_EQ(json["benchmarks"][0]["instructions"]["decision"], "faster");
  EXPECT_FALSE(json["benchmarks"][1].contains("instructions")) << "attached by name only";
  EXPECT_EQ(json["instructions"]["pairs"], 3);
  const auto markdown = render_markdown(comparison);
  EXPECT_NE(markdown.find("## Instructions (not time)"), std::string::npos);
  EXPECT_NE(markdown.find("Instructions are not time"), std::string::npos);
  EXPECT_NE(markdown.find("0.5000x instructions per call"), std::string::npos);
  EXPECT_NE(markdown.find("fewer instructions"), std::string::npos);
}

}  // namespace
}  // namespace prhost::compare::instructions
