// A commit's tree holds each git submodule only as a commit id (a gitlink),
// so a checkout of the tree alone leaves the submodule's directory empty and
// tests that read data from it (tomlkit's tests/toml-test) fail at every ref.
// Each gitlink is checked out at the commit the ref records, from the
// submodule repository the user's clone already has (found with
// git_submodule_open) — never fetched from the network, and never the working
// tree's copy, which may sit at another commit. Nested submodules follow the
// same rule. A submodule the clone lacks, or whose commit it lacks, is named
// rather than guessed: the caller decides what that means for its run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

struct git_repository;

namespace prhost::worktree {

struct MissingSubmodule {
  std::string path;  // relative to the checkout root
  std::string why;   // "not initialised in /clone (`git submodule update --init tests/toml-test`)"
};

// Checks out every submodule of commit `sha` of `repository` into `dir` (a
// checkout of that commit's tree). Throws git::GitError only when `sha`
// itself cannot be read; a submodule that cannot be filled is returned.
std::vector<MissingSubmodule> check_out_submodules(git_repository* repository, const std::string& sha,
                                                   const std::filesystem::path& dir);

// "tests/toml-test: not initialised in …; docs/data: …": every missing one.
std::string describe(const std::vector<MissingSubmodule>& missing);

}  // namespace prhost::worktree
