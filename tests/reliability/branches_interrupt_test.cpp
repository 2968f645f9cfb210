// compare --branches interrupted on the real binary: SIGINT and SIGTERM while
// the benchmark runs on the temporary branch delete it before prhost exits
// 130; a second signal (stop at once, no unwinding) removes the branch's ref
// files; after a SIGKILL (no code of prhost runs) the branch stays, and the
// next compare deletes it, even one that fails at once.
#include <signal.h>

#include <thread>

#include "reliability_project.hpp"

namespace prhost::testing {
namespace {

constexpr auto kStartLimit = std::chrono::seconds(120);
constexpr auto kEndLimit = std::chrono::seconds(60);

class BranchInterrupts : public ReliabilityProject, public ::testing::WithParamInterface<int> {
 protected:
  // The hanging benchmark is committed on top of head, so the base lacks it
  // and gets prhost/tmp/<base>-bench; the repository's state is taken again.
  void commit_hanging_benchmark() {
    write_benchmark("    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
    head_sha = repo.commit("bench: a benchmark that hangs");
    status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
    branches_before = repo.git({"branch", "-a", "-v"});
  }

  // Read from disk while prhost runs: a git child of this test would end
  // prhost as an orphan of the test (services/descendants.hpp).
  [[nodiscard]] bool branch_exists() const {
    return std::filesystem::exists(repo.root() / ".git/refs/heads" / branch());
  }
  [[nodiscard]] std::string branch() const { return "prhost/tmp/" + base_sha.substr(0, 12) + "-bench"; }
};

TEST_P(BranchInterrupts, TheTemporaryBranchIsDeletedBeforePrhostExits) {
  commit_hanging_benchmark();
  SpawnedPrhost run({"compare", base_sha, head_sha, "--branches", "--backend", "builtin"}, repo.root(), env());
  ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(marker()); }, kStartLimit)) << run.err();
  EXPECT_TRUE(branch_exists()) << "the benchmark runs on " << branch();
  run.signal(GetParam());
  EXPECT_EQ(run.wait(kEndLimit), 130) << run.err();
  EXPECT_NE(run.err().find("nothing was left behind"), std::string::npos) << run.err();
  EXPECT_NE(run.err().find("prhost/tmp branches"), std::string::npos)
      << "the branch check must have run: " << run.err();
  EXPECT_EQ(repo.git({"branch", "--list", "prhost/*"}), "");
  expect_nothing_left_behind();
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, BranchInterrupts, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) { return info.param == SIGINT ? "Sigint" : "Sigterm"; });

TEST_F(BranchInterrupts, ASecondSigintStopsAtOnceAndStillRemovesTheBranch) {
  write_benchmark(
      "    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
      "    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  head_sha = repo.commit("bench: a benchmark that hangs and ignores SIGINT");
  status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
  branches_before = repo.git({"branch", "-a", "-v"});
  {
    SpawnedPrhost run({"compare", base_sha, head_sha, "--branches", "--backend", "builtin"}, repo.root(), env());
    ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(marker()); }, kStartLimit)) << run.err();
    EXPECT_TRUE(branch_exists());
    run.signal(SIGINT);
    // A second signal at least a second later means "stop now".
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    run.signal(SIGINT);
    EXPECT_EQ(run.wait(kEndLimit), 130) << run.err();
    EXPECT_NE(run.err().find("stopped at once"), std::string::npos) << run.err();
  }
  EXPECT_FALSE(branch_exists()) << "the forced exit removes the loose ref";
  EXPECT_EQ(repo.git({"branch", "--list", "prhost/*"}), "");
  // The stopped run's process files (it ran no destructor) go with the next command, as after any forced exit.
  EXPECT_EQ(prhost({"compare", "no-such-ref", head_sha}).exit_code, 3);
  expect_nothing_left_behind();
}

TEST_F(ReliabilityProject, ABranchASigkilledCompareLeftIsDeletedByTheNextCompare) {
  write_benchmark("    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  head_sha = repo.commit("bench: a benchmark that hangs");
  status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
  branches_before = repo.git({"branch", "-a", "-v"});
  {
    SpawnedPrhost run({"compare", base_sha, head_sha, "--branches", "--backend", "builtin"}, repo.root(), env());
    ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(marker()); }, kStartLimit)) << run.err();
    run.signal(SIGKILL);
    EXPECT_EQ(run.wait(kEndLimit), 128 + SIGKILL);
  }
  expect_no_live_descendants();
  EXPECT_EQ(repo.git({"branch", "--list", "prhost/*"}), "  prhost/tmp/" + base_sha.substr(0, 12) + "-bench")
      << "SIGKILL runs no cleanup: the branch was expected to stay";
  const auto next = prhost({"compare", "no-such-ref", head_sha});
  EXPECT_EQ(next.exit_code, 3) << next.err;
  EXPECT_NE(next.err.find("left by a prhost that no longer runs"), std::string::npos) << next.err;
  expect_nothing_left_behind();
}

}  // namespace
}  // namespace prhost::testing
