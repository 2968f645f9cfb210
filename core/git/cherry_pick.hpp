// Cherry-picks done entirely in the object database with libgit2:
// git_cherrypick_commit merges into an in-memory index, the result becomes a
// tree and a commit, and no ref, index, HEAD or working tree is touched. The
// caller gives the new commit a name (a branch) if it wants one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "git/git_error.hpp"
#include "git/repository.hpp"

namespace prhost::git {

// The cherry-pick does not apply cleanly: `paths` conflict.
class CherryPickConflict : public GitError {
 public:
  CherryPickConflict(const std::string& commit, const std::string& onto, std::vector<std::string> paths);
  [[nodiscard]] const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::vector<std::string> paths_;
};

// A new commit whose parent is `onto_sha` and whose changes are those of
// `commit_sha` against its first parent. It keeps the picked commit's author
// and message, with `trailer` lines appended ("Key: value\n..."); the
// committer is the repository's configured user, else "prhost". Returns the
// new commit's full SHA. Throws CherryPickConflict or GitError.
std::string cherry_pick_onto(const Repository& repository, const std::string& onto_sha, const std::string& commit_sha,
                             const std::string& trailer = {});

// The commit that gave `path` the content it has at `tip_sha`: following
// first parents from the tip, the oldest one in the unbroken run of commits
// holding that same blob (the commit that added the file, or last changed
// it). nullopt when the path is not a file at the tip.
std::optional<std::string> commit_that_set(const Repository& repository, const std::string& tip_sha,
                                           const std::string& path);

}  // namespace prhost::git
