#include "services/cancellation.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "services/descendants.hpp"
#include "services/watchdog.hpp"
#include "util/run_temp_dir.hpp"

namespace prhost::services {
namespace {

// The documented exit status for an interrupted command (cli::exit_code
// kInterrupted); repeated here because services must not depend on cli.
constexpr int kInterruptedExit = 130;

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
// When the first signal arrived. A second one within kSameInterrupt is the
// same interrupt delivered twice (`timeout` and `kill 0` signal the process
// and then its whole group; a key bounce), not a request to quit at once.
std::atomic<std::int64_t> g_first_signal_ns{0};
constexpr std::chrono::milliseconds kSameInterrupt{1000};

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Both registries are touched by the signal thread and the worker threads, so
// a mutex (never taken in a signal handler: there is none) guards them.
struct Registries {
  std::mutex mutex;
  std::multiset<pid_t> process_groups;
  std::map<std::uint64_t, std::filesystem::path> cleanup_paths;
  std::uint64_t next_cleanup_id = 1;
};

Registries& registries() {
  static Registries instance;
  return instance;
}

void kill_registered_groups() {
  auto& reg = registries();
  std::lock_guard lock(reg.mutex);
  for (const pid_t group : reg.process_groups) {
    if (group > 0) ::killpg(group, SIGKILL);
  }
}

std::atomic<std::int64_t> g_grace_ms{5000};

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "a signal";
  }
}

// The forced exit on a second signal: children die, prhost-owned temporary
// directories go, and the process ends without running destructors (the main
// thread may be inside any of them).
[[noreturn]] void force_exit() {
  kill_registered_groups();
  end_adopted_orphans(supervised_pids(), std::chrono::milliseconds(0));
  util::remove_run_temp_dir();
  auto& reg = registries();
  {
    std::lock_guard lock(reg.mutex);
    for (const auto& [id, path] : reg.cleanup_paths) {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  }
  std::fputs("prhost: stopped at once; child processes killed, temporary checkouts removed\n", stderr);
  std::fflush(stderr);
  ::_exit(kInterruptedExit);
}

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void signal_loop() {
  const sigset_t set = handled_signals();
  for (;;) {
    int signal = 0;
    if (::sigwait(&set, &signal) != 0) continue;
    if (interrupted()) {
      const auto since_first = std::chrono::nanoseconds(now_ns() - g_first_signal_ns.load());
      if (since_first < kSameInterrupt) continue;
      force_exit();
    }
    g_first_signal_ns.store(now_ns());
    std::fprintf(stderr,
                 "prhost: %s received; stopping child processes and cleaning up (send it again to quit at once)\n",
                 signal_name(signal));
    std::fflush(stderr);
    request_interrupt(signal);
  }
}

}  // namespace

void install_signal_handling() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Orphans of our children (a benchmark's setsid() helper) come to us,
    // not to init, so they can be found and ended (descendants.hpp).
    become_subreaper();
    const sigset_t set = handled_signals();
    if (const int error = ::pthread_sigmask(SIG_BLOCK, &set, nullptr); error != 0) {
      throw std::system_error(error, std::generic_category(), "cannot block SIGINT/SIGTERM");
    }
    // Detached: it lives as long as the process and holds no resources.
    std::thread(signal_loop).detach();
  });
}

bool interrupted() noexcept { return g_interrupted.load(std::memory_order_acquire); }

int interrupt_signal() noexcept { return g_signal.load(std::memory_order_acquire); }

Interrupted::Interrupted(int signal)
    : signal_(signal), message_(std::string("interrupted by ") + signal_name(signal)) {}

void throw_if_interrupted() {
  if (interrupted()) throw Interrupted(interrupt_signal());
}

void request_interrupt(int signal) {
  // The signal first, so whoever sees the flag also sees which signal it was.
  g_signal.store(signal, std::memory_order_release);
  g_interrupted.store(true, std::memory_order_release);
  // The children are not signalled from here: run_process, waiting on its
  // child, notices the flag within a slice and ends the group gracefully
  // (SIGINT, SIGTERM, then SIGKILL), so a child is never sent two SIGINTs
  // that could cut its own clean-up short.
}

std::chrono::milliseconds termination_grace() noexcept { return std::chrono::milliseconds(g_grace_ms.load()); }

void set_termination_grace(std::chrono::milliseconds grace) noexcept { g_grace_ms.store(grace.count()); }

std::vector<pid_t> supervised_pids() {
  std::vector<pid_t> pids;
  {
    auto& reg = registries();
    std::lock_guard lock(reg.mutex);
    pids.assign(reg.process_groups.begin(), reg.process_groups.end());
  }
  if (const pid_t watchdog = watchdog_pid(); watchdog > 0) pids.push_back(watchdog);
  return pids;
}

void reset_interrupt_for_tests() {
  g_interrupted.store(false, std::memory_order_release);
  g_signal.store(0, std::memory_order_release);
}

ChildGroupRegistration::ChildGroupRegistration(pid_t process_group) : process_group_(process_group) {
  auto& reg = registries();
  std::lock_guard lock(reg.mutex);
  reg.process_groups.insert(process_group_);
  watch_group(process_group_);
}

ChildGroupRegistration::~ChildGroupRegistration() {
  auto& reg = registries();
  std::lock_guard lock(reg.mutex);
  if (auto it = reg.process_groups.find(process_group_); it != reg.process_groups.end()) {
    reg.process_groups.erase(it);
  }
  unwatch_group(process_group_);
}

CleanupRegistration::CleanupRegistration(std::filesystem::path path) {
  auto& reg = registries();
  std::lock_guard lock(reg.mutex);
  id_ = reg.next_cleanup_id++;
  reg.cleanup_paths.emplace(id_, std::move(path));
}

CleanupRegistration::~CleanupRegistration() {
  if (id_ == 0) return;
  auto& reg = registries();
  std::lock_guard lock(reg.mutex);
  reg.cleanup_paths.erase(id_);
}

CleanupRegistration::CleanupRegistration(CleanupRegistration&& other) noexcept : id_(other.id_) { other.id_ = 0; }

CleanupRegistration& CleanupRegistration::operator=(CleanupRegistration&& other) noexcept {
  if (this != &other) {
    if (id_ != 0) {
      auto& reg = registries();
      std::lock_guard lock(reg.mutex);
      reg.cleanup_paths.erase(id_);
    }
    id_ = other.id_;
    other.id_ = 0;
  }
  return *this;
}

}  // namespace prhost::services
