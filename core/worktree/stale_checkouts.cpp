#include "worktree/stale_checkouts.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>

namespace prhost::worktree {
namespace {

bool owner_is_gone(const std::filesystem::path& owner_file) {
  std::ifstream in(owner_file);
  long long pid = 0;
  if (!(in >> pid)) return false;  // unreadable: not ours to judge
  return process_is_gone(pid);
}

bool old_enough(const std::filesystem::path& directory) {
  std::error_code error;
  const auto modified = std::filesystem::last_write_time(directory, error);
  if (error) return false;
  return std::filesystem::file_time_type::clock::now() - modified > std::chrono::hours(1);
}

}  // namespace

bool process_is_gone(long long pid) noexcept {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

void record_owner(const std::filesystem::path& root) {
  std::ofstream out(root / kOwnerFile, std::ios::trunc);
  out << ::getpid() << '\n';
}

std::vector<std::filesystem::path> remove_stale_checkouts(const std::filesystem::path& temp_dir) {
  std::vector<std::filesystem::path> removed;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(temp_dir, error)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(kCheckoutsPrefix, 0) != 0 || !entry.is_directory(error)) continue;
    const auto owner = entry.path() / kOwnerFile;
    const bool stale = std::filesystem::exists(owner, error) ? owner_is_gone(owner) : old_enough(entry.path());
    if (!stale) continue;
    std::error_code ignored;
    if (std::filesystem::remove_all(entry.path(), ignored) > 0) removed.push_back(entry.path());
  }
  return removed;
}

}  // namespace prhost::worktree
