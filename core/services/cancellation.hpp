// SIGINT/SIGTERM without async-signal-safety traps: the signals are blocked in
// every thread and one dedicated thread takes them with sigwait(), so all the
// work on a signal (killing child process groups, logging) runs as ordinary
// code. The work itself is not stopped from outside: the flag makes
// run_process() (and throw_if_interrupted() checkpoints) throw Interrupted, so
// the stack unwinds and every RAII owner (CheckoutSet, TempPath) cleans up
// before the command exits 130.
//
// A second signal, at least a second after the first, means "stop now": the
// registered cleanup paths are removed and the process exits 130 at once,
// without waiting for the unwinding. One sooner is the same interrupt
// delivered twice (timeout(1) signals the process and then its group).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>

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

// What the signal thread does on the first signal: set the flag, remember the
// signal, SIGKILL every registered child process group. Public so tests can
// interrupt without sending real signals.
void request_interrupt(int signal);
// Clears the flag; only for tests that interrupt on purpose.
void reset_interrupt_for_tests();

// Registers a child's process group for as long as it runs, so an interrupt
// kills it even while the main thread is busy elsewhere. Registering after an
// interrupt kills the group at once.
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
