// Starting and ending one child process group, shared by the two ways prhost
// runs a child: to completion with captured output (process_runner) and
// interactively over pipes (interactive_process). One place for the rules a
// child lives by: no shell, prhost's run directory as TMPDIR, the signal mask
// cleared, death with prhost, and the SIGINT → SIGTERM → SIGKILL ending.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include <boost/filesystem.hpp>
#include <boost/process.hpp>

#include "prhost/sdk/host_services.hpp"

namespace prhost::services::child {

// argv[0] as given when it holds a '/', else looked up on PATH (empty when absent).
boost::filesystem::path resolve_executable(const std::string& program);

// Why the request cannot start ("empty command", "x: command not found on PATH"), or nothing.
std::optional<std::string> cannot_start(const sdk::ProcessRequest& request);

// The host's environment with the request's changes; TMPDIR points into
// prhost's own per-run directory unless the request says otherwise.
boost::process::environment environment_for(const sdk::ProcessRequest& request);

// Runs in the child between fork and exec.
struct PrepareChild {
  pid_t parent;

  template <typename Executor>
  void operator()(Executor& /*executor*/) const {
    prepare_in_child(parent);
  }
  static void prepare_in_child(pid_t parent);
};

// Polls `child` until it exited or `limit` passed; true when it exited.
bool exited_within(boost::process::child& child, std::chrono::milliseconds limit);

// SIGINT to the group, then SIGTERM, then SIGKILL (cancellation.hpp), and reaps the child.
void end_gracefully(boost::process::child& child, pid_t group);

// Children may start side by side (instruction counts of base and head, the
// two timing workers of a pair): a child between its fork and its
// ChildGroupRegistration must not look like an adopted orphan to another
// child's clean-up, so a spawn holds this lock until it is registered, and
// end_leftovers holds it while it looks for orphans.
std::mutex& spawn_mutex();

// After the child itself is gone: the rest of its group and adopted orphans.
void end_leftovers(pid_t group);

// exit_code / signal of a reaped child.
void record_exit(const boost::process::child& child, sdk::ProcessResult& result);

}  // namespace prhost::services::child
