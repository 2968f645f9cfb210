// The decisions behind the reliability promises, on recorded data and real
// repositories, without the binary: which refs are ambiguous, which point
// estimates fail codeflash's regression gate, which options the codeflash
// backend refuses, and which worktrees prhost may prune.
#include <gtest/gtest.h>

#include "compare/codeflash/codeflash_regression.hpp"
#include "compare/run/backend_options.hpp"
#include "git/repository.hpp"
#include "test_support.hpp"
#include "worktree/linked_worktrees.hpp"
#include "worktree/ref_names.hpp"

namespace prhost::testing {
namespace {

struct TwoCommits {
  GitRepo repo;
  std::string first, second;
  TwoCommits() {
    repo.write("a.txt", "1\n");
    first = repo.commit("first");
    repo.write("a.txt", "2\n");
    second = repo.commit("second");
  }
};

TEST(RefNames, ATagAndABranchAtDifferentCommitsAreAmbiguousEvenWithASuffix) {
  TwoCommits fixture;
  fixture.repo.git({"tag", "v2", fixture.first});
  fixture.repo.git({"branch", "v2", fixture.second});
  const auto repository = git::Repository::open(fixture.repo.root());
  EXPECT_THROW(worktree::resolve_ref(repository, "v2"), worktree::AmbiguousRefError);
  EXPECT_THROW(worktree::resolve_ref(repository, "v2~1"), worktree::AmbiguousRefError);
  EXPECT_EQ(worktree::resolve_ref(repository, "refs/heads/v2"), fixture.second);
  EXPECT_EQ(worktree::resolve_ref(repository, "refs/tags/v2"), fixture.first);
}

TEST(RefNames, ATagAndABranchAtTheSameCommitMeanOneThing) {
  TwoCommits fixture;
  fixture.repo.git({"tag", "same", fixture.second});
  fixture.repo.git({"branch", "same", fixture.second});
  const auto repository = git::Repository::open(fixture.repo.root());
  EXPECT_EQ(worktree::resolve_ref(repository, "same"), fixture.second);
  EXPECT_THROW(worktree::resolve_ref(repository, "nope"), worktree::UnknownRefError);
}

compare::codeflash::ParsedBenchmark benchmark(const std::string& name, double median_speedup,
                                              std::optional<double> memory_delta = std::nullopt) {
  compare::codeflash::ParsedBenchmark parsed;
  parsed.name = name;
  parsed.speedup = compare::codeflash::ParsedSpeedups{median_speedup, median_speedup, median_speedup, median_speedup};
  if (memory_delta) {
    parsed.memory = compare::codeflash::ParsedMemory{};
    parsed.memory->delta_fraction = memory_delta;
  }
  return parsed;
}

TEST(CodeflashGate, OnlyChangesBeyondTheMarginAreRegressions) {
  compare::codeflash::ParsedComparison comparison;
  comparison.benchmarks = {benchmark("within", 0.96),        // 4% slower: inside ±5%
                           benchmark("slower", 0.90),        // 11% slower
                           benchmark("faster", 2.00, 0.04),  // memory +4%: inside
                           benchmark("heavier", 1.00, 0.20)};
  const auto found = compare::codeflash::point_regressions(comparison, 0.05);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].benchmark, "slower");
  EXPECT_EQ(found[0].what, "time: 0.90x (median)");
  EXPECT_EQ(found[1].benchmark, "heavier");
  EXPECT_EQ(found[1].what, "peak memory: +20%");
  // A wider margin lets the 11% slow-down through.
  EXPECT_EQ(compare::codeflash::point_regressions(comparison, 0.15).size(), 1U);
}

TEST(CodeflashOptions, MarginTimeoutAndMemoryAreAcceptedTheRestRefused) {
  compare::CompareOptions accepted;
  accepted.margin_percent = 3.0;
  accepted.timeout_seconds = 30;
  accepted.memory = true;
  accepted.inject = {"data"};
  EXPECT_NO_THROW(compare::refuse_options_codeflash_ignores(accepted));
  auto refused = accepted;
  refused.seed = 7;
  refused.filter = "slow";
  try {
    compare::refuse_options_codeflash_ignores(refused);
    ADD_FAILURE() << "--seed and -k must be refused";
  } catch (const compare::UnsupportedOptionError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("2 of the options"), std::string::npos) << message;
    EXPECT_NE(message.find("--seed: "), std::string::npos) << message;
    EXPECT_NE(message.find("-k: "), std::string::npos) << message;
  }
}

TEST(LinkedWorktrees, OnlyMissingWorktreesThePredicateOwnsArePruned) {
  TwoCommits fixture;
  ScratchDir place;
  const auto ours = place / "ours";
  const auto theirs = place / "theirs";
  fixture.repo.git({"worktree", "add", "--detach", ours.string(), fixture.first});
  fixture.repo.git({"worktree", "add", "--detach", theirs.string(), fixture.first});
  std::filesystem::remove_all(ours);
  std::filesystem::remove_all(theirs);
  const auto repository = git::Repository::open(fixture.repo.root());
  const auto pruned = worktree::prune_missing_worktrees(
      repository, [&](const std::filesystem::path& path) { return path.filename() == "ours"; });
  EXPECT_EQ(pruned, 1U);
  const auto left = worktree::linked_worktrees(repository);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].name, "theirs");
  EXPECT_FALSE(left[0].valid);
}

TEST(LinkedWorktrees, RemovingAValidWorktreeDeletesItsDirectoryAndEntry) {
  TwoCommits fixture;
  ScratchDir place;
  const auto dir = place / "compare-base-1";
  fixture.repo.git({"worktree", "add", "--detach", dir.string(), fixture.second});
  const auto repository = git::Repository::open(fixture.repo.root());
  ASSERT_EQ(worktree::linked_worktrees(repository).size(), 1U);
  EXPECT_TRUE(worktree::remove_linked_worktree(repository, "compare-base-1"));
  EXPECT_TRUE(worktree::linked_worktrees(repository).empty());
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_EQ(fixture.repo.git({"worktree", "list"}).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace prhost::testing
