#include "services/interactive_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <optional>
#include <vector>

#include <boost/process/extend.hpp>

#include "services/cancellation.hpp"
#include "services/child_control.hpp"
#include "util/read_file.hpp"
#include "util/temp_path.hpp"

namespace prhost::services {
namespace bp = boost::process;

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollSlice{50};  // how soon an interrupt is noticed

// A pipe whose ends close on exec: the other worker prhost starts next must
// not inherit this one's ends, or this child would never see end-of-file.
struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) == 0) {
      read = fds[0];
      write = fds[1];
    }
  }
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Runs in the child after child_control's preparation: the pipe ends become
// its stdin and stdout (dup2 clears close-on-exec on the copies).
struct ConnectPipes {
  int stdin_fd;
  int stdout_fd;
  template <typename Executor>
  void operator()(Executor& /*executor*/) const {
    ::dup2(stdin_fd, 0);
    ::dup2(stdout_fd, 1);
  }
};

// write() on a pipe nobody reads raises SIGPIPE, whose default ends prhost:
// block it for this thread, and take a pending one back before unblocking.
bool write_all(int fd, std::string_view data) {
  sigset_t pipe_only;
  sigset_t previous;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);
  bool ok = fd >= 0;
  while (ok && !data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      ok = false;
      const timespec now{0, 0};
      while (::sigtimedwait(&pipe_only, nullptr, &now) > 0) {
      }
      break;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return ok;
}

}  // namespace

struct InteractiveProcess::State {
  util::TempPath err_file = util::TempPath::file("prhost-worker-err");
  std::optional<bp::child> child;
  bp::group group;
  std::unique_ptr<ChildGroupRegistration> registration;
  Clock::time_point started = Clock::now();
  int to_child = -1;
  int from_child = -1;
  std::string buffer;
  std::string start_error;
  bool ended = false;

  sdk::ProcessResult end(bool timed_out, bool graceful_wait, std::chrono::milliseconds grace) {
    sdk::ProcessResult result;
    if (!child || ended) return result;
    close_fd(to_child);  // a worker waiting for a request sees end-of-file and stops at once
    const pid_t group_id = group.native_handle();
    if (!graceful_wait || !child::exited_within(*child, grace)) child::end_gracefully(*child, group_id);
    std::error_code ignored;
    child->wait(ignored);
    child::record_exit(*child, result);
    child::end_leftovers(group_id);
    group.detach();  // already ended: boost must not kill a reused id later
    registration.reset();
    close_fd(from_child);
    ended = true;
    result.timed_out = timed_out;
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    result.err = util::read_text_file(err_file.path()).value_or("");
    return result;
  }
};

InteractiveProcess::InteractiveProcess(const sdk::ProcessRequest& request) : state_(std::make_unique<State>()) {
  if (auto problem = child::cannot_start(request)) {
    state_->start_error = *problem;
    return;
  }
  throw_if_interrupted();  // nothing is started once the user asked to stop
  Pipe to_child;
  Pipe from_child;
  if (to_child.read < 0 || from_child.read < 0) {
    state_->start_error = request.argv.front() + ": cannot create pipes";
    return;
  }
  const std::vector<std::string> args(request.argv.begin() + 1, request.argv.end());
  const std::string cwd = request.cwd.empty() ? std::filesystem::current_path().string() : request.cwd.string();
  std::error_code launch_error;
  std::unique_lock spawn_lock(child::spawn_mutex());
  state_->child.emplace(child::resolve_executable(request.argv.front()), bp::args(args), bp::start_dir(cwd),
                        bp::env(child::environment_for(request)), bp::std_err > state_->err_file.path().string(),
                        state_->group, bp::extend::on_exec_setup = child::PrepareChild{::getpid()},
                        bp::extend::on_exec_setup = ConnectPipes{to_child.read, from_child.write}, launch_error);
  close_fd(to_child.read);
  close_fd(from_child.write);
  if (launch_error) {
    state_->child.reset();
    close_fd(to_child.write);
    close_fd(from_child.read);
    state_->start_error = request.argv.front() + ": " + launch_error.message();
    return;
  }
  state_->registration = std::make_unique<ChildGroupRegistration>(state_->group.native_handle());
  spawn_lock.unlock();
  state_->to_child = to_child.write;
  state_->from_child = from_child.read;
}

InteractiveProcess::~InteractiveProcess() {
  try {
    if (state_) state_->end(false, true, std::chrono::milliseconds(200));
  } catch (...) {  // a destructor must not throw; the group is SIGKILLed by the watchdog at worst
  }
}

bool InteractiveProcess::started() const { return state_->child.has_value(); }
const std::string& InteractiveProcess::start_error() const { return state_->start_error; }

InteractiveProcess::Read InteractiveProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto& state = *state_;
  while (true) {
    if (const auto newline = state.buffer.find('\n'); newline != std::string::npos) {
      Read read{ReadStatus::Line, state.buffer.substr(0, newline)};
      state.buffer.erase(0, newline + 1);
      return read;
    }
    if (state.from_child < 0) return {ReadStatus::Closed, ""};
    if (interrupted()) {
      state.end(false, false, {});
      throw Interrupted(interrupt_signal());
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return {ReadStatus::TimedOut, ""};
    pollfd watched{state.from_child, POLLIN, 0};
    const int ready = ::poll(&watched, 1, static_cast<int>(std::min(left, kPollSlice).count()));
    if (ready <= 0) continue;  // a slice passed (or EINTR): check the interrupt and the deadline again
    char chunk[4096];
    const ssize_t got = ::read(state.from_child, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      close_fd(state.from_child);
      continue;  // a last line without a newline is dropped: the protocol ends every line
    }
    state.buffer.append(chunk, static_cast<std::size_t>(got));
  }
}

bool InteractiveProcess::write_line(std::string_view line) {
  std::string text(line);
  text += '\n';
  return write_all(state_->to_child, text);
}

sdk::ProcessResult InteractiveProcess::finish(std::chrono::milliseconds grace) {
  return state_->end(false, true, grace);
}

sdk::ProcessResult InteractiveProcess::end_timed_out() { return state_->end(true, false, {}); }

}  // namespace prhost::services
