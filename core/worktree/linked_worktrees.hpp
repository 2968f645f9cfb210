// The repository's linked worktrees (`git worktree add`), read and removed
// with libgit2. prhost never makes one itself (ref_checkout.hpp says why),
// but the real codeflash compare does, and a codeflash that was interrupted,
// timed out or SIGKILLed leaves them registered in the user's `.git/worktrees`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "git/repository.hpp"

namespace prhost::worktree {

struct LinkedWorktree {
  std::string name;            // .git/worktrees/<name>
  std::filesystem::path path;  // its working directory
  bool valid = false;          // false once that directory is gone
};

// Every linked worktree of `repository`; empty when it has none or they
// cannot be read. Never throws.
std::vector<LinkedWorktree> linked_worktrees(const git::Repository& repository) noexcept;

// Deletes the worktree's directory and its `.git/worktrees/<name>` entry
// (`git worktree remove --force`). False when it could not. Never throws.
bool remove_linked_worktree(const git::Repository& repository, const std::string& name) noexcept;

// Removes every registered worktree whose directory is gone and whose path
// `owned` says is prhost's (`git worktree prune`, limited to those). Returns
// how many it pruned.
std::size_t prune_missing_worktrees(const git::Repository& repository,
                                    const std::function<bool(const std::filesystem::path&)>& owned) noexcept;

}  // namespace prhost::worktree
