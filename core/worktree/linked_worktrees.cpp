#include "worktree/linked_worktrees.hpp"

#include <git2.h>

#include <memory>
#include <system_error>

namespace prhost::worktree {
namespace {

struct WorktreeDeleter {
  void operator()(git_worktree* worktree) const { git_worktree_free(worktree); }
};
using OwnedWorktree = std::unique_ptr<git_worktree, WorktreeDeleter>;

OwnedWorktree lookup(const git::Repository& repository, const std::string& name) {
  git_worktree* raw = nullptr;
  if (git_worktree_lookup(&raw, repository.raw(), name.c_str()) < 0) return nullptr;
  return OwnedWorktree(raw);
}

bool prune(git_worktree* worktree, std::uint32_t flags) {
  git_worktree_prune_options options;
  git_worktree_prune_options_init(&options, GIT_WORKTREE_PRUNE_OPTIONS_VERSION);
  options.flags = flags;
  return git_worktree_prune(worktree, &options) == 0;
}

}  // namespace

std::vector<LinkedWorktree> linked_worktrees(const git::Repository& repository) noexcept {
  std::vector<LinkedWorktree> found;
  git_strarray names{};
  if (git_worktree_list(&names, repository.raw()) < 0) return found;
  try {
    for (std::size_t i = 0; i < names.count; ++i) {
      const auto worktree = lookup(repository, names.strings[i]);
      if (!worktree) continue;
      const char* path = git_worktree_path(worktree.get());
      found.push_back({names.strings[i], path != nullptr ? path : "", git_worktree_validate(worktree.get()) == 0});
    }
  } catch (...) {
    // Out of memory while listing: report what was read.
  }
  git_strarray_dispose(&names);
  return found;
}

bool remove_linked_worktree(const git::Repository& repository, const std::string& name) noexcept {
  const auto worktree = lookup(repository, name);
  if (!worktree) return false;
  // Valid (its directory exists), maybe locked: removed with its working
  // tree, as `git worktree remove --force` would.
  return prune(worktree.get(), GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED | GIT_WORKTREE_PRUNE_WORKING_TREE);
}

std::size_t prune_missing_worktrees(const git::Repository& repository,
                                    const std::function<bool(const std::filesystem::path&)>& owned) noexcept {
  std::size_t pruned = 0;
  for (const auto& worktree : linked_worktrees(repository)) {
    if (worktree.valid) continue;
    try {
      if (!owned(worktree.path)) continue;
    } catch (...) {
      continue;
    }
    const auto handle = lookup(repository, worktree.name);
    if (handle && prune(handle.get(), 0)) ++pruned;
  }
  return pruned;
}

}  // namespace prhost::worktree
