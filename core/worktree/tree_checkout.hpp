// Writes one commit's tree into a directory with libgit2, touching nothing
// else: not the repository's index, HEAD or working tree. Shared by the ref
// checkouts and the submodules filled inside them.
#pragma once

#include <filesystem>
#include <string>

struct git_repository;

namespace prhost::worktree {

// Throws git::GitError naming `label` (the ref as the user wrote it, or a
// submodule's path) when the commit or its tree cannot be read or written.
void checkout_commit_tree(git_repository* repository, const std::string& label, const std::string& sha,
                          const std::filesystem::path& dir);

}  // namespace prhost::worktree
