#include "services/process_runner.hpp"

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
#include "services/child_control.hpp"
#include "util/read_file.hpp"
#include "util/temp_path.hpp"

namespace prhost::services {
namespace bp = boost::process;

namespace {

using Clock = std::chrono::steady_clock;

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

}  // namespace

sdk::ProcessResult run_process(const sdk::ProcessRequest& request) {
  sdk::ProcessResult result;
  if (auto problem = child::cannot_start(request)) {
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
  const auto env = child::environment_for(request);

  // Nothing is started once the user asked to stop.
  throw_if_interrupted();
  const auto started = Clock::now();
  std::error_code launch_error;
  bp::group group;
  std::unique_lock spawn_lock(child::spawn_mutex());
  bp::child child(child::resolve_executable(request.argv.front()), bp::args(args), bp::start_dir(cwd), bp::env(env),
                  bp::std_in<bp::null, bp::std_out> out_file.path().string(), bp::std_err > err_file.path().string(),
                  group, bp::extend::on_exec_setup = child::PrepareChild{::getpid()}, launch_error);
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
    if (outcome != WaitOutcome::Exited) child::end_gracefully(child, group_id);
    child::record_exit(child, result);
    child::end_leftovers(group_id);
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
