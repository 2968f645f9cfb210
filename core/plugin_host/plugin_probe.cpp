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
#include "util/signal_name.hpp"
#include "util/printable.hpp"
#include "util/read_file.hpp"
#include "util/temp_path.hpp"

namespace prhost::plugin_host {
namespace {

using Clock = std::chrono::steady_clock;

// --- the child: loads the library the way the host would, then reports.

ProbeResult probe_in_child(const ProbeRequest& request) {
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
    result.error = fmt::format("{}: the plugin's entry point threw: {}", request.path.string(),
                               util::printable(error.what()));
    return result;
  } catch (...) {
    result.error = fmt::format("{}: the plugin's entry point threw an unknown exception", request.path.string());
    return result;
  }
  result.error = check_entry(info, request.path, result.identity);
  if (!result.error.empty()) return result;
  result.status = ProbeResult::Status::Ok;
  if (!request.should_register(result.identity.name)) return result;
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
    result.error = fmt::format("{}: plugin '{}' threw an unknown exception during registration",
                               request.path.string(), result.identity.name);
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
  const std::string text = probe_to_text(probe_in_child(request));
  for (std::size_t written = 0; written < text.size();) {
    const auto n = ::write(report_fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
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

ProbeResult failure(const ProbeRequest& request, std::string what, const std::filesystem::path& err_file) {
  ProbeResult result;
  result.status = ProbeResult::Status::Failed;
  result.error = fmt::format("{}: {} while loading and registering; the plugin was not loaded{}", request.path.string(),
                             what, stderr_tail(err_file));
  return result;
}

ProbeResult judge(const ProbeRequest& request, const std::string& report, int status,
                  const std::filesystem::path& err_file) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return failure(request, fmt::format("crashed ({} by {})", signal == SIGABRT ? "aborted" : "killed",
                                        util::signal_name(signal)),
                   err_file);
  }
  if (report.empty()) {
    return failure(request,
                   fmt::format("ended the process itself (exit status {}) instead of returning", WEXITSTATUS(status)),
                   err_file);
  }
  try {
    return probe_from_text(report);
  } catch (const std::exception&) {
    return failure(request, "sent an unreadable probe report (it wrote to prhost's pipe)", err_file);
  }
}

}  // namespace

std::string probe_to_text(const ProbeResult& result) {
  const auto& identity = result.identity;
  return nlohmann::json{{"status", static_cast<int>(result.status)},
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

ProbeResult probe_from_text(const std::string& text) {
  const auto json = nlohmann::json::parse(text);
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
        request, fmt::format("hung (no answer within {} s)", std::chrono::ceil<std::chrono::seconds>(request.timeout).count()),
        err_file.path());
    result.cacheable = false;
    return result;
  }
  return judge(request, report, *status, err_file.path());
}

}  // namespace prhost::plugin_host
