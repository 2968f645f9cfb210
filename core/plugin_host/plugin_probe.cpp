#include "plugin_host/plugin_probe.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <nlohmann/json.hpp>
#include <thread>

#include "plugin_host/plugin_registry.hpp"
#include "services/cancellation.hpp"
#include "util/printable.hpp"
#include "util/read_file.hpp"
#include "util/signal_name.hpp"
#include "util/temp_path.hpp"

namespace prhost::plugin_host {
namespace {

using Clock = std::chrono::steady_clock;

// --- the child: loads the library the way the host would, then reports.

void write_line(int fd, const std::string& line) {
  const std::string text = line + "\n";
  for (std::size_t written = 0; written < text.size();) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
}

// The report is one JSON object a line: first (once the entry point checked
// out) the plugin's identity, then the result. A probe that dies while
// registering has sent only the first, so the failure still names the plugin.
constexpr const char* kIdentified = "identified";
constexpr const char* kDone = "done";

ProbeResult probe_in_child(const ProbeRequest& request, int report_fd) {
  ProbeResult result;
  result.status = ProbeResult::Status::Invalid;
  void* library = ::dlopen(request.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = ::dlerror();
    const std::string why = util::printable(reason != nullptr ? reason : "unknown dlopen error");
    // Only a missing dependency is what `ldd` shows; other reasons (wrong
    // architecture, a bad ELF file) speak for themselves.
    const bool missing_dependency = why.find("cannot open shared object file") != std::string::npos;
    result.error = fmt::format("{}: cannot be loaded: {}{}", request.path.string(), why,
                               missing_dependency ? " (a shared library it needs is missing; `ldd " +
                                                        request.path.string() + "` lists what it needs)"
                                                  : "");
    return result;
  }
  auto* entry = reinterpret_cast<sdk::EntryPoint*>(::dlsym(library, sdk::kEntryPointSymbol));
  if (entry == nullptr) {
    result.error = fmt::format("{}: not a prhost plugin (no '{}' entry point); remove it from the plugin directory",
                               request.path.string(), sdk::kEntryPointSymbol);
    return result;
  }
  const sdk::PluginInfo* info = nullptr;
  try {
    info = entry();
  } catch (const std::exception& error) {
    result.error =
        fmt::format("{}: the plugin's entry point threw: {}", request.path.string(), util::printable(error.what()));
    return result;
  } catch (...) {
    result.error = fmt::format("{}: the plugin's entry point threw an unknown exception", request.path.string());
    return result;
  }
  result.error = check_entry(info, request.path, result.identity);
  if (!result.error.empty()) return result;
  result.status = ProbeResult::Status::Ok;
  if (!request.should_register(result.identity.name)) return result;
  write_line(report_fd, probe_to_text(result, kIdentified));
  StagingRegistry staging;
  try {
    info->register_contributions(staging, request.services(result.identity.name));
    result.registered = true;
  } catch (const std::exception& error) {
    result.status = ProbeResult::Status::Failed;
    result.error = fmt::format("{}: plugin '{}' threw during registration: {}", request.path.string(),
                               result.identity.name, util::printable(error.what()));
  } catch (...) {
    result.status = ProbeResult::Status::Failed;
    result.error = fmt::format("{}: plugin '{}' threw an unknown exception during registration", request.path.string(),
                               result.identity.name);
  }
  return result;
}

[[noreturn]] void run_child(const ProbeRequest& request, int report_fd, const std::filesystem::path& err_file) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The plugin's own output must not reach the user's terminal or a --json
  // stdout; what it says on stderr is kept for the message.
  const int null = ::open("/dev/null", O_WRONLY);
  const int err = ::open(err_file.c_str(), O_WRONLY | O_TRUNC);
  ::dup2(null, STDOUT_FILENO);
  if (err >= 0) ::dup2(err, STDERR_FILENO);
  write_line(report_fd, probe_to_text(probe_in_child(request, report_fd), kDone));
  // _exit: no static destructor or atexit handler of the plugin runs.
  ::_exit(0);
}

// --- the parent: reads the report, bounded by the timeout and by Ctrl-C.

enum class Wait { Done, TimedOut };

Wait read_report(int fd, std::string& report, Clock::time_point deadline) {
  char buffer[4096];
  for (;;) {
    if (services::interrupted()) return Wait::TimedOut;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return Wait::TimedOut;
    pollfd entry{fd, POLLIN, 0};
    const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, 50)));
    if (ready < 0 && errno != EINTR) return Wait::Done;
    if (ready <= 0) continue;
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Wait::Done;  // EOF: the child exited (or closed its end)
    report.append(buffer, static_cast<std::size_t>(n));
  }
}

std::optional<int> wait_exit(pid_t child, Clock::time_point deadline) {
  for (;;) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) return status;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// The last lines the plugin wrote to stderr ("terminate called after ...").
std::string stderr_tail(const std::filesystem::path& err_file) {
  std::string text = util::read_text_file(err_file).value_or("");
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > 300) text = "…" + text.substr(text.size() - 300);
  return text.empty() ? "" : "; it printed: " + util::printable(text);
}

// What the child's report lines said: the identity it sent before
// registering, and its final result if it got that far.
struct Report {
  PluginIdentity identity;
  std::optional<ProbeResult> done;
  bool unreadable = false;
};

Report read_lines(const std::string& text) {
  Report report;
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start)) {
    try {
      std::string stage;
      auto result = probe_from_text(text.substr(start, end - start), &stage);
      report.identity = result.identity;
      if (stage == kDone) report.done = std::move(result);
    } catch (const std::exception&) {
      report.unreadable = true;
    }
  }
  if (start < text.size()) report.unreadable = true;  // a line cut short
  return report;
}

ProbeResult failure(const ProbeRequest& request, const PluginIdentity& identity, std::string what,
                    const std::filesystem::path& err_file) {
  ProbeResult result;
  result.status = ProbeResult::Status::Failed;
  result.identity = identity;
  const std::string who = identity.name.empty() ? "the plugin" : fmt::format("plugin '{}'", identity.name);
  result.error = fmt::format("{}: {} {} while loading and registering; it was not loaded{}", request.path.string(), who,
                             what, stderr_tail(err_file));
  return result;
}

ProbeResult judge(const ProbeRequest& request, const std::string& text, int status,
                  const std::filesystem::path& err_file) {
  const Report report = read_lines(text);
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return failure(
        request, report.identity,
        fmt::format("crashed ({} by {})", signal == SIGABRT ? "aborted" : "killed", util::signal_name(signal)),
        err_file);
  }
  if (report.done && !report.unreadable) return *report.done;
  if (report.unreadable) {
    return failure(request, report.identity, "sent an unreadable probe report (it wrote to prhost's pipe)", err_file);
  }
  return failure(request, report.identity,
                 fmt::format("ended the process itself (exit status {}) instead of returning", WEXITSTATUS(status)),
                 err_file);
}

}  // namespace

std::string probe_to_text(const ProbeResult& result, std::string_view stage) {
  const auto& identity = result.identity;
  return nlohmann::json{{"stage", stage},
                        {"status", static_cast<int>(result.status)},
                        {"name", identity.name},
                        {"version", identity.version},
                        {"kind", identity.kind},
                        {"description", identity.description},
                        {"abi_major", identity.abi_major},
                        {"abi_minor", identity.abi_minor},
                        {"registered", result.registered},
                        {"error", result.error}}
      .dump();
}

ProbeResult probe_from_text(const std::string& text, std::string* stage) {
  const auto json = nlohmann::json::parse(text);
  if (stage != nullptr) *stage = json.value("stage", std::string());
  ProbeResult result;
  const int status = json.at("status").get<int>();
  if (status < 0 || status > static_cast<int>(ProbeResult::Status::Failed)) throw std::runtime_error("bad status");
  result.status = static_cast<ProbeResult::Status>(status);
  result.identity.name = json.at("name").get<std::string>();
  result.identity.version = json.at("version").get<std::string>();
  result.identity.kind = json.at("kind").get<std::string>();
  result.identity.description = json.at("description").get<std::string>();
  result.identity.abi_major = json.at("abi_major").get<std::uint32_t>();
  result.identity.abi_minor = json.at("abi_minor").get<std::uint32_t>();
  result.registered = json.at("registered").get<bool>();
  result.error = json.at("error").get<std::string>();
  return result;
}

ProbeResult probe_plugin(const ProbeRequest& request) {
  const util::TempPath err_file = util::TempPath::file("prhost-probe-err");
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_ends[0]);
    run_child(request, pipe_ends[1], err_file.path());
  }
  ::close(pipe_ends[1]);
  if (child < 0) {
    ::close(pipe_ends[0]);
    throw std::system_error(errno, std::generic_category(), "cannot fork to probe " + request.path.string());
  }
  const auto deadline = Clock::now() + request.timeout;
  std::string report;
  const Wait waited = read_report(pipe_ends[0], report, deadline);
  ::close(pipe_ends[0]);
  std::optional<int> status = waited == Wait::Done ? wait_exit(child, deadline) : std::nullopt;
  if (!status) {
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    services::throw_if_interrupted();
    auto result = failure(
        request, read_lines(report).identity,
        fmt::format("hung (no answer within {} s)", std::chrono::ceil<std::chrono::seconds>(request.timeout).count()),
        err_file.path());
    result.cacheable = false;
    return result;
  }
  return judge(request, report, *status, err_file.path());
}

}  // namespace prhost::plugin_host
