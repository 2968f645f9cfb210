// The prhost binary started in the background, so a test can signal it at a
// chosen moment (a marker file the benchmark writes, a worktree codeflash
// registered) and then look at what it left: `git worktree list`, branches,
// temporary paths and live processes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace prhost::testing {

class SpawnedPrhost {
 public:
  // Runs PRHOST_BINARY with `args` in `cwd`; the environment is the test's
  // plus `env` (and a per-test XDG cache/config home, as run_prhost gives).
  SpawnedPrhost(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                const std::map<std::string, std::string>& env);
  ~SpawnedPrhost();  // SIGKILLs it if it still runs
  SpawnedPrhost(const SpawnedPrhost&) = delete;
  SpawnedPrhost& operator=(const SpawnedPrhost&) = delete;

  void signal(int signal) const;
  // Its exit code (128 + signal when killed), or -1 when it did not end
  // within `limit` (it is SIGKILLed then).
  int wait(std::chrono::seconds limit);
  [[nodiscard]] std::string out() const { return read_file(logs_ / "out"); }
  [[nodiscard]] std::string err() const { return read_file(logs_ / "err"); }
  [[nodiscard]] std::chrono::milliseconds elapsed() const { return elapsed_; }
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  ScratchDir logs_dir_;
  std::filesystem::path logs_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::milliseconds elapsed_{0};
};

// Polls `done` every 50 ms; false when `limit` passed first.
bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit);

// "pid: command line" of every live process (zombies excluded) whose command
// line contains `text`, except this test process.
std::vector<std::string> processes_mentioning(const std::string& text);

}  // namespace prhost::testing
