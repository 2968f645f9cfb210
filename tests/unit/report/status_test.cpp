#include "report/status.hpp"

#include <gtest/gtest.h>

#include "evidence_samples.hpp"

namespace prhost::report {
namespace {

using Kind = Status::Kind;

TEST(Status, EverythingMeasuredAndImprovedIsReady) {
  const auto status = decide_status(testing::ready_cpu_evidence());
  EXPECT_EQ(status.kind, Kind::Ready) << status.text();
  EXPECT_EQ(status.text(), "ready");
}

TEST(Status, FailingUnitTestsBlock) {
  auto e = testing::ready_cpu_evidence();
  e.unit_tests.state = pr_body::UnitTestEvidence::State::Failed;
  EXPECT_EQ(decide_status(e).text(), "blocked (unit tests fail)");
  // The failing test is named, so a test this machine cannot pass is seen.
  e.unit_tests.first_failure = "FAILED tests/test_net.py::test_fetch[ipv6] - OSError: unreachable";
  EXPECT_EQ(decide_status(e).text(), "blocked (unit tests fail: tests/test_net.py::test_fetch[ipv6])");
  e.unit_tests.first_failure = "ERROR tests/test_toml_tests.py - FileNotFoundError: [Errno 2]";
  EXPECT_EQ(decide_status(e).text(), "blocked (unit tests fail: tests/test_toml_tests.py)");
}

TEST(Status, NoWorkingBenchmarkBlocks) {
  auto e = testing::ready_cpu_evidence();
  e.benchmarks[0].status = "needs review";
  e.benchmarks[0].cause = "missing input: text";
  EXPECT_EQ(decide_status(e).text(), "blocked (no working benchmark: missing input: text)");
}

TEST(Status, ADifferentResultAtHeadBlocks) {
  auto e = testing::ready_cpu_evidence();
  e.benchmarks[0].equivalent = false;
  EXPECT_EQ(decide_status(e).text(), "blocked (head returns a different result than base)");
}

TEST(Status, AFailedCompareBlocksAndSaysWhy) {
  auto e = testing::ready_cpu_evidence();
  e.compare = {};
  e.compare.failed = true;
  e.compare.missing = "compare failed at base: benchmark missing";
  EXPECT_EQ(decide_status(e).text(), "blocked (compare failed at base: benchmark missing)");
}

TEST(Status, AnInconclusiveEffectIsNeverReady) {
  auto e = testing::ready_cpu_evidence();
  e.compare.benchmarks[0].timing->decision = "inconclusive";
  const auto status = decide_status(e);
  EXPECT_EQ(status.kind, Kind::NeedsReview);
  EXPECT_NE(status.text().find("effect inconclusive"), std::string::npos) << status.text();
  e.compare.benchmarks[0].timing->decision = "no significant change";
  EXPECT_EQ(decide_status(e).text(), "needs review (no significant change measured)");
}

TEST(Status, APrimaryRegressionBlocksASecondaryOneNeedsReview) {
  auto e = testing::ready_cpu_evidence();
  e.compare.benchmarks[0].timing->decision = "slower";
  EXPECT_EQ(decide_status(e).kind, Kind::Blocked);
  // A memory change that costs time: the memory is what it is about.
  e.memory_primary = true;
  e.time_primary = false;
  e.compare.benchmarks[0].memory = testing::lower_memory();
  const auto status = decide_status(e);
  EXPECT_EQ(status.kind, Kind::NeedsReview) << status.text();
  EXPECT_NE(status.text().find("trade-off"), std::string::npos) << status.text();
}

TEST(Status, AMemoryChangeIsReadyOnItsMemoryAloneWhateverTheTimingSays) {
  auto e = testing::ready_cpu_evidence();
  e.memory_primary = true;
  e.time_primary = false;
  e.compare.benchmarks[0].timing->decision = "inconclusive";
  e.compare.benchmarks[0].memory = testing::lower_memory();
  EXPECT_EQ(decide_status(e).kind, Kind::Ready) << decide_status(e).text();
}

TEST(Status, NotMeasuredEvidenceKeepsItFromReady) {
  auto e = testing::ready_cpu_evidence();
  e.benchmarks[0].coverage.reset();
  EXPECT_EQ(decide_status(e).text(), "needs review (changed-line coverage not measured)");
  e = testing::ready_cpu_evidence();
  e.benchmarks[0].equivalent.reset();
  EXPECT_EQ(decide_status(e).text(), "needs review (base/head results not compared)");
  e = testing::ready_cpu_evidence();
  e.unit_tests = {};
  EXPECT_EQ(decide_status(e).kind, Kind::NeedsReview);
  e = testing::ready_cpu_evidence();
  e.compare.own_code_enforced = false;
  e.compare.backend = "codeflash";
  EXPECT_NE(decide_status(e).text().find("own code"), std::string::npos) << decide_status(e).text();
}

TEST(Status, ABlockedOneKeepsItsReviewReasonsApart) {
  auto e = testing::ready_cpu_evidence();
  e.unit_tests.state = pr_body::UnitTestEvidence::State::Failed;
  e.benchmarks[0].coverage.reset();
  const auto status = decide_status(e);
  EXPECT_EQ(status.reasons, std::vector<std::string>{"unit tests fail"});
  EXPECT_EQ(status.review_reasons, std::vector<std::string>{"changed-line coverage not measured"});
}

}  // namespace
}  // namespace prhost::report
