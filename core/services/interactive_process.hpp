// A child prhost talks to while it runs: lines written to its stdin, lines
// read from its stdout, its stderr kept in a file for the failure message.
// The compare engine's timing workers speak a line protocol this way (one
// request, one answer), which run_process — output only after the exit —
// cannot carry. The child lives by run_process's rules (child_control.hpp):
// own process group, registered for a forced exit and the watchdog, ended
// with SIGINT → SIGTERM → SIGKILL, leftovers ended after it.
//
// Every read has its own timeout (a worker that does not answer within the
// benchmark timeout is ended, and the caller classifies that like a timed-out
// benchmark process) and notices Ctrl-C within ~50 ms: the child is ended and
// Interrupted thrown, as run_process does.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "prhost/sdk/host_services.hpp"

namespace prhost::services {

class InteractiveProcess {
 public:
  // Starts the child (request.timeout is not used: each read has its own).
  // A child that cannot start leaves started() false and start_error() set.
  explicit InteractiveProcess(const sdk::ProcessRequest& request);
  ~InteractiveProcess();  // ends a child still running (its stdin closed first)
  InteractiveProcess(const InteractiveProcess&) = delete;
  InteractiveProcess& operator=(const InteractiveProcess&) = delete;

  [[nodiscard]] bool started() const;
  [[nodiscard]] const std::string& start_error() const;

  enum class ReadStatus { Line, Closed, TimedOut };
  struct Read {
    ReadStatus status = ReadStatus::Closed;
    std::string line;  // without the newline
  };
  // The next line of the child's stdout, waiting at most `timeout`. Closed:
  // the child closed its stdout (it exited). Throws Interrupted.
  Read read_line(std::chrono::milliseconds timeout);

  // Writes `line` and a newline to the child's stdin; false when the child no
  // longer reads it (it exited). Never raises SIGPIPE in prhost.
  bool write_line(std::string_view line);

  // Closes the child's stdin, waits up to `grace` for it to exit, ends it
  // otherwise; `err` is its stderr, `elapsed` its whole life. Call once.
  sdk::ProcessResult finish(std::chrono::milliseconds grace);
  // Ends the child now because it did not answer in time: timed_out is set.
  sdk::ProcessResult end_timed_out();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace prhost::services
