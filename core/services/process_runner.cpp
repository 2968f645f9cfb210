#include "services/process_runner.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>

#include <boost/filesystem.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include "services/cancellation.hpp"
#include "services/descendants.hpp"
#include "util/read_file.hpp"
#include "util/run_temp_dir.hpp"
#include "util/temp_path.hpp"

namespace prhost::services {
namespace bp = boost::process;

namespace {

using Clock = std::chrono::steady_clock;

// What a child leaves after it exited by itself (a daemonized helper in its
// group, a setsid() escapee) gets SIGTERM and this long before SIGKILL.
constexpr std::chrono::milliseconds kLeftoverGrace{1000};

boost::filesystem::path resolve_executable(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return {program};
  }
  return bp::search_path(program);
}

// Runs in the child between fork and exec.
struct PrepareChild {
  pid_t parent;

  template <typename Executor>
  void operator()(Executor& /*executor*/) const {
    // prhost blocks SIGINT/SIGTERM in all its threads (cancellation.hpp) and a
    // blocked mask survives exec: without this a child would never see
    // Ctrl-C or a polite SIGTERM of its own.
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
    // A SIGKILLed prhost runs no code; the kernel ends its direct children.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // prhost died before prctl took effect
  }
};

// The host's environment with the request's changes; TMPDIR points into
// prhost's own per-run directory unless the request says otherwise.
bp::environment child_environment(const sdk::ProcessRequest& request) {
  bp::environment env = boost::this_process::environment();
  env["TMPDIR"] = util::run_temp_dir().string();
  for (const auto& name : request.unset_env) env.erase(name);
  for (const auto& [name, value] : request.env) env[name] = value;
  return env;
}

bool exited_within(bp::child& child, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (auto slice = std::chrono::milliseconds(1);; slice = std::min(slice * 2, std::chrono::milliseconds(50))) {
    std::error_code ec;
    if (!child.running(ec) || ec) return true;
    const auto now = Clock::now();
    if (now >= deadline) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(slice, deadline - now));
  }
}

enum class WaitOutcome { Exited, TimedOut, Interrupted };

// Waits in short slices instead of one long wait, so an interrupt is noticed
// within ~50 ms. The slice starts at 1 ms and doubles: a quick command costs
// about as little as a blocking wait would.
WaitOutcome wait_for_exit(bp::child& child, std::chrono::milliseconds timeout) {
  // A "wait forever" timeout (milliseconds::max) would overflow the clock.
  constexpr auto kLongest = std::chrono::hours(24 * 365);
  const auto deadline = Clock::now() + std::min<std::chrono::milliseconds>(timeout, kLongest);
  for (auto slice = std::chrono::milliseconds(1);; slice = std::min(slice * 2, std::chrono::milliseconds(50))) {
    if (interrupted()) return WaitOutcome::Interrupted;
    std::error_code ec;
    if (!child.running(ec) || ec) return interrupted() ? WaitOutcome::Interrupted : WaitOutcome::Exited;
    const auto now = Clock::now();
    if (now >= deadline) return WaitOutcome::TimedOut;
    std::this_thread::sleep_for(std::min<Clock::duration>(slice, deadline - now));
  }
}

// SIGINT first — what Ctrl-C in a terminal would have sent the child, the
// signal Python turns into KeyboardInterrupt so `finally` blocks run (git
// worktrees removed, temp files deleted) — then SIGTERM, then SIGKILL.
void end_gracefully(bp::child& child, pid_t group) {
  const auto half = termination_grace() / 2;
  ::killpg(group, SIGINT);
  if (!exited_within(child, half)) {
    ::killpg(group, SIGTERM);
    if (!exited_within(child, half)) ::killpg(group, SIGKILL);
  }
  std::error_code ignored;
  child.wait(ignored);
}

// Runs may overlap (instruction counts of base and head run side by side): a
// child between its fork and its registration must not look like an adopted
// orphan to another run's clean-up, so both hold this lock.
std::mutex& spawn_mutex() {
  static std::mutex mutex;
  return mutex;
}

// After the child itself is gone: the rest of its group, and processes that
// left the group but were adopted by prhost (descendants.hpp).
void end_leftovers(pid_t group) {
  if (::killpg(group, 0) == 0) ::killpg(group, SIGTERM);
  {
    const std::lock_guard lock(spawn_mutex());
    end_adopted_orphans(supervised_pids(), kLeftoverGrace);
  }
  ::killpg(group, SIGKILL);  // members prhost could not adopt (no subreaper): no grace left for them
}

void record_exit(const bp::child& child, sdk::ProcessResult& result) {
  const int status = child.native_exit_code();
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.exit_code = 128 + result.signal;
  } else {
    result.exit_code = WEXITSTATUS(status);
  }
}

std::optional<std::string> cannot_start(const sdk::ProcessRequest& request) {
  if (request.argv.empty()) return "empty command";
  const auto executable = resolve_executable(request.argv.front());
  if (executable.empty() || !boost::filesystem::exists(executable)) {
    return request.argv.front() + ": command not found on PATH";
  }
  return std::nullopt;
}

}  // namespace

sdk::ProcessResult run_process(const sdk::ProcessRequest& request) {
  sdk::ProcessResult result;
  if (auto problem = cannot_start(request)) {
    result.failed_to_start = true;
    result.err = *problem;
    return result;
  }
  // Output goes to files, not pipes: reading two pipes synchronously can
  // deadlock when the child fills the one we are not reading.
  const util::TempPath out_file = util::TempPath::file("prhost-out");
  const util::TempPath err_file = util::TempPath::file("prhost-err");
  const std::vector<std::string> args(request.argv.begin() + 1, request.argv.end());
  const std::string cwd = request.cwd.empty() ? std::filesystem::current_path().string() : request.cwd.string();
  const auto env = child_environment(request);

  // Nothing is started once the user asked to stop.
  throw_if_interrupted();
  const auto started = Clock::now();
  std::error_code launch_error;
  bp::group group;
  std::unique_lock spawn_lock(spawn_mutex());
  bp::child child(resolve_executable(request.argv.front()), bp::args(args), bp::start_dir(cwd), bp::env(env),
                  bp::std_in<bp::null, bp::std_out> out_file.path().string(), bp::std_err > err_file.path().string(),
                  group, bp::extend::on_exec_setup = PrepareChild{::getpid()}, launch_error);
  if (launch_error) {
    result.failed_to_start = true;
    result.err = request.argv.front() + ": " + launch_error.message();
    return result;
  }
  const pid_t group_id = group.native_handle();
  {
    const ChildGroupRegistration registration(group_id);
    spawn_lock.unlock();
    const auto outcome = wait_for_exit(child, request.timeout);
    if (outcome != WaitOutcome::Exited) end_gracefully(child, group_id);
    record_exit(child, result);
    end_leftovers(group_id);
    group.detach();  // already ended: boost must not kill a reused id later
    if (outcome == WaitOutcome::Interrupted) throw Interrupted(interrupt_signal());
    result.timed_out = outcome == WaitOutcome::TimedOut;
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  result.out = util::read_text_file(out_file.path()).value_or("");
  result.err = util::read_text_file(err_file.path()).value_or("");
  return result;
}

}  // namespace prhost::services
