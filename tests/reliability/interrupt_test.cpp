// Interrupts at several points of both backends, on the real binary: after
// each, the repository has no extra worktree or branch, the temporary
// directory is empty and nothing prhost started still runs (issue 12, items
// 1 and 7).
#include <signal.h>

#include <map>
#include <sstream>
#include <thread>

#include "reliability_project.hpp"

namespace prhost::testing {
namespace {

constexpr auto kStartLimit = std::chrono::seconds(120);  // first call of the benchmark, on a busy machine
constexpr auto kEndLimit = std::chrono::seconds(60);

class Interrupts : public ReliabilityProject {
 protected:
  // Starts `compare`, waits for the benchmark to write the marker, sends `signal`.
  int compare_interrupted_at_marker(const std::vector<std::string>& extra, int signal) {
    std::vector<std::string> args{"compare", base_sha, head_sha};
    args.insert(args.end(), extra.begin(), extra.end());
    SpawnedPrhost run(args, repo.root(), env());
    const bool started = wait_until([&] { return std::filesystem::exists(marker()); }, kStartLimit);
    EXPECT_TRUE(started) << "the benchmark never ran:\n" << run.err();
    run.signal(signal);
    const int code = run.wait(kEndLimit);
    err = run.err();
    elapsed = run.elapsed();
    return code;
  }

  std::string err;
  std::chrono::milliseconds elapsed{0};
};

TEST_F(Interrupts, SigintDuringCodeflashBenchmarkRemovesItsWorktreesAndSaysWhatWasChecked) {
  write_benchmark("    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  EXPECT_EQ(compare_interrupted_at_marker({"--backend", "codeflash"}, SIGINT), 130) << err;
  EXPECT_NE(err.find("nothing was left behind"), std::string::npos) << err;
  EXPECT_NE(err.find("git worktrees"), std::string::npos) << "the worktree check must have run: " << err;
  expect_nothing_left_behind();
}

TEST_F(Interrupts, SigtermWhileCodeflashMakesItsWorktreesLeavesNoneRegistered) {
  write_benchmark("    benchmark(work)\n");
  SpawnedPrhost run({"compare", base_sha, head_sha, "--backend", "codeflash"}, repo.root(), env());
  // The moment codeflash has registered its first worktree. Read from disk:
  // a child process this test started while prhost runs would end prhost as
  // an orphan of the test process (services/descendants.hpp).
  const auto entries = repo.root() / ".git" / "worktrees";
  const bool registered =
      wait_until([&] { return std::filesystem::exists(entries) && !std::filesystem::is_empty(entries); }, kStartLimit);
  EXPECT_TRUE(registered) << run.err();
  run.signal(SIGTERM);
  EXPECT_EQ(run.wait(kEndLimit), 130) << run.err();
  EXPECT_NE(run.err().find("interrupted by SIGTERM"), std::string::npos) << run.err();
  expect_nothing_left_behind();
}

TEST_F(Interrupts, SigkilledPrhostTakesCodeflashWithItAndTheNextRunPrunesWhatItLeft) {
  write_benchmark("    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  {
    SpawnedPrhost run({"compare", base_sha, head_sha, "--backend", "codeflash"}, repo.root(), env());
    ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(marker()); }, kStartLimit)) << run.err();
    run.signal(SIGKILL);
    EXPECT_EQ(run.wait(kEndLimit), 128 + SIGKILL);
  }
  // No code of prhost ran: codeflash and its pytest die with it
  // (PR_SET_PDEATHSIG, the watchdog), its worktrees stay registered.
  expect_no_live_descendants();
  EXPECT_NE(repo.git({"worktree", "list"}).find('\n'), std::string::npos) << "codeflash's worktrees were expected";
  // Any later compare sweeps the dead run's temporary paths and prunes the
  // worktrees that lived in them, even one that fails at once.
  const auto next = prhost({"compare", "no-such-ref", head_sha, "--backend", "codeflash"});
  EXPECT_EQ(next.exit_code, 3) << next.err;
  expect_nothing_left_behind();
}

TEST_F(Interrupts, ASecondSigintStopsCodeflashAtOnceAndTheNextRunCleansWhatThatLeft) {
  write_benchmark(
      "    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
      "    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  {
    SpawnedPrhost run({"compare", base_sha, head_sha, "--backend", "codeflash"}, repo.root(), env());
    ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(marker()); }, kStartLimit)) << run.err();
    run.signal(SIGINT);
    // A second signal at least a second later means "stop now".
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    run.signal(SIGINT);
    EXPECT_EQ(run.wait(kEndLimit), 130) << run.err();
  }
  expect_no_live_descendants();
  const auto next = prhost({"compare", "no-such-ref", head_sha, "--backend", "codeflash"});
  EXPECT_EQ(next.exit_code, 3) << next.err;
  expect_nothing_left_behind();
}

TEST_F(Interrupts, SigtermEndsABenchmarkHelperThatEscapedWithSetsid) {
  // The helper's command line names the scratch directory, so the final
  // check finds it if it survived.
  write_benchmark(
      "    subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', MARKER + '.escapee'],\n"
      "                     start_new_session=True)\n"
      "    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  EXPECT_EQ(compare_interrupted_at_marker({"--backend", "builtin"}, SIGTERM), 130) << err;
  EXPECT_NE(err.find("nothing was left behind"), std::string::npos) << err;
  expect_nothing_left_behind();
}

TEST_F(Interrupts, ABenchmarkThatIgnoresSigintGetsSigtermAndThenSigkill) {
  write_benchmark(
      "    def note(number, frame):\n"
      "        with open(LOG, 'a') as log:\n"
      "            log.write(str(__import__('os').getpid()) + ' ' + signal.Signals(number).name + '\\n')\n"
      "    signal.signal(signal.SIGINT, note)\n    signal.signal(signal.SIGTERM, note)\n"
      "    pathlib.Path(MARKER).touch()\n    benchmark(lambda: time.sleep(300))\n");
  EXPECT_EQ(compare_interrupted_at_marker({"--backend", "builtin"}, SIGINT), 130) << err;
  // SIGINT, half the 5 s grace, SIGTERM, the other half, SIGKILL — to every
  // benchmark process running (the pairs layout runs a base and a head worker).
  std::map<std::string, std::string> by_process;
  std::istringstream lines(read_file(log()));
  for (std::string pid, name; lines >> pid >> name;) by_process[pid] += name + " ";
  ASSERT_FALSE(by_process.empty()) << "no benchmark process saw a signal";
  for (const auto& [pid, names] : by_process) EXPECT_EQ(names, "SIGINT SIGTERM ") << "process " << pid;
  EXPECT_GE(elapsed.count(), 4000) << "the grace period was cut short";
  expect_nothing_left_behind();
}

}  // namespace
}  // namespace prhost::testing
