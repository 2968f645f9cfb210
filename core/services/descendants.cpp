#include "services/descendants.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

namespace prhost::services {
namespace {

// /proc/<pid>/stat: "pid (comm) S ppid ...". comm may hold spaces and
// parentheses, so the fields after it are found from the last ')'.
std::optional<ProcessEntry> read_stat(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buffer[512];
  const auto size = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  if (size <= 0) return std::nullopt;
  const std::string_view text(buffer, static_cast<std::size_t>(size));
  const auto open = text.find('(');
  const auto close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close + 4 >= text.size()) {
    return std::nullopt;
  }
  ProcessEntry entry;
  entry.pid = pid;
  entry.name = std::string(text.substr(open + 1, close - open - 1));
  entry.state = text[close + 2];
  entry.parent = static_cast<pid_t>(std::strtol(buffer + close + 4, nullptr, 10));
  return entry;
}

std::vector<ProcessEntry> read_process_table() {
  std::vector<ProcessEntry> table;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return table;
  while (const dirent* entry = ::readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || end == entry->d_name || *end != '\0') continue;
    if (auto process = read_stat(static_cast<pid_t>(pid))) table.push_back(std::move(*process));
  }
  ::closedir(proc);
  return table;
}

// The trees below `roots` (roots included), skipping `excluded` subtrees.
std::vector<ProcessEntry> trees_below(const std::vector<ProcessEntry>& table, std::vector<pid_t> roots,
                                      const std::set<pid_t>& excluded) {
  std::multimap<pid_t, const ProcessEntry*> children;
  std::map<pid_t, const ProcessEntry*> by_pid;
  for (const auto& process : table) {
    children.emplace(process.parent, &process);
    by_pid.emplace(process.pid, &process);
  }
  std::vector<ProcessEntry> found;
  std::set<pid_t> visited;
  while (!roots.empty()) {
    const pid_t pid = roots.back();
    roots.pop_back();
    if (excluded.contains(pid) || !visited.insert(pid).second) continue;
    if (auto it = by_pid.find(pid); it != by_pid.end()) found.push_back(*it->second);
    const auto [first, last] = children.equal_range(pid);
    for (auto it = first; it != last; ++it) roots.push_back(it->second->pid);
  }
  return found;
}

std::vector<pid_t> adopted_orphans(const std::vector<ProcessEntry>& table, const std::set<pid_t>& excluded) {
  const pid_t self = ::getpid();
  std::vector<pid_t> orphans;
  for (const auto& process : table) {
    if (process.parent == self && !excluded.contains(process.pid)) orphans.push_back(process.pid);
  }
  return orphans;
}

// Reaps the zombies among our own children; returns the ones still alive.
std::vector<ProcessEntry> reap_zombies(std::vector<ProcessEntry> processes) {
  const pid_t self = ::getpid();
  std::erase_if(processes, [self](const ProcessEntry& process) {
    if (process.state != 'Z') return false;
    if (process.parent == self) ::waitpid(process.pid, nullptr, WNOHANG);
    return true;  // a zombie is already dead; its own parent reaps it
  });
  return processes;
}

}  // namespace

void become_subreaper() noexcept { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

std::vector<ProcessEntry> live_descendants(const std::vector<pid_t>& excluded) {
  const std::set<pid_t> skip(excluded.begin(), excluded.end());
  auto found = trees_below(read_process_table(), {::getpid()}, skip);
  std::erase_if(found, [](const ProcessEntry& process) { return process.pid == ::getpid(); });
  return found;
}

std::size_t end_adopted_orphans(const std::vector<pid_t>& own_children, std::chrono::milliseconds grace) {
  const std::set<pid_t> excluded(own_children.begin(), own_children.end());
  // A process in uninterruptible sleep may ignore even SIGKILL for a while;
  // give up after the grace period plus this, rather than hang prhost.
  constexpr auto kAfterKill = std::chrono::seconds(2);
  const auto start = std::chrono::steady_clock::now();
  std::set<pid_t> ended;
  for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
    const auto table = read_process_table();
    const auto targets = reap_zombies(trees_below(table, adopted_orphans(table, excluded), excluded));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (targets.empty() || elapsed > grace + kAfterKill) break;
    // SIGTERM once per process (a second one could cut its clean-up short),
    // SIGKILL once the grace period is over.
    for (const auto& process : targets) {
      if (elapsed >= grace) {
        ::kill(process.pid, SIGKILL);
      } else if (ended.insert(process.pid).second) {
        ::kill(process.pid, SIGTERM);
      }
      ended.insert(process.pid);
    }
    std::this_thread::sleep_for(pause);
  }
  return ended.size();
}

}  // namespace prhost::services
