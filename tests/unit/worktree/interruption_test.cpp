// Interruption, in-process and for real: run_process notices an interrupt
// within its wait slice, kills the child's whole process group and throws
// Interrupted; a prhost-like program sent SIGINT/SIGTERM while a child runs
// exits 130 with the child dead, its checkouts removed and the repository
// untouched. Timeouts and exit codes keep working as before.
#include <signal.h>
#include <sys/types.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <boost/process.hpp>

#include "repo_snapshot.hpp"
#include "services/cancellation.hpp"
#include "services/process_runner.hpp"
#include "test_support.hpp"

namespace prhost::worktree {
namespace {

namespace bp = boost::process;
using namespace std::chrono_literals;
using prhost::testing::GitRepo;
using prhost::testing::read_file;
using prhost::testing::ScratchDir;

bool group_alive(pid_t group) { return ::kill(-group, 0) == 0 || errno != ESRCH; }

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return predicate();
}

// A direct child of `parent` running `name`, found through /proc.
std::optional<pid_t> child_named(pid_t parent, const std::string& name) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto pid_text = entry.path().filename().string();
    if (pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // "<pid> (<comm>) <state> <ppid> ...": comm may hold spaces, so split at ')'.
    const auto open = line.find('(');
    const auto close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent && line.substr(open + 1, close - open - 1) == name) return std::stoi(pid_text);
  }
  return std::nullopt;
}

TEST(Interruption, RunProcessKillsTheChildGroupAndThrows) {
  ScratchDir dir;
  const auto pid_file = dir / "pid";
  std::thread interrupter([] {
    std::this_thread::sleep_for(300ms);
    services::request_interrupt(SIGINT);
  });
  sdk::ProcessRequest request;
  // The shell leads the group; its background sleep is a grandchild that must die too.
  request.argv = {"sh", "-c", "echo $$ > '" + pid_file.string() + "'; sleep 30 & sleep 30"};
  request.cwd = dir.path();
  const auto started = std::chrono::steady_clock::now();
  try {
    (void)services::run_process(request);
    ADD_FAILURE() << "run_process must throw Interrupted";
  } catch (const services::Interrupted& interrupted) {
    EXPECT_EQ(interrupted.signal(), SIGINT);
    EXPECT_STREQ(interrupted.what(), "interrupted by SIGINT");
  }
  interrupter.join();
  services::reset_interrupt_for_tests();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  const pid_t group = std::stoi(read_file(pid_file));
  EXPECT_TRUE(eventually([&] { return !group_alive(group); })) << "process group " << group << " survived";
}

TEST(Interruption, NothingStartsOnceInterrupted) {
  ScratchDir dir;
  services::request_interrupt(SIGTERM);
  sdk::ProcessRequest request;
  request.argv = {"touch", (dir / "ran").string()};
  EXPECT_THROW((void)services::run_process(request), services::Interrupted);
  services::reset_interrupt_for_tests();
  EXPECT_FALSE(std::filesystem::exists(dir / "ran"));
}

TEST(Interruption, TimeoutsAndExitCodesWorkAsBefore) {
  sdk::ProcessRequest request;
  request.argv = {"sleep", "30"};
  request.timeout = 200ms;
  const auto timed_out = services::run_process(request);
  EXPECT_TRUE(timed_out.timed_out);
  EXPECT_LT(timed_out.elapsed, 5s);

  request.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"};
  request.timeout = 10s;
  const auto exited = services::run_process(request);
  EXPECT_FALSE(exited.timed_out);
  EXPECT_EQ(exited.exit_code, 3);
  EXPECT_EQ(exited.out, "out\n");
  EXPECT_EQ(exited.err, "err\n");
}

TEST(Interruption, ChildrenDoNotInheritTheBlockedSignals) {
  // prhost blocks SIGTERM in its threads; a child must still die of one.
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigset_t previous;
  ASSERT_EQ(::pthread_sigmask(SIG_BLOCK, &term, &previous), 0);
  sdk::ProcessRequest request;
  request.argv = {"sh", "-c", "kill -TERM $$; echo survived"};
  request.timeout = 10s;
  const auto result = services::run_process(request);
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.exit_code, 0);
}

class SignalledProgram : public ::testing::TestWithParam<int> {};

TEST_P(SignalledProgram, KillsTheChildRemovesCheckoutsAndExits130) {
  GitRepo repo;
  repo.write("pkg/core.py", "VALUE = 1\n");
  repo.commit("base");
  repo.write("pkg/core.py", "VALUE = 2\n");
  repo.commit("head");
  repo.write("pkg/core.py", "VALUE = 3  # unstaged\n");
  repo.git({"status", "--porcelain"});
  ScratchDir logs;              // made before the sandbox, so it is not counted in it
  testing::TempDirSandbox tmp;  // inherited by the probe through TMPDIR
  const auto before = testing::snapshot(repo.root());

  bp::child probe(PRHOST_INTERRUPT_PROBE, repo.root().string(), "HEAD~1", "main", bp::std_out > (logs / "out").string(),
                  bp::std_err > (logs / "err").string());
  ASSERT_TRUE(eventually([&] { return read_file(logs / "out").rfind("ready ", 0) == 0; }))
      << "probe never got ready; stderr:\n"
      << read_file(logs / "err");
  std::string root = read_file(logs / "out").substr(6);
  root = root.substr(0, root.find('\n'));
  ASSERT_TRUE(std::filesystem::exists(root));
  std::optional<pid_t> sleep_pid;
  ASSERT_TRUE(eventually([&] { return (sleep_pid = child_named(probe.id(), "sleep")).has_value(); }));

  ASSERT_EQ(::kill(probe.id(), GetParam()), 0);
  ASSERT_TRUE(eventually([&] { return !probe.running(); })) << "probe did not stop";
  probe.wait();
  EXPECT_EQ(probe.exit_code(), 130) << read_file(logs / "err");
  EXPECT_FALSE(group_alive(*sleep_pid)) << "sleep's process group " << *sleep_pid << " survived";
  EXPECT_FALSE(std::filesystem::exists(root));
  EXPECT_TRUE(tmp.empty());
  EXPECT_TRUE(testing::same_tree(before, testing::snapshot(repo.root())));
  EXPECT_NE(read_file(logs / "err").find("stopping child processes and cleaning up"), std::string::npos)
      << read_file(logs / "err");
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, SignalledProgram, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return info.param == SIGINT ? std::string("Sigint") : std::string("Sigterm");
                         });

}  // namespace
}  // namespace prhost::worktree
