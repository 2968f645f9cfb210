#include "services/watchdog.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <mutex>

namespace prhost::services {
namespace {

// prhost runs its children one at a time; a few hundred slots is plenty even
// for tests that run several at once. Groups beyond it are not watched.
constexpr int kMaxGroups = 512;

struct WatchdogState {
  std::mutex mutex;
  int socket = -1;
  pid_t pid = 0;
  bool unavailable = false;
};

WatchdogState& state() {
  static WatchdogState instance;
  return instance;
}

// --- the watchdog process: after fork() in a threaded program, so only
// async-signal-safe calls and no allocation from here to _exit().

struct GroupTable {
  pid_t groups[kMaxGroups] = {};
  int count = 0;

  void apply(char op, long value) {
    const auto group = static_cast<pid_t>(value);
    if (op == '+' && count < kMaxGroups) groups[count++] = group;
    if (op != '-') return;
    for (int i = 0; i < count; ++i) {
      if (groups[i] == group) {
        groups[i] = groups[--count];
        return;
      }
    }
  }
};

void detach_from_prhost(int keep) {
  ::setpgid(0, 0);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::signal(signal, SIG_IGN);
  // Hold none of prhost's files: a pipe the caller waits on (a test reading
  // prhost's stdout) must close when prhost exits, not when we do.
  const int null = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null, fd);
  if (keep > 3) ::close_range(3, static_cast<unsigned>(keep) - 1, 0);
  ::close_range(static_cast<unsigned>(keep) + 1, ~0U, 0);
}

[[noreturn]] void watchdog_main(int socket) {
  detach_from_prhost(socket);
  GroupTable table;
  char buffer[1024];
  char op = 0;
  long value = 0;
  for (;;) {
    const auto size = ::read(socket, buffer, sizeof buffer);
    if (size < 0 && errno == EINTR) continue;
    if (size <= 0) break;  // prhost is gone
    for (ssize_t i = 0; i < size; ++i) {
      const char c = buffer[i];
      if (c == '+' || c == '-') {
        op = c;
        value = 0;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
      } else if (c == '\n') {
        table.apply(op, value);
        op = 0;
      }
    }
  }
  for (int i = 0; i < table.count; ++i) {
    if (table.groups[i] > 1) ::killpg(table.groups[i], SIGKILL);
  }
  ::_exit(0);
}

// --- prhost's side

bool start_locked(WatchdogState& watchdog) {
  if (watchdog.socket >= 0) return true;
  if (watchdog.unavailable) return false;
  int ends[2];
  // A socket, not a pipe: send(MSG_NOSIGNAL) to a dead watchdog fails with
  // EPIPE instead of raising SIGPIPE in prhost. CLOEXEC: no child holds it.
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    watchdog.unavailable = true;
    return false;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(ends[0]);
    watchdog_main(ends[1]);
  }
  ::close(ends[1]);
  if (pid < 0) {
    ::close(ends[0]);
    watchdog.unavailable = true;
    return false;
  }
  watchdog.socket = ends[0];
  watchdog.pid = pid;
  return true;
}

void send_locked(WatchdogState& watchdog, char op, pid_t group) {
  char line[32];
  const int length = std::snprintf(line, sizeof line, "%c%d\n", op, static_cast<int>(group));
  if (length <= 0 || ::send(watchdog.socket, line, static_cast<std::size_t>(length), MSG_NOSIGNAL) < 0) {
    ::close(watchdog.socket);  // it died: carry on without it
    watchdog.socket = -1;
    watchdog.unavailable = true;
  }
}

}  // namespace

void watch_group(pid_t group) noexcept {
  auto& watchdog = state();
  std::lock_guard lock(watchdog.mutex);
  if (start_locked(watchdog)) send_locked(watchdog, '+', group);
}

void unwatch_group(pid_t group) noexcept {
  auto& watchdog = state();
  std::lock_guard lock(watchdog.mutex);
  if (watchdog.socket >= 0) send_locked(watchdog, '-', group);
}

pid_t watchdog_pid() noexcept {
  auto& watchdog = state();
  std::lock_guard lock(watchdog.mutex);
  return watchdog.pid;
}

}  // namespace prhost::services
