// Reads commit history through libgit2: the last N commits from a ref, one
// commit's metadata, and what a commit changed against its first parent
// (files, new-side line ranges, added/removed text).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/repository.hpp"

namespace prhost::git {

struct CommitInfo {
  std::string sha;        // full 40-hex SHA
  std::string short_sha;  // shortest unique abbreviation (at least 7 hex digits)
  std::string subject;    // first line of the message
  std::string body;       // rest of the message, without the blank separator line
  std::string author;
  std::int64_t time = 0;  // committer time, seconds since the epoch
  std::vector<std::string> parents;
};

// Up to `limit` commits reachable from `revision`, starting at it and
// following parents (for a linear history, the order of `git log`; across a
// merge, each parent's line in turn). Stops after `limit`, so a 50,000-commit
// history costs no more than a short one. Throws GitError when `revision`
// does not name a commit.
std::vector<CommitInfo> recent_commits(const Repository& repository, const std::string& revision, std::size_t limit);

// The commit a SHA (full or unique prefix) or any revision names.
enum class LookupStatus { Found, NotFound, Ambiguous, NotACommit };
struct CommitLookup {
  LookupStatus status = LookupStatus::NotFound;
  std::optional<CommitInfo> commit;
};
CommitLookup lookup_commit(const Repository& repository, const std::string& revision);

// True when `ancestor` is `descendant` or one of its ancestors.
bool is_ancestor_or_same(const Repository& repository, const std::string& ancestor, const std::string& descendant);

// The best common ancestor of two commits (full SHAs), as `git merge-base`
// prints it: what a pull request's diff is taken against. nullopt when they
// share no history or a SHA is not a commit.
std::optional<std::string> merge_base(const Repository& repository, const std::string& one, const std::string& other);

// The git blob id of `content` (what `git hash-object` prints): a stable
// content hash that needs no repository.
std::string blob_id(std::string_view content);

enum class FileChangeStatus { Added, Modified, Deleted, Renamed, Copied, TypeChanged };
std::string to_string(FileChangeStatus status);

// Inclusive 1-based line range.
struct LineRange {
  int start = 0;
  int end = 0;
  bool operator==(const LineRange&) const = default;
};

struct FileChange {
  std::string old_path;  // empty for an added file
  std::string new_path;  // empty for a deleted file
  FileChangeStatus status = FileChangeStatus::Modified;
  bool binary = false;
  // Lines of the new side that were added or replaced. A pure deletion is a
  // one-line range at the line just before it, so the function it was cut
  // out of still counts as changed.
  std::vector<LineRange> new_ranges;
  int added_lines = 0;
  int removed_lines = 0;

  // The path to show: new path, or old path for a deleted file.
  [[nodiscard]] const std::string& path() const { return new_path.empty() ? old_path : new_path; }
};

struct CommitDiff {
  std::vector<FileChange> files;
  std::string added_code;       // added lines (text files only), joined with '\n'
  std::string removed_code;     // removed lines (text files only)
  bool code_truncated = false;  // added/removed_code hit the cap
};

// What `sha` changed against its first parent (a root commit: against the
// empty tree). Renames are detected. added_code and removed_code are each
// capped at `code_cap` bytes: classifiers only need a sample.
CommitDiff diff_against_first_parent(const Repository& repository, const std::string& sha,
                                     std::size_t code_cap = std::size_t{64} * 1024);

}  // namespace prhost::git
