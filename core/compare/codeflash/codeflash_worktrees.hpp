// The linked worktrees the real codeflash compare makes for one run
// (`git worktree add …/worktrees/compare-base-<time>`, then compare-head).
// codeflash removes them in a `finally` block, which runs on a clean exit and
// on SIGINT, but not after SIGKILL, a timeout that had to escalate, or a
// crash — and then they stay registered in the user's `.git/worktrees`.
//
// So prhost owns them: codeflash is told (through a two-line launcher,
// codeflash_backend.cpp) to make them inside a prhost temporary directory
// (`prhost-codeflash-<pid>-XXXXXX`, swept like every other after a SIGKILL);
// whatever it registered is removed and pruned when the run ends, however it
// ends; and the exit check after an interrupt looks for any that survived
// before prhost says nothing was left behind (services/leftovers.hpp).
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "services/cancellation.hpp"
#include "util/temp_path.hpp"

namespace prhost::git {
class Repository;
}

namespace prhost::compare::codeflash {

// What the codeflash runs of a SIGKILLed prhost left registered: worktrees
// whose directory, inside a `prhost-codeflash-*` directory the temp sweep
// has removed, is gone (`git worktree prune`, limited to those). Every
// compare calls it, whichever backend it runs. Never throws.
void prune_worktrees_of_dead_runs(const git::Repository& repository) noexcept;

class CodeflashWorktrees {
 public:
  // Prunes what dead runs left (prune_worktrees_of_dead_runs), then notes
  // the worktrees that exist now and makes the directory for this run.
  explicit CodeflashWorktrees(const std::filesystem::path& project_root);
  // Removes and prunes every worktree registered since construction. Never throws.
  ~CodeflashWorktrees();
  CodeflashWorktrees(const CodeflashWorktrees&) = delete;
  CodeflashWorktrees& operator=(const CodeflashWorktrees&) = delete;

  // Where codeflash is to make its worktrees.
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  std::filesystem::path project_root_;
  std::set<std::string> before_;  // worktree names registered before the run
  util::TempPath dir_;
  services::CleanupRegistration cleanup_;  // a forced exit (second signal) removes dir_ too
};

}  // namespace prhost::compare::codeflash
