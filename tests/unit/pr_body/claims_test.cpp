#include "pr_body/claims.hpp"

#include <gtest/gtest.h>

#include "evidence_samples.hpp"

namespace prhost::pr_body {
namespace {

TEST(Claims, FindsSpeedupsAndMemoryChangesAsWritten) {
  const auto claims = claims_in_text(
      "count_words is 2.1x faster; PageBuffer.render: peak memory −60% on 200k lines; 30% less memory; "
      "speedup of 1.8×",
      "HANDOFF.md:7");
  ASSERT_EQ(claims.size(), 4U);
  EXPECT_EQ(claims[0].kind, Claim::Kind::Speedup);
  EXPECT_DOUBLE_EQ(claims[0].value, 2.1);
  EXPECT_EQ(claims[0].text, "2.1x faster");
  EXPECT_EQ(claims[1].kind, Claim::Kind::MemoryFraction);
  EXPECT_DOUBLE_EQ(claims[1].value, -0.6);
  EXPECT_DOUBLE_EQ(claims[2].value, -0.3);
  EXPECT_DOUBLE_EQ(claims[3].value, 1.8);
  EXPECT_EQ(claims[3].where, "HANDOFF.md:7");
}

TEST(Claims, PlainTextHasNone) {
  EXPECT_TRUE(claims_in_text("use a generator instead of a list; 3 files changed", "x").empty());
}

TEST(Claims, ResultsRowsClaimThroughTheirBeforeAndAfterCells) {
  inventory::ResultsRow row;
  row.before = "41.2ms";
  row.after = "19.6ms";
  const auto speed = claim_from_results_row(row, "results.tsv:2");
  ASSERT_TRUE(speed);
  EXPECT_NEAR(speed->value, 41.2 / 19.6, 1e-9);
  row.before = "120MiB";
  row.after = "48 MiB";
  const auto memory = claim_from_results_row(row, "results.tsv:4");
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->kind, Claim::Kind::MemoryFraction);
  EXPECT_NEAR(memory->value, -0.6, 1e-9);
  row.after = "19.6ms";  // a size against a time says nothing
  EXPECT_FALSE(claim_from_results_row(row, "x"));
}

TEST(Claims, AClaimOutsideTheMeasuredIntervalIsFlagged) {
  const auto measured = testing::ready_cpu_evidence().compare.benchmarks;
  const auto outside = check_claim({Claim::Kind::Speedup, 2.1, "2.1x faster", "HANDOFF.md:7"}, measured);
  EXPECT_EQ(outside.verdict, ClaimCheck::Verdict::Outside);
  EXPECT_EQ(outside.measured, "1.53x (1.47x–1.60x)");
  const auto inside = check_claim({Claim::Kind::Speedup, 1.5, "1.5x faster", "commit"}, measured);
  EXPECT_EQ(inside.verdict, ClaimCheck::Verdict::Inside);
  const auto memory = check_claim({Claim::Kind::MemoryFraction, -0.6, "−60%", "x"}, measured);
  EXPECT_EQ(memory.verdict, ClaimCheck::Verdict::NotMeasured);
}

TEST(Claims, MemoryClaimsAreCheckedAgainstTheSpreadOfTheRuns) {
  std::vector<BenchmarkMeasurement> measured{{"b", std::nullopt, testing::lower_memory(), std::nullopt}};
  EXPECT_EQ(check_claim({Claim::Kind::MemoryFraction, -0.676, "", ""}, measured).verdict, ClaimCheck::Verdict::Inside);
  EXPECT_EQ(check_claim({Claim::Kind::MemoryFraction, -0.6, "", ""}, measured).verdict, ClaimCheck::Verdict::Outside);
}

TEST(Claims, AZeroPeakAtBaseIsNotMeasuredRatherThanNan) {
  auto memory = testing::lower_memory();
  memory.base_peaks = {0.0, 0.0, 0.0};
  memory.head_peaks = {0.0, 0.0, 0.0};
  std::vector<BenchmarkMeasurement> measured{{"b", std::nullopt, memory, std::nullopt}};
  const auto check = check_claim({Claim::Kind::MemoryFraction, -0.6, "peak memory −60%", "x"}, measured);
  EXPECT_EQ(check.verdict, ClaimCheck::Verdict::NotMeasured);
  EXPECT_EQ(check.measured.find("nan"), std::string::npos) << check.measured;
}

TEST(Claims, WithoutClaimsKeepsTheMechanism) {
  EXPECT_EQ(without_claims("count_words uses collections.Counter — 2.1x faster on a 1 MB page dump"),
            "count_words uses collections.Counter");
  EXPECT_EQ(without_claims("PageBuffer.render streams chunks — peak memory −60% on 200k lines"),
            "PageBuffer.render streams chunks");
  EXPECT_EQ(without_claims("stream rows"), "stream rows");
}

TEST(Claims, LongInputStaysLinear) {
  // A megabyte of digits and x's: RE2 never backtracks.
  std::string text(1 << 20, '1');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = 'x';
  EXPECT_TRUE(claims_in_text(text, "x").size() < text.size());
}

}  // namespace
}  // namespace prhost::pr_body
