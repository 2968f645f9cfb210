#include "prepare/unit_tests.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace prhost::prepare {
namespace {

using State = pr_body::UnitTestEvidence::State;

TEST(UnitTests, PassingRunReportsPytestsCounts) {
  const auto evidence = read_pytest_outcome(0, "....\n412 passed, 3 skipped in 2.31s\n", "");
  EXPECT_EQ(evidence.state, State::Passed);
  EXPECT_EQ(evidence.summary, "412 passed, 3 skipped");
}

TEST(UnitTests, AFailureQuotesTheFirstFailingTest) {
  const auto out =
      "..F.F\n=========================== short test summary info ===========================\n"
      "FAILED tests/test_shop.py::test_total - assert 5 == 6\nFAILED tests/test_shop.py::test_other - boom\n"
      "==================== 2 failed, 3 passed in 0.12s ====================\n";
  const auto evidence = read_pytest_outcome(1, out, "");
  EXPECT_EQ(evidence.state, State::Failed);
  EXPECT_EQ(evidence.first_failure, "FAILED tests/test_shop.py::test_total - assert 5 == 6");
  EXPECT_EQ(evidence.summary, "2 failed, 3 passed");
}

TEST(UnitTests, ACollectionErrorAtHeadIsAFailure) {
  const auto evidence =
      read_pytest_outcome(2, "ERROR tests/test_x.py - ImportError: cannot import name 'f'\n1 error in 0.1s\n", "");
  EXPECT_EQ(evidence.state, State::Failed);
  EXPECT_EQ(evidence.first_failure, "ERROR tests/test_x.py - ImportError: cannot import name 'f'");
}

TEST(UnitTests, NoTestsAndUsageErrorsAreNotPasses) {
  EXPECT_EQ(read_pytest_outcome(5, "no tests ran in 0.01s\n", "").state, State::NoTests);
  const auto usage = read_pytest_outcome(4, "", "ERROR: usage: unrecognized arguments: --cov\n");
  EXPECT_EQ(usage.state, State::CouldNotRun);
  EXPECT_NE(usage.why.find("unrecognized arguments: --cov"), std::string::npos) << usage.why;
}

TEST(UnitTests, ArgumentsLeaveOutTheBenchmarksRootAndUseTheTestsRoot) {
  testing::ScratchDir project;
  testing::write_file(project / "pyproject.toml", "[tool.codeflash]\ntests-root = \"tests\"\n");
  const auto arguments = unit_test_arguments(project.path(), "tests/benchmarks");
  EXPECT_NE(std::find(arguments.begin(), arguments.end(), "--ignore=tests/benchmarks"), arguments.end());
  EXPECT_NE(std::find(arguments.begin(), arguments.end(), "no:cacheprovider"), arguments.end());
  EXPECT_EQ(arguments.back(), "tests");
  EXPECT_EQ(unit_test_command("uv run python", {"-q", "tests"}), "uv run python -m pytest -q tests");
}

TEST(UnitTests, ProjectArgumentsComeLastAndTheCommandQuotesThem) {
  testing::ScratchDir project;
  const auto arguments = unit_test_arguments(project.path(), "tests/benchmarks", {"-k", "not network"});
  ASSERT_GE(arguments.size(), 2U);
  EXPECT_EQ(arguments[arguments.size() - 2], "-k");
  EXPECT_EQ(arguments.back(), "not network");
  EXPECT_EQ(unit_test_command(".venv/bin/python", {"-q", "-k", "not network"}),
            ".venv/bin/python -m pytest -q -k 'not network'");
}

TEST(UnitTests, JsonRoundTripKeepsTheOutcome) {
  auto evidence = read_pytest_outcome(1, "FAILED t.py::x - e\n1 failed in 1s\n", "");
  evidence.head_sha = "abc";
  evidence.command = "python -m pytest";
  const auto back = unit_tests_from_json(to_json(evidence));
  EXPECT_EQ(back.state, State::Failed);
  EXPECT_EQ(back.first_failure, evidence.first_failure);
  EXPECT_EQ(back.head_sha, "abc");
}

}  // namespace
}  // namespace prhost::prepare
