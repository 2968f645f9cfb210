#include "util/temp_sweep.hpp"

#include <signal.h>

#include <cerrno>

#include "util/temp_path.hpp"

namespace prhost::util {
namespace {

bool process_is_gone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

template <typename Keep>
std::vector<std::filesystem::path> entries_where(const std::filesystem::path& temp_dir, Keep keep) {
  std::vector<std::filesystem::path> found;
  std::error_code error;
  for (std::filesystem::directory_iterator it(temp_dir, error), end; !error && it != end; it.increment(error)) {
    const auto owner = temp_owner_pid(it->path().filename().string());
    if (owner && keep(*owner)) found.push_back(it->path());
  }
  return found;
}

}  // namespace

std::vector<std::filesystem::path> remove_stale_temp_paths(const std::filesystem::path& temp_dir) {
  std::vector<std::filesystem::path> removed;
  for (const auto& path : entries_where(temp_dir, process_is_gone)) {
    std::error_code ignored;
    if (std::filesystem::remove_all(path, ignored) > 0) removed.push_back(path);
  }
  return removed;
}

std::vector<std::filesystem::path> temp_paths_of(const std::filesystem::path& temp_dir, pid_t pid) {
  return entries_where(temp_dir, [pid](pid_t owner) { return owner == pid; });
}

}  // namespace prhost::util
