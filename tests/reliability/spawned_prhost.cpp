#include "spawned_prhost.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace prhost::testing {
namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& changes) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto equals = text.find('=');
    if (equals != std::string::npos) merged[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : changes) merged[name] = value;
  std::vector<std::string> flat;
  for (const auto& [name, value] : merged) flat.push_back(name + "=" + value);
  return flat;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> raw;
  for (auto& text : strings) raw.push_back(text.data());
  raw.push_back(nullptr);
  return raw;
}

const ScratchDir& shared_home() {
  static const ScratchDir home;
  return home;
}

}  // namespace

SpawnedPrhost::SpawnedPrhost(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                             const std::map<std::string, std::string>& env)
    : logs_(logs_dir_.path()) {
  std::vector<std::string> argv{PRHOST_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  auto changes = env;
  changes.try_emplace("XDG_CACHE_HOME", (shared_home() / "cache").string());
  changes.try_emplace("XDG_CONFIG_HOME", (shared_home() / "config").string());
  auto environment = environment_with(changes);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const auto out = (logs_ / "out").string();
  const auto err = (logs_ / "err").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  auto raw_argv = pointers(argv);
  auto raw_env = pointers(environment);
  started_ = std::chrono::steady_clock::now();
  if (::posix_spawn(&pid_, argv[0].c_str(), &actions, &attributes, raw_argv.data(), raw_env.data()) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
}

SpawnedPrhost::~SpawnedPrhost() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void SpawnedPrhost::signal(int signal) const {
  if (pid_ > 0 && !reaped_) ::kill(pid_, signal);
}

int SpawnedPrhost::wait(std::chrono::seconds limit) {
  if (pid_ <= 0) return -1;
  int status = 0;
  const bool ended = wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, limit);
  elapsed_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  if (!ended) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    reaped_ = true;
    return -1;
  }
  reaped_ = true;
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

std::vector<std::string> processes_mentioning(const std::string& text) {
  std::vector<std::string> found;
  std::error_code error;
  for (std::filesystem::directory_iterator it("/proc", error), end; !error && it != end; it.increment(error)) {
    const auto name = it->path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos || std::stoi(name) == ::getpid()) continue;
    std::ifstream stat(it->path() / "stat");
    std::string stat_line;
    std::getline(stat, stat_line);
    const auto close = stat_line.rfind(')');
    if (close == std::string::npos || close + 2 >= stat_line.size() || stat_line[close + 2] == 'Z') continue;
    std::ifstream cmdline_file(it->path() / "cmdline", std::ios::binary);
    std::ostringstream raw;
    raw << cmdline_file.rdbuf();
    std::string cmdline = raw.str();
    for (auto& c : cmdline) {
      if (c == '\0') c = ' ';
    }
    if (cmdline.find(text) != std::string::npos) found.push_back(name + ": " + cmdline);
  }
  return found;
}

}  // namespace prhost::testing
