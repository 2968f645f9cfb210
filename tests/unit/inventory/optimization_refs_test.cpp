// Which two commits measure each optimization, on a real stacked branch:
// first parent → commit by default (one isolated comparison each), an open
// pull request's merge base → head when gh reported one that contains the
// commit, and an `[[optimization]]` entry over both.
#include "inventory/optimization_refs.hpp"

#include <gtest/gtest.h>

#include <set>

#include "test_support.hpp"

namespace prhost::inventory {
namespace {

// main: one commit; branch codeflash/optimize: three optimizations on top.
struct StackedBranch {
  StackedBranch() {
    repo.write("shop/a.py", "x = 0\n");
    base = repo.commit("Initial");
    repo.git({"checkout", "-q", "-b", "codeflash/optimize"});
    for (int i = 1; i <= 3; ++i) {
      repo.write("shop/a.py", "x = " + std::to_string(i) + "\n");
      shas.push_back(repo.commit("perf: step " + std::to_string(i)));
    }
  }

  [[nodiscard]] Optimization optimization(int number) const {
    Optimization o;
    o.number = number;
    o.commit.sha = shas[number - 1];
    o.commit.short_sha = o.commit.sha.substr(0, 7);
    o.commit.parents = {number == 1 ? base : shas[number - 2]};
    return o;
  }

  testing::GitRepo repo;
  std::string base;
  std::vector<std::string> shas;
};

TEST(OptimizationRefs, AStackedBranchGivesOneIsolatedComparisonPerOptimization) {
  const StackedBranch branch;
  const auto repository = git::Repository::open(branch.repo.root());
  std::set<std::string> keys;
  for (int number = 1; number <= 3; ++number) {
    const auto refs = choose_refs(repository, branch.optimization(number), {});
    ASSERT_TRUE(refs.ok()) << refs.error;
    EXPECT_EQ(refs.origin, "commit");
    EXPECT_EQ(refs.head_sha, branch.shas[number - 1]);
    EXPECT_EQ(refs.base_sha, number == 1 ? branch.base : branch.shas[number - 2]) << "its own first parent";
    keys.insert(refs.key());
  }
  EXPECT_EQ(keys.size(), 3U) << "three comparisons, not one cumulative one";
}

TEST(OptimizationRefs, AnOpenPullRequestThatContainsTheCommitGivesItsMergeBaseAndHead) {
  const StackedBranch branch;
  const auto repository = git::Repository::open(branch.repo.root());
  auto optimization = branch.optimization(2);
  PullRequest closed{11, "CLOSED", "old", "", "main", "codeflash/optimize", branch.shas[2]};
  PullRequest open{12, "OPEN", "perf", "", "main", "codeflash/optimize", branch.shas[2]};
  optimization.pr_status.pull_requests = {closed, open};
  const auto refs = choose_refs(repository, optimization, {});
  ASSERT_TRUE(refs.ok()) << refs.error;
  EXPECT_EQ(refs.origin, "pull request #12");
  EXPECT_EQ(refs.base_sha, branch.base) << "the merge base of the PR's head and main";
  EXPECT_EQ(refs.head_sha, branch.shas[2]);
  EXPECT_EQ(refs.base_label, "main (PR #12 base)");

  // A PR whose head does not contain the commit is not its pull request.
  auto first = branch.optimization(3);
  first.pr_status.pull_requests = {{13, "OPEN", "other", "", "main", "", branch.shas[0]}};
  const auto own = choose_refs(repository, first, {});
  EXPECT_EQ(own.origin, "commit");
  ASSERT_EQ(own.notes.size(), 1U);
  EXPECT_NE(own.notes[0].find("PR #13 does not contain"), std::string::npos) << own.notes[0];
}

TEST(OptimizationRefs, AnOptimizationEntryInPrhostTomlOverridesByNumberOrCommitAndNamesABadRevision) {
  const StackedBranch branch;
  const auto repository = git::Repository::open(branch.repo.root());
  const config::OptimizationOverride by_number{"", 3, "main", "", "prhost.toml:4:1"};
  const auto refs = choose_refs(repository, branch.optimization(3), {by_number});
  ASSERT_TRUE(refs.ok()) << refs.error;
  EXPECT_EQ(refs.origin, "prhost.toml:4:1");
  EXPECT_EQ(refs.base_sha, branch.base) << "base from the entry";
  EXPECT_EQ(refs.head_sha, branch.shas[2]) << "head stays the commit";

  const config::OptimizationOverride by_commit{branch.shas[0].substr(0, 10), 0, "", "nope", "prhost.toml:9:1"};
  const auto bad = choose_refs(repository, branch.optimization(1), {by_commit});
  EXPECT_EQ(bad.error, "prhost.toml:9:1: [[optimization]] head = \"nope\" names no commit in this repository");
  EXPECT_EQ(choose_refs(repository, branch.optimization(2), {by_commit}).origin, "commit") << "only its own entry";
}

}  // namespace
}  // namespace prhost::inventory
