#include "finding_report.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

namespace prhost::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

// Read by the signal handler: plain storage prepared before any input runs.
FindingReport g_report;
std::string g_input;
long long g_iteration = -1;
char g_crash_path[4096];
std::atomic<long long> g_started_ns{0};  // 0: no input running

std::string path_for(const char* kind) {
  return (g_report.directory / (g_report.target + "-" + kind + "-" + std::to_string(g_iteration))).string();
}

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const auto n = ::write(fd, data, size);
    if (n <= 0) return;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void say(const char* text) { write_all(STDERR_FILENO, text, std::strlen(text)); }

// Async-signal-safe: open/write/close on a path prepared beforehand.
void on_crash(int signal) {
  const int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    write_all(fd, g_input.data(), g_input.size());
    ::close(fd);
  }
  say("FUZZ FINDING: the parser crashed (");
  say(sigabbrev_np(signal) != nullptr ? sigabbrev_np(signal) : "signal");
  say(") on the input saved as ");
  say(g_crash_path);
  say("\n");
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void watch() {
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const long long started = g_started_ns.load();
    if (started == 0) continue;
    const auto ran = Clock::now().time_since_epoch() - std::chrono::nanoseconds(started);
    if (ran < g_report.per_input_limit) continue;
    const auto saved = save_current_input("hang");
    std::fprintf(stderr, "FUZZ FINDING: one input ran longer than %lld ms (not linear time); saved as %s\n",
                 static_cast<long long>(g_report.per_input_limit.count()), saved.c_str());
    std::fflush(stderr);
    ::_exit(3);
  }
}

}  // namespace

void arm_finding_report(const FindingReport& report) {
  g_report = report;
  std::filesystem::create_directories(report.directory);
  // The handlers run on their own stack: a stack overflow is one of the crashes they report.
  static char alternate_stack[1 << 16];
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  ::sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = on_crash;
  action.sa_flags = SA_ONSTACK;
  for (int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) ::sigaction(signal, &action, nullptr);
  std::thread(watch).detach();
}

void set_current_input(std::string_view input, long long iteration) {
  g_input.assign(input);
  g_iteration = iteration;
  std::snprintf(g_crash_path, sizeof g_crash_path, "%s", path_for("crash").c_str());
  g_started_ns.store(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count());
}

void current_input_done() { g_started_ns.store(0); }

std::filesystem::path save_current_input(std::string_view why) {
  const std::filesystem::path path = path_for(std::string(why).c_str());
  std::ofstream(path, std::ios::binary) << g_input;
  return path;
}

}  // namespace prhost::fuzz
