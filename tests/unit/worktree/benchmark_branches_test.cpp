// compare --branches on real repositories: the names of the temporary
// branches, the libgit2 cherry-pick that fills them, finding the benchmark
// commit, deleting the branches on every way out (an interrupt included) and
// the next run deleting what a killed one left. The user's HEAD, index and
// working tree never change.
#include "worktree/benchmark_branches.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "git/cherry_pick.hpp"
#include "git/repository.hpp"
#include "repo_snapshot.hpp"
#include "services/cancellation.hpp"
#include "test_support.hpp"

namespace prhost::worktree {
namespace {

using prhost::testing::GitRepo;
using prhost::testing::read_file;

constexpr const char* kBenchmark = "tests/benchmarks/test_benchmark_core.py";

// main: base (VALUE = 1) -> optimization (VALUE = 2) -> benchmark commit
// (adds kBenchmark), then an unstaged edit and an untracked file, as a
// user's tree looks when they compare the optimization against its parent.
struct BenchRepo {
  GitRepo repo;
  std::string base_sha, optimization_sha, benchmark_sha;

  BenchRepo() {
    repo.write("pkg/__init__.py", "");
    repo.write("pkg/core.py", "VALUE = 1\n");
    base_sha = repo.commit("base");
    repo.write("pkg/core.py", "VALUE = 2\n");
    optimization_sha = repo.commit("perf: faster core");
    repo.write(kBenchmark, "def test_benchmark_core(): pass\n");
    benchmark_sha = repo.commit("bench: benchmark core");
    repo.write("pkg/core.py", "VALUE = 3  # unstaged\n");
    repo.write("notes.txt", "untracked\n");
    repo.git({"status", "--porcelain"});  // settle the index's stat cache
  }

  [[nodiscard]] std::string branches() const { return repo.git({"branch", "--list", "prhost/*"}); }
};

// The user's side of the repository: HEAD, the index and every file outside
// .git. (.git/objects gains the cherry-picked commits, which git gc drops.)
struct UserState {
  std::string head, index, status;
  std::map<std::string, std::string> files;

  explicit UserState(const BenchRepo& bench)
      : head(read_file(bench.repo.root() / ".git/HEAD")),
        index(read_file(bench.repo.root() / ".git/index")),
        status(bench.repo.git({"status", "--porcelain"})) {
    for (auto& [path, content] : testing::snapshot(bench.repo.root())) {
      if (!path.starts_with(".git")) files.emplace(path, std::move(content));
    }
  }
  bool operator==(const UserState&) const = default;
};

pid_t finished_process() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

TEST(TempBranchName, SaysWhichRefItHoldsAsAValidBranchName) {
  const std::string sha(40, 'a');
  EXPECT_EQ(temp_branch_name("main", sha), "prhost/tmp/main-bench");
  EXPECT_EQ(temp_branch_name("codeflash/optimize", sha), "prhost/tmp/codeflash/optimize-bench");
  EXPECT_EQ(temp_branch_name("HEAD~1", sha), "prhost/tmp/HEAD-1-bench");
  EXPECT_EQ(temp_branch_name("v1^{commit}", sha), "prhost/tmp/v1--commit--bench");
  EXPECT_EQ(temp_branch_name("a..b", sha), "prhost/tmp/a.b-bench");
  EXPECT_EQ(temp_branch_name("0123456789abcdef0123456789abcdef01234567", sha), "prhost/tmp/0123456789ab-bench");
  EXPECT_EQ(temp_branch_name(".", sha), "prhost/tmp/aaaaaaaaaaaa-bench") << "nothing of the ref survives";
}

TEST(OwnerTrailer, NamesThisProcessAndReadsBack) {
  const auto owner = owner_in_message("bench: x\n\n(cherry picked from commit 1)\n" + owner_trailer() + "\n");
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(owner->pid, ::getpid());
  EXPECT_FALSE(owner->host.empty());
  EXPECT_FALSE(owner_in_message("a commit a user made\n").has_value());
}

TEST(CherryPick, AddsTheBenchmarkCommitOntoTheBaseWithoutMovingAnything) {
  BenchRepo bench;
  const UserState before(bench);
  const auto refs_before = bench.repo.git({"for-each-ref"});
  const auto repository = git::Repository::open(bench.repo.root());

  const auto made = git::cherry_pick_onto(repository, bench.base_sha, bench.benchmark_sha, "Key: value");

  EXPECT_EQ(bench.repo.git({"rev-parse", made + "^"}), bench.base_sha);
  EXPECT_EQ(bench.repo.git({"show", made + ":" + kBenchmark}), "def test_benchmark_core(): pass");
  EXPECT_EQ(bench.repo.git({"show", made + ":pkg/core.py"}), "VALUE = 1") << "the base's code, not the head's";
  const auto message = bench.repo.git({"log", "-1", "--format=%B", made});
  EXPECT_NE(message.find("bench: benchmark core"), std::string::npos) << message;
  EXPECT_NE(message.find("(cherry picked from commit " + bench.benchmark_sha + ")"), std::string::npos) << message;
  EXPECT_NE(message.find("Key: value"), std::string::npos) << message;
  EXPECT_EQ(bench.repo.git({"log", "-1", "--format=%an", made}), bench.repo.git({"log", "-1", "--format=%an"}));
  EXPECT_EQ(bench.repo.git({"for-each-ref"}), refs_before) << "no ref was made or moved";
  EXPECT_EQ(UserState(bench), before);
}

TEST(CherryPick, AConflictNamesThePathAndWritesNothing) {
  BenchRepo bench;
  bench.repo.write("pkg/core.py", "VALUE = 4\n");
  const auto change = bench.repo.commit("change core again");
  const auto repository = git::Repository::open(bench.repo.root());
  try {
    (void)git::cherry_pick_onto(repository, bench.base_sha, change);
    FAIL() << "VALUE = 2 -> 4 cannot apply where VALUE = 1";
  } catch (const git::CherryPickConflict& conflict) {
    EXPECT_EQ(conflict.paths(), std::vector<std::string>{"pkg/core.py"});
  }
}

TEST(CommitThatSet, FindsTheCommitThatAddedOrLastChangedTheFile) {
  BenchRepo bench;
  const auto repository = git::Repository::open(bench.repo.root());
  bench.repo.write("README.md", "later\n");
  const auto later = bench.repo.commit("unrelated later commit");
  EXPECT_EQ(git::commit_that_set(repository, later, kBenchmark), bench.benchmark_sha);
  bench.repo.write(kBenchmark, "def test_benchmark_core(): assert True\n");
  const auto edited = bench.repo.commit("bench: edit");
  EXPECT_EQ(git::commit_that_set(repository, edited, kBenchmark), edited);
  EXPECT_FALSE(git::commit_that_set(repository, bench.base_sha, kBenchmark).has_value());
}

TEST(BenchmarkBranches, GivesTheRefThatLacksTheBenchmarkABranchAndDeletesItAfter) {
  BenchRepo bench;
  const UserState before(bench);
  {
    const auto repository = git::Repository::open(bench.repo.root());
    const BenchmarkBranches branches(repository, {bench.base_sha, "main"}, {kBenchmark});

    ASSERT_EQ(branches.branches().size(), 1U) << "main has the benchmark committed";
    const auto& branch = branches.branches().front();
    EXPECT_EQ(branch.name, "prhost/tmp/" + bench.base_sha.substr(0, 12) + "-bench");
    EXPECT_EQ(branch.picked, std::vector<std::string>{bench.benchmark_sha});
    EXPECT_EQ(branches.ref_to_check_out(bench.base_sha), branch.name);
    EXPECT_EQ(branches.ref_to_check_out("main"), "main");
    EXPECT_EQ(bench.repo.git({"rev-parse", branch.name}), branch.sha);
    EXPECT_EQ(bench.repo.git({"rev-parse", branch.name + "^"}), bench.base_sha);
    EXPECT_EQ(bench.repo.git({"show", branch.name + ":" + kBenchmark}), "def test_benchmark_core(): pass");
    EXPECT_EQ(UserState(bench), before) << "making the branch moves nothing of the user's";
  }
  EXPECT_EQ(bench.branches(), "");
  EXPECT_EQ(UserState(bench), before);
}

TEST(BenchmarkBranches, BothRefsWithoutTheBenchmarkEachGetOneFromHead) {
  BenchRepo bench;
  const auto repository = git::Repository::open(bench.repo.root());
  const BenchmarkBranches branches(repository, {"main~2", "main~1"}, {kBenchmark});
  ASSERT_EQ(branches.branches().size(), 2U);
  EXPECT_EQ(branches.ref_to_check_out("main~2"), "prhost/tmp/main-2-bench");
  EXPECT_EQ(branches.ref_to_check_out("main~1"), "prhost/tmp/main-1-bench");
  EXPECT_EQ(bench.repo.git({"show", "prhost/tmp/main-1-bench:pkg/core.py"}), "VALUE = 2");
}

TEST(BenchmarkBranches, ABenchmarkCommittedNowhereIsRefusedAndLeavesNoBranch) {
  BenchRepo bench;
  bench.repo.write("tests/benchmarks/test_benchmark_new.py", "def test_benchmark_new(): pass\n");
  const auto repository = git::Repository::open(bench.repo.root());
  try {
    const BenchmarkBranches branches(repository, {bench.base_sha, "main"},
                                     {kBenchmark, "tests/benchmarks/test_benchmark_new.py"});
    FAIL() << "the new benchmark is only in the working tree";
  } catch (const TempBranchError& error) {
    EXPECT_NE(std::string(error.what()).find("test_benchmark_new.py is not committed"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(bench.branches(), "");
}

TEST(BenchmarkBranches, AnInterruptWhileMakingThemLeavesNone) {
  BenchRepo bench;
  const auto repository = git::Repository::open(bench.repo.root());
  services::request_interrupt(SIGINT);
  EXPECT_THROW(BenchmarkBranches(repository, {"main~2", "main~1"}, {kBenchmark}), services::Interrupted);
  services::reset_interrupt_for_tests();
  EXPECT_EQ(bench.branches(), "");
}

TEST(BenchmarkBranches, ALeftoverOfADeadRunIsDeletedOthersStay) {
  BenchRepo bench;
  auto leftover = [&](const std::string& name, const std::string& trailer) {
    const auto commit = bench.repo.git(
        {"commit-tree", bench.benchmark_sha + "^{tree}", "-p", bench.base_sha, "-m", "bench\n\n" + trailer});
    bench.repo.git({"branch", name, commit});
  };
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  leftover("prhost/tmp/dead-bench",
           "Prhost-Temporary-Branch: pid " + std::to_string(finished_process()) + " on " + host);
  leftover("prhost/tmp/alive-bench", owner_trailer());
  leftover("prhost/tmp/users-own", "no trailer: not prhost's");
  leftover("prhost/tmp/elsewhere-bench", "Prhost-Temporary-Branch: pid 1 on another-host.example");
  const auto repository = git::Repository::open(bench.repo.root());

  EXPECT_EQ(remove_stale_temp_branches(repository), std::vector<std::string>{"prhost/tmp/dead-bench"});
  EXPECT_EQ(bench.branches(), "  prhost/tmp/alive-bench\n  prhost/tmp/elsewhere-bench\n  prhost/tmp/users-own");
}

TEST(BenchmarkBranches, ANameTakenByABranchPrhostDidNotMakeIsRefused) {
  BenchRepo bench;
  bench.repo.git({"branch", "prhost/tmp/main-2-bench", bench.base_sha});
  const auto repository = git::Repository::open(bench.repo.root());
  EXPECT_THROW(BenchmarkBranches(repository, {"main~2", "main"}, {kBenchmark}), TempBranchError);
  EXPECT_EQ(bench.repo.git({"rev-parse", "prhost/tmp/main-2-bench"}), bench.base_sha) << "the user's branch stays";
}

}  // namespace
}  // namespace prhost::worktree
