// Every compare option means the same on every backend or is refused there
// (issue 12, item 2), and refs are judged once for both backends (items 2
// and 8), on the real binary with the real codeflash.
#include <nlohmann/json.hpp>

#include "reliability_project.hpp"

namespace prhost::testing {
namespace {

using BackendOptions = ReliabilityProject;

TEST_F(BackendOptions, FailOnRegressionExitsFiveOnCodeflashsOwnResultsAndLeavesNothingBehind) {
  const auto result =
      prhost({"compare", base_sha, head_sha, "--backend", "codeflash", "--fail-on-regression", "--json"});
  ASSERT_EQ(result.exit_code, 5) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["regression_gate"]["regressions"].size(), 1U) << report.dump(2);
  EXPECT_EQ(report["regression_gate"]["regressions"][0]["name"], "test_benchmark_work");
  EXPECT_NE(result.err.find("test_benchmark_work got worse beyond the ±5% margin"), std::string::npos) << result.err;
  // codeflash's working directories (its worktrees, $TMPDIR/codeflash) were
  // prhost's own and are gone; no .benchmarks/ at the repository root.
  expect_nothing_left_behind();
}

TEST_F(BackendOptions, WithoutTheFlagTheSameSlowDownExitsZero) {
  const auto result = prhost({"compare", base_sha, head_sha, "--backend", "codeflash", "--json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["regression_gate"]["regressions"].size(), 1U);
}

TEST_F(BackendOptions, CodeflashRefusesEachOptionItCannotHonourWithExitTwoAndTheReason) {
  const std::vector<std::vector<std::string>> refused{
      {"-k", "work"},       {"--min-pairs", "10"},  {"--max-pairs", "20"},
      {"--seed", "7"},      {"--memory-runs", "5"}, {"--benchmark", "tests/benchmarks/test_benchmark_work.py"},
      {"--layout", "pairs"}};
  for (const auto& option : refused) {
    std::vector<std::string> args{"compare", base_sha, head_sha, "--backend", "codeflash"};
    args.insert(args.end(), option.begin(), option.end());
    const auto result = prhost(args);
    EXPECT_EQ(result.exit_code, 2) << option[0] << ": " << result.err;
    EXPECT_NE(result.err.find(option[0] + ": codeflash compare"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("--backend builtin"), std::string::npos) << "says what to do instead: " << result.err;
  }
  expect_nothing_left_behind();
}

TEST_F(BackendOptions, UnknownRefOnCodeflashIsExitThreeNamingTheRefWithoutGitsUsageText) {
  const auto result = prhost({"compare", "no-such-branch", head_sha, "--backend", "codeflash"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("unknown ref 'no-such-branch'"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("usage:"), std::string::npos) << result.err;
  expect_nothing_left_behind();
}

TEST_F(BackendOptions, ATagAndABranchOfTheSameNameAreAnErrorListingBothOnEveryBackend) {
  repo.git({"tag", "v2", base_sha});
  repo.git({"branch", "v2", head_sha});
  branches_before = repo.git({"branch", "-a", "-v"});
  for (const auto* backend : {"builtin", "codeflash"}) {
    const auto result = prhost({"compare", "v2", head_sha, "--backend", backend});
    EXPECT_EQ(result.exit_code, 3) << backend << ": " << result.err;
    EXPECT_NE(result.err.find("ambiguous ref 'v2'"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("refs/heads/v2 (" + head_sha.substr(0, 12) + ")"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("refs/tags/v2 (" + base_sha.substr(0, 12) + ")"), std::string::npos) << result.err;
  }
  // The full name is the way out, and is accepted.
  const auto full = prhost({"compare", "refs/tags/v2", head_sha, "--backend", "codeflash"});
  EXPECT_EQ(full.exit_code, 0) << full.err;
  expect_nothing_left_behind();
}

}  // namespace
}  // namespace prhost::testing
