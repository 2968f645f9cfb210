// Byte-level snapshots of a directory tree (the user's repository, .git
// included) and a temporary-directory sandbox, for proving that checkouts
// leave nothing behind.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "test_support.hpp"

namespace prhost::worktree::testing {

// path relative to the root -> content ("dir" for directories, "-> target"
// for symlinks). Reads files only; runs no git command, because `git status`
// itself refreshes .git/index.
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const auto relative = std::filesystem::relative(it->path(), root).string();
    if (it->is_symlink()) {
      files[relative] = "-> " + std::filesystem::read_symlink(it->path()).string();
    } else if (it->is_directory()) {
      files[relative] = "dir";
    } else {
      files[relative] = prhost::testing::read_file(it->path());
    }
  }
  return files;
}

// Names every path that differs, so a failure says what was touched.
inline ::testing::AssertionResult same_tree(const std::map<std::string, std::string>& before,
                                            const std::map<std::string, std::string>& after) {
  std::string differences;
  for (const auto& [path, content] : before) {
    auto it = after.find(path);
    if (it == after.end())
      differences += "  removed: " + path + "\n";
    else if (it->second != content)
      differences += "  changed: " + path + "\n";
  }
  for (const auto& [path, content] : after) {
    if (before.find(path) == before.end()) differences += "  added:   " + path + "\n";
  }
  if (differences.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the repository changed:\n" << differences;
}

// Points TMPDIR at a fresh directory for the test's lifetime, so "nothing
// left behind" is checked in a directory nobody else writes to.
class TempDirSandbox {
 public:
  TempDirSandbox() {
    if (const char* old = std::getenv("TMPDIR")) previous_ = old;
    dir_ = scratch_.path() / "tmp";
    std::filesystem::create_directories(dir_);
    ::setenv("TMPDIR", dir_.c_str(), 1);
  }
  ~TempDirSandbox() {
    if (previous_)
      ::setenv("TMPDIR", previous_->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
  }
  TempDirSandbox(const TempDirSandbox&) = delete;
  TempDirSandbox& operator=(const TempDirSandbox&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return dir_; }
  [[nodiscard]] bool empty() const { return std::filesystem::is_empty(dir_); }

 private:
  prhost::testing::ScratchDir scratch_;  // created before TMPDIR moves, so it is not inside the sandbox
  std::filesystem::path dir_;
  std::optional<std::string> previous_;
};

}  // namespace prhost::worktree::testing
