#include "util/run_temp_dir.hpp"

#include <mutex>
#include <optional>

#include "util/temp_path.hpp"

namespace prhost::util {
namespace {

struct RunTempDir {
  std::mutex mutex;
  std::optional<TempPath> dir;  // its destructor removes the directory at exit
};

RunTempDir& state() {
  static RunTempDir instance;
  return instance;
}

}  // namespace

std::filesystem::path run_temp_dir() {
  auto& run = state();
  std::lock_guard lock(run.mutex);
  if (!run.dir) run.dir.emplace(TempPath::directory("prhost-run"));
  return run.dir->path();
}

void remove_run_temp_dir() noexcept {
  auto& run = state();
  std::lock_guard lock(run.mutex);
  run.dir.reset();
}

}  // namespace prhost::util
