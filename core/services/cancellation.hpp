// SIGINT/SIGTERM without async-signal-safety traps: the signals are blocked in
// every thread and one dedicated thread takes them with sigwait(), so all the
// work on a signal runs as ordinary code. The work itself is not stopped from
// outside: the flag makes run_process() (and throw_if_interrupted()
// checkpoints) end its child gracefully and throw Interrupted, so the stack
// unwinds and every RAII owner (CheckoutSet, TempPath) cleans up before the
// command exits 130.
//
// Ending a child, on an interrupt or a timeout, is one protocol: SIGINT to its
// process group (what a terminal's Ctrl-C would have sent it), up to half the
// grace period for its own clean-up, SIGTERM, the other half, then SIGKILL;
// then whatever it left behind — in its group, or adopted by prhost after it
// escaped with setsid() — is ended too (descendants.hpp).
//
// A second signal, at least a second after the first, means "stop now": every
// child group is SIGKILLed, the registered cleanup paths are removed and the
// process exits 130 at once, without waiting for the unwinding. One sooner is
// the same interrupt delivered twice (timeout(1) signals the process and then
// its group).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

namespace prhost::services {

// Blocks SIGINT and SIGTERM and starts the thread that waits for them. Call it
// first thing in main(), before any other thread exists: threads inherit the
// mask, and a thread without the mask would take the signal's default action
// (immediate death, no cleanup). Calling it again does nothing.
void install_signal_handling();

// True once SIGINT or SIGTERM arrived (or request_interrupt() was called).
[[nodiscard]] bool interrupted() noexcept;
// The signal that interrupted us, 0 when none.
[[nodiscard]] int interrupt_signal() noexcept;

class Interrupted : public std::exception {
 public:
  explicit Interrupted(int signal);
  [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }
  [[nodiscard]] int signal() const noexcept { return signal_; }

 private:
  int signal_;
  std::string message_;
};

// A checkpoint for long work that runs no child process (checkouts, copies).
void throw_if_interrupted();

// What the signal thread does on the first signal: set the flag and remember
// the signal (run_process ends its child). Public so tests can interrupt
// without sending real signals.
void request_interrupt(int signal);
// Clears the flag; only for tests that interrupt on purpose.
void reset_interrupt_for_tests();

// How long a child gets for its own clean-up before SIGKILL (default 5 s;
// tests shorten it).
[[nodiscard]] std::chrono::milliseconds termination_grace() noexcept;
void set_termination_grace(std::chrono::milliseconds grace) noexcept;

// prhost's own children that are not leftovers: the live child process
// groups (each led by the child prhost waits for) and the watchdog.
[[nodiscard]] std::vector<pid_t> supervised_pids();

// Registers a child's process group (led by the child itself) for as long as
// it runs: a forced exit SIGKILLs it, and the watchdog SIGKILLs it if prhost
// dies first (watchdog.hpp).
class ChildGroupRegistration {
 public:
  explicit ChildGroupRegistration(pid_t process_group);
  ~ChildGroupRegistration();
  ChildGroupRegistration(const ChildGroupRegistration&) = delete;
  ChildGroupRegistration& operator=(const ChildGroupRegistration&) = delete;

 private:
  pid_t process_group_;
};

// Registers a path that a forced exit (second signal) removes. Normal exits
// and the first signal rely on the owner's destructor instead.
class CleanupRegistration {
 public:
  explicit CleanupRegistration(std::filesystem::path path);
  ~CleanupRegistration();
  CleanupRegistration(CleanupRegistration&& other) noexcept;
  CleanupRegistration& operator=(CleanupRegistration&& other) noexcept;
  CleanupRegistration(const CleanupRegistration&) = delete;
  CleanupRegistration& operator=(const CleanupRegistration&) = delete;

 private:
  std::uint64_t id_ = 0;  // 0 = moved from
};

}  // namespace prhost::services
