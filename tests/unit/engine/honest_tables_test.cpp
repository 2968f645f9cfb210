// Colour is a claim: recorded outcomes (no timing) for each decision, and what
// the markdown and JSON then say. The A/A case is the one from issue 9: the
// medians happen to differ by 1.26x on identical code and the engine called
// it inconclusive, so the table must not show a green 1.26x.
#include <gtest/gtest.h>

#include "compare/codeflash/codeflash_outcome.hpp"
#include "compare/report/compare_report.hpp"
#include "compare/report/cross_check.hpp"

namespace prhost::compare {
namespace {

BenchmarkOutcome outcome(const std::string& name, double base_median, double head_median, stats::Decision decision,
                         double ci_low, double ci_high) {
  BenchmarkOutcome out;
  out.name = "tests/benchmarks/test_a.py::" + name;
  out.base = {base_median * 0.9, base_median, base_median, 1e9 / base_median, 40};
  out.head = {head_median * 0.9, head_median, head_median, 1e9 / head_median, 40};
  out.estimate.pairs = 40;
  out.estimate.time_ratio = (ci_low + ci_high) / 2;
  out.estimate.ci_low = ci_low;
  out.estimate.ci_high = ci_high;
  out.estimate.requested_confidence = 1 - 0.05 / 3;
  out.estimate.achieved_confidence = out.estimate.requested_confidence;
  out.estimate.decision = decision;
  return out;
}

EngineResult recorded() {
  EngineResult result;
  result.pairs = 40;
  result.looks_taken = {10, 20, 40};
  result.per_look_confidence = 1 - 0.05 / 3;
  // A/A from issue 9: medians 1.26x apart, interval 0.97–1.31x -> inconclusive.
  result.benchmarks.push_back(outcome("test_aa", 12.6e6, 10.0e6, stats::Decision::Inconclusive, 1 / 1.31, 1 / 0.97));
  result.benchmarks.push_back(outcome("test_fast", 20e6, 10e6, stats::Decision::Faster, 0.49, 0.51));
  result.benchmarks.push_back(outcome("test_slow", 10e6, 11e6, stats::Decision::Slower, 1.08, 1.12));
  result.benchmarks.push_back(outcome("test_same", 10.1e6, 10e6, stats::Decision::NoSignificantChange, 0.99, 1.01));
  return result;
}

ComparisonContext context() {
  ComparisonContext context;
  context.base = {"main", std::string(40, 'a')};
  context.head = {"HEAD", std::string(40, 'b')};
  context.backend = "builtin";
  context.margin = 0.03;
  return context;
}

std::string section_of(const std::string& text, const std::string& name) {
  const auto begin = text.find("### " + name);
  const auto end = text.find("### ", begin + 4);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

TEST(HonestTables, OnlyDecidedBenchmarksAreColoured) {
  const auto text = render_markdown(context(), recorded());
  const auto aa = section_of(text, "test_aa");
  EXPECT_EQ(aa.find("🟢"), std::string::npos) << aa;
  EXPECT_EQ(aa.find("🔴"), std::string::npos) << aa;
  EXPECT_NE(aa.find("| **Speedup** | 1.26x | 1.26x | 1.26x | 1.26x | |"), std::string::npos) << aa;
  EXPECT_NE(section_of(text, "test_fast").find("**🟢 2.00x**"), std::string::npos);
  EXPECT_NE(section_of(text, "test_slow").find("**🔴 0.91x**"), std::string::npos);
  const auto same = section_of(text, "test_same");
  EXPECT_EQ(same.find("🟢"), std::string::npos) << same;
}

TEST(HonestTables, EachVerdictLineStandsDirectlyUnderItsTable) {
  const auto text = render_markdown(context(), recorded());
  for (const std::string name : {"test_aa", "test_fast", "test_slow", "test_same"}) {
    const auto section = section_of(text, name);
    const auto speedup_row = section.find("| **Speedup** |");
    const auto verdict = section.find("- " + name + ": ");
    ASSERT_NE(verdict, std::string::npos) << section;
    EXPECT_GT(verdict, speedup_row);
    // Nothing but a blank line between the table and its verdict.
    EXPECT_EQ(section.substr(section.find('\n', speedup_row), verdict - section.find('\n', speedup_row)), "\n\n");
  }
  EXPECT_NE(section_of(text, "test_aa").find("inconclusive (0.97–1.31x, 40 paired rounds)"), std::string::npos);
}

TEST(HonestTables, JsonCarriesTheVerdictNextToEachRatio) {
  const auto json = to_json(context(), recorded());
  const auto& aa = json["benchmarks"][0]["table_speedups"];
  EXPECT_NEAR(aa["median"].get<double>(), 1.26, 1e-9);
  EXPECT_EQ(aa["decision"], "inconclusive");
  EXPECT_EQ(aa["colour"], "neutral");
  EXPECT_EQ(json["benchmarks"][1]["table_speedups"]["colour"], "green");
  EXPECT_EQ(json["benchmarks"][2]["table_speedups"]["colour"], "red");
  EXPECT_EQ(json["benchmarks"][3]["table_speedups"]["colour"], "neutral");
}

TEST(CrossCheck, SaysWhetherCodeflashsMedianLiesInsideTheInterval) {
  codeflash::ParsedComparison parsed;
  codeflash::ParsedBenchmark fast;
  fast.name = "test_fast";
  fast.speedup = codeflash::ParsedSpeedups{2.0, 2.01, 2.0, 2.0};
  codeflash::ParsedBenchmark slow;
  slow.name = "test_slow";
  slow.speedup = codeflash::ParsedSpeedups{0.5, 0.51, 0.6, 0.6};  // codeflash's 0.51x on a true 10% slow-down
  parsed.benchmarks = {fast, slow};
  const auto check = cross_check(recorded(), parsed);
  ASSERT_EQ(check.rows.size(), 4U);
  EXPECT_TRUE(check.rows[1].inside());
  EXPECT_FALSE(check.rows[2].inside());
  EXPECT_FALSE(check.rows[0].codeflash_median.has_value());
  const auto text = render_cross_check(check);
  EXPECT_NE(text.find("- test_fast: codeflash median 2.01x is inside prhost 1.96–2.04x (faster)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("- test_slow: codeflash median 0.51x is **outside** prhost 0.89–0.93x (slower)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- test_aa: prhost 0.97–1.31x (inconclusive); codeflash reported no speedup"), std::string::npos)
      << text;
  const auto json = to_json(check);
  EXPECT_EQ(json["benchmarks"][1]["inside"], true);
  EXPECT_EQ(json["benchmarks"][2]["inside"], false);
  EXPECT_TRUE(json["benchmarks"][0]["inside"].is_null());
}

TEST(CodeflashOutcome, NoChangedFunctionsHasItsOwnCauseAndFix) {
  // What codeflash 0.x logs on an A/A comparison (both lines appear; the first is the cause).
  const std::string err =
      "WARNING  No changed Python functions found between abc and abc\n"
      "WARNING  No benchmark data collected. Check that benchmarks-root is configured and benchmarks exist.\n";
  const auto cause = codeflash::classify_codeflash_outcome("", err);
  ASSERT_TRUE(cause.has_value());
  EXPECT_EQ(cause->cause_id, codeflash::kNoChangedFunctions);
  EXPECT_NE(cause->fix.find("top-level"), std::string::npos);
  EXPECT_NE(cause->fix.find("--backend builtin"), std::string::npos);
  EXPECT_NE(cause->detail.find("No changed Python functions found between abc and abc"), std::string::npos);
}

TEST(CodeflashOutcome, NoBenchmarkDataAloneAndOrdinaryFailures) {
  const auto data = codeflash::classify_codeflash_outcome(
      "No benchmark data collected. Check that benchmarks-root is configured and benchmarks exist.\n", "");
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ(data->cause_id, codeflash::kNoBenchmarkData);
  EXPECT_FALSE(codeflash::classify_codeflash_outcome("", "ModuleNotFoundError: No module named 'numpy'\n"));
}

}  // namespace
}  // namespace prhost::compare
