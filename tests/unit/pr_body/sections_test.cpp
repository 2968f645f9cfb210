#include "pr_body/sections.hpp"

#include <gtest/gtest.h>

#include "evidence_samples.hpp"

namespace prhost::pr_body {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Sections, SummaryLeadsWithTheMechanismThenTheMeasuredEffectWithItsInterval) {
  const auto bullets = summary_bullets(testing::ready_cpu_evidence());
  const auto mechanism = bullets.find("Count words with collections.Counter");
  const auto effect = bullets.find("1.53x faster (98.3% CI 1.47–1.60x");
  ASSERT_NE(mechanism, std::string::npos) << bullets;
  ASSERT_NE(effect, std::string::npos) << bullets;
  EXPECT_LT(mechanism, effect);
  EXPECT_FALSE(contains(bullets, "2.1x")) << "the claim never replaces the measurement:\n" << bullets;
}

TEST(Sections, AnInconclusiveResultIsSaidAsSuchNeverRoundedUp) {
  auto e = testing::ready_cpu_evidence();
  auto& timing = *e.compare.benchmarks[0].timing;
  timing.decision = "inconclusive";
  timing.verdict = "inconclusive (0.97–1.31x, 40 paired rounds): the interval straddles the ±5% margin";
  timing.speedup = 1.12;
  const auto bullets = summary_bullets(e);
  EXPECT_TRUE(contains(bullets, "inconclusive (0.97–1.31x")) << bullets;
  EXPECT_TRUE(contains(bullets, "no speed-up is claimed")) << bullets;
  EXPECT_FALSE(contains(bullets, "1.12x")) << bullets;
  EXPECT_FALSE(contains(changelog_entry(e), "faster")) << changelog_entry(e);
}

TEST(Sections, NoSignificantChangeIsSaidAsSuch) {
  auto e = testing::ready_cpu_evidence();
  auto& timing = *e.compare.benchmarks[0].timing;
  timing.decision = "no significant change";
  timing.verdict = "no significant change (0.98–1.03x, 20 paired rounds)";
  EXPECT_TRUE(contains(summary_bullets(e), "no significant change (0.98–1.03x")) << summary_bullets(e);
}

TEST(Sections, MemoryEffectGivesTheDropAndBothPeaks) {
  const auto text = memory_effect(testing::lower_memory());
  EXPECT_TRUE(contains(text, "peak memory −42.0 MiB (62.1 MiB → 20.1 MiB, −67.6%, memray")) << text;
}

TEST(Sections, TestItemsCarryUnitTestsBenchmarkAndOneEvidenceLineEach) {
  const auto items = test_items(testing::ready_cpu_evidence());
  EXPECT_TRUE(contains(items, "- [x] Existing unit tests pass (412 passed)")) << items;
  EXPECT_TRUE(contains(items,
                       "- [x] Benchmark `tests/benchmarks/test_benchmark_count_words.py::test_benchmark_count_words` "
                       "ran at both refs: 1.53x faster"))
      << items;
  EXPECT_TRUE(contains(items, "- [x] Each side ran its own code")) << items;
  EXPECT_TRUE(contains(items, "executes 14/16 changed lines")) << items;
  EXPECT_TRUE(contains(items, "- [x] Base and head return the same results")) << items;
}

TEST(Sections, WhatWasNotMeasuredIsSaidNotFaked) {
  auto e = testing::ready_cpu_evidence();
  e.benchmarks[0].coverage.reset();
  e.benchmarks[0].equivalent.reset();
  e.unit_tests = {};
  e.compare.own_code_enforced = false;
  e.compare.backend = "codeflash";
  const auto items = test_items(e);
  EXPECT_TRUE(contains(items, "- [ ] Changed lines executed by `test_benchmark_count_words`: not measured")) << items;
  EXPECT_TRUE(contains(items, "- [ ] Same results at base and head on the benchmark's inputs: not checked")) << items;
  EXPECT_TRUE(contains(items, "- [ ] Existing unit tests: not run yet")) << items;
  EXPECT_TRUE(contains(items, "- [ ] Each side ran its own code: not proven by the codeflash backend")) << items;
}

TEST(Sections, FailingUnitTestsQuoteTheFirstFailure) {
  auto e = testing::ready_cpu_evidence();
  e.unit_tests.state = UnitTestEvidence::State::Failed;
  e.unit_tests.summary = "1 failed, 2 passed";
  e.unit_tests.first_failure = "FAILED tests/test_shop.py::test_total - assert 5 == 6";
  EXPECT_TRUE(contains(test_items(e),
                       "fail at e94065875b5f (1 failed, 2 passed); first failure: "
                       "`FAILED tests/test_shop.py::test_total - assert 5 == 6`"))
      << test_items(e);
}

TEST(Sections, ReproduceHasPrhostCodeflashAndPlainPytest) {
  auto e = testing::ready_cpu_evidence();
  e.benchmarks[0].is_method = true;
  e.benchmarks[0].function = "shelfscan.pages:PageBuffer.render";
  e.benchmarks[0].function_file = "shelfscan/pages.py";
  const auto text = reproduce(e);
  EXPECT_TRUE(contains(text,
                       "prhost compare 85f27dff8ad6 e94065875b5f --timeout 120 --benchmark "
                       "tests/benchmarks/test_benchmark_count_words.py"))
      << text;
  EXPECT_TRUE(contains(text,
                       "codeflash compare 85f27dff8ad6 e94065875b5f --timeout 120 --inject "
                       "tests/benchmarks/test_benchmark_count_words.py --functions "
                       "'shelfscan/pages.py::PageBuffer.render'"))
      << text;
  EXPECT_TRUE(contains(text, "uv run python -m pytest tests/benchmarks/test_benchmark_count_words.py --benchmark-only"))
      << text;
}

TEST(Sections, TheCodeflashLineLeavesOutTheMetricCodeflashHasNot) {
  auto e = testing::ready_cpu_evidence();
  e.flags = "--timeout 120 --metric both";
  const auto text = reproduce(e);
  EXPECT_TRUE(contains(text, "prhost compare 85f27dff8ad6 e94065875b5f --timeout 120 --metric both --benchmark"))
      << text;
  EXPECT_TRUE(contains(text, "codeflash compare 85f27dff8ad6 e94065875b5f --timeout 120 --inject")) << text;
}

TEST(Sections, ChangelogSectionIsEmptyWithoutAChangelog) {
  EXPECT_EQ(changelog_section({}), "");
  const auto text = changelog_section({"CHANGES.rst", "Unreleased\n----------", false, "* Faster."});
  EXPECT_TRUE(contains(text, "`CHANGES.rst` keeps a changelog")) << text;
  EXPECT_TRUE(contains(text, "* Faster.")) << text;
}

TEST(Sections, MechanismDropsTheConventionalPrefixOnly) {
  auto e = testing::ready_cpu_evidence();
  EXPECT_EQ(mechanism_of(e), "Count words with collections.Counter");
  e.subject = "Fix: NaN in totals";
  EXPECT_EQ(mechanism_of(e), "Fix: NaN in totals");
  e.subject = "shelfscan.tokens: faster split";
  EXPECT_EQ(mechanism_of(e), "shelfscan.tokens: faster split");
}

}  // namespace
}  // namespace prhost::pr_body
