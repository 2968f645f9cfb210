#include "services/child_control.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>
#include <thread>

#include "services/cancellation.hpp"
#include "services/descendants.hpp"
#include "util/run_temp_dir.hpp"

namespace prhost::services::child {
namespace bp = boost::process;

namespace {

using Clock = std::chrono::steady_clock;

// What a child leaves after it exited by itself (a daemonized helper in its
// group, a setsid() escapee) gets SIGTERM and this long before SIGKILL.
constexpr std::chrono::milliseconds kLeftoverGrace{1000};

}  // namespace

boost::filesystem::path resolve_executable(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return {program};
  }
  return bp::search_path(program);
}

std::optional<std::string> cannot_start(const sdk::ProcessRequest& request) {
  if (request.argv.empty()) return "empty command";
  const auto executable = resolve_executable(request.argv.front());
  if (executable.empty() || !boost::filesystem::exists(executable)) {
    return request.argv.front() + ": command not found on PATH";
  }
  return std::nullopt;
}

bp::environment environment_for(const sdk::ProcessRequest& request) {
  bp::environment env = boost::this_process::environment();
  env["TMPDIR"] = util::run_temp_dir().string();
  for (const auto& name : request.unset_env) env.erase(name);
  for (const auto& [name, value] : request.env) env[name] = value;
  return env;
}

void PrepareChild::prepare_in_child(pid_t parent) {
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

std::mutex& spawn_mutex() {
  static std::mutex mutex;
  return mutex;
}

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

}  // namespace prhost::services::child
