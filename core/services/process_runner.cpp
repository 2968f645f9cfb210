#include "services/process_runner.hpp"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <system_error>
#include <thread>

#include <boost/filesystem.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include "services/cancellation.hpp"
#include "util/read_file.hpp"
#include "util/temp_path.hpp"

namespace prhost::services {
namespace bp = boost::process;

namespace {

boost::filesystem::path resolve_executable(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return {program};
  }
  return bp::search_path(program);
}

// Runs in the child between fork and exec. prhost blocks SIGINT/SIGTERM in
// all its threads (see cancellation.hpp) and a blocked mask survives exec, so
// without this a child would never see Ctrl-C or a polite SIGTERM of its own.
struct UnblockSignalsInChild {
  template <typename Executor>
  void operator()(Executor& /*executor*/) const {
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
  }
};

enum class WaitOutcome { Exited, TimedOut, Interrupted };

// Waits in short slices instead of one long wait, so an interrupt is noticed
// within ~50 ms. The slice starts at 1 ms and doubles: a quick command costs
// about as little as a blocking wait would.
WaitOutcome wait_for_exit(bp::child& child, std::chrono::milliseconds timeout) {
  // A "wait forever" timeout (milliseconds::max) would overflow the clock.
  constexpr auto kLongest = std::chrono::hours(24 * 365);
  const auto deadline = std::chrono::steady_clock::now() + std::min<std::chrono::milliseconds>(timeout, kLongest);
  auto slice = std::chrono::milliseconds(1);
  constexpr auto kMaxSlice = std::chrono::milliseconds(50);
  for (;;) {
    // The flag first: the signal thread SIGKILLs registered groups, so an
    // interrupted child usually looks like one that simply exited.
    if (interrupted()) return WaitOutcome::Interrupted;
    std::error_code ec;
    if (!child.running(ec) || ec) return interrupted() ? WaitOutcome::Interrupted : WaitOutcome::Exited;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return WaitOutcome::TimedOut;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(slice, deadline - now));
    slice = std::min(slice * 2, kMaxSlice);
  }
}

}  // namespace

sdk::ProcessResult run_process(const sdk::ProcessRequest& request) {
  sdk::ProcessResult result;
  if (request.argv.empty()) {
    result.failed_to_start = true;
    result.err = "empty command";
    return result;
  }
  const auto executable = resolve_executable(request.argv.front());
  if (executable.empty() || !boost::filesystem::exists(executable)) {
    result.failed_to_start = true;
    result.err = request.argv.front() + ": command not found on PATH";
    return result;
  }

  // Output goes to files, not pipes: reading two pipes synchronously can
  // deadlock when the child fills the one we are not reading.
  const util::TempPath out_file = util::TempPath::file("prhost-out");
  const util::TempPath err_file = util::TempPath::file("prhost-err");

  bp::environment env = boost::this_process::environment();
  for (const auto& name : request.unset_env) {
    env.erase(name);
  }
  for (const auto& [name, value] : request.env) {
    env[name] = value;
  }
  const std::vector<std::string> args(request.argv.begin() + 1, request.argv.end());
  const std::string cwd = request.cwd.empty() ? std::filesystem::current_path().string() : request.cwd.string();

  // Nothing is started once the user asked to stop.
  throw_if_interrupted();
  const auto started = std::chrono::steady_clock::now();
  std::error_code launch_error;
  bp::group group;
  bp::child child(executable, bp::args(args), bp::start_dir(cwd), bp::env(env),
                  bp::std_in<bp::null, bp::std_out> out_file.path().string(), bp::std_err > err_file.path().string(),
                  group, bp::extend::on_exec_setup = UnblockSignalsInChild{}, launch_error);
  if (launch_error) {
    result.failed_to_start = true;
    result.err = request.argv.front() + ": " + launch_error.message();
    return result;
  }
  const ChildGroupRegistration registration(group.native_handle());
  std::error_code ignored;
  switch (wait_for_exit(child, request.timeout)) {
    case WaitOutcome::Exited:
      result.exit_code = child.exit_code();
      // Reap stragglers the child left in its group (daemonized helpers).
      group.terminate(ignored);
      break;
    case WaitOutcome::TimedOut:
      result.timed_out = true;
      group.terminate(ignored);
      child.wait(ignored);
      break;
    case WaitOutcome::Interrupted:
      // The whole group dies, then the exception unwinds the caller's stack
      // so its RAII owners (checkouts, temp files) clean up.
      group.terminate(ignored);
      child.wait(ignored);
      throw Interrupted(interrupt_signal());
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  result.out = util::read_text_file(out_file.path()).value_or("");
  result.err = util::read_text_file(err_file.path()).value_or("");
  return result;
}

}  // namespace prhost::services
