#include "git/cherry_pick.hpp"

#include <git2.h>

#include "git/owned.hpp"

namespace prhost::git {
namespace {

using CommitHandle = Owned<git_commit, git_commit_free>;

std::string hex(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, &oid);
  return text;
}

void lookup(CommitHandle& commit, const Repository& repository, const std::string& sha) {
  git_oid oid;
  check(git_oid_fromstr(&oid, sha.c_str()), "bad commit id " + sha);
  check(git_commit_lookup(&commit.ptr, repository.raw(), &oid), "cannot read commit " + sha);
}

std::vector<std::string> conflicting_paths(git_index* index) {
  std::vector<std::string> paths;
  Owned<git_index_conflict_iterator, git_index_conflict_iterator_free> conflicts;
  if (git_index_conflict_iterator_new(&conflicts.ptr, index) < 0) return paths;
  const git_index_entry* ancestor = nullptr;
  const git_index_entry* ours = nullptr;
  const git_index_entry* theirs = nullptr;
  while (git_index_conflict_next(&ancestor, &ours, &theirs, conflicts.ptr) == 0) {
    const auto* entry = theirs != nullptr ? theirs : (ours != nullptr ? ours : ancestor);
    if (entry != nullptr) paths.emplace_back(entry->path);
  }
  return paths;
}

// The user's identity when git has one configured, as `git cherry-pick`
// would record; a repository without user.name still gets a valid commit.
void committer(Owned<git_signature, git_signature_free>& signature, const Repository& repository) {
  if (git_signature_default(&signature.ptr, repository.raw()) == 0) return;
  check(git_signature_now(&signature.ptr, "prhost", "prhost@localhost"), "cannot make a committer signature");
}

std::string picked_message(const git_commit* picked, const std::string& picked_sha, const std::string& trailer) {
  std::string message = git_commit_message(picked);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  message += "\n\n(cherry picked from commit " + picked_sha + ")\n";
  if (!trailer.empty()) message += trailer + (trailer.back() == '\n' ? "" : "\n");
  return message;
}

std::optional<git_oid> blob_at(const git_commit* commit, const std::string& path) {
  Owned<git_tree, git_tree_free> tree;
  if (git_commit_tree(&tree.ptr, commit) < 0) return std::nullopt;
  Owned<git_tree_entry, git_tree_entry_free> entry;
  if (git_tree_entry_bypath(&entry.ptr, tree.ptr, path.c_str()) < 0) return std::nullopt;
  if (git_tree_entry_type(entry.ptr) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(entry.ptr);
}

}  // namespace

CherryPickConflict::CherryPickConflict(const std::string& commit, const std::string& onto,
                                       std::vector<std::string> paths)
    : GitError([&] {
        std::string text =
            "commit " + commit.substr(0, 12) + " does not apply cleanly onto " + onto.substr(0, 12) + "; conflicts in:";
        for (const auto& path : paths) text += " " + path;
        return text;
      }()),
      paths_(std::move(paths)) {}

std::string cherry_pick_onto(const Repository& repository, const std::string& onto_sha, const std::string& commit_sha,
                             const std::string& trailer) {
  CommitHandle onto;
  CommitHandle picked;
  lookup(onto, repository, onto_sha);
  lookup(picked, repository, commit_sha);
  git_merge_options merge;
  check(git_merge_options_init(&merge, GIT_MERGE_OPTIONS_VERSION), "libgit2 merge options");
  Owned<git_index, git_index_free> index;
  check(git_cherrypick_commit(&index.ptr, repository.raw(), picked.ptr, onto.ptr, 0, &merge),
        "cannot cherry-pick " + commit_sha + " onto " + onto_sha);
  if (git_index_has_conflicts(index.ptr) != 0) {
    throw CherryPickConflict(commit_sha, onto_sha, conflicting_paths(index.ptr));
  }
  git_oid tree_id;
  check(git_index_write_tree_to(&tree_id, index.ptr, repository.raw()), "cannot write the cherry-picked tree");
  Owned<git_tree, git_tree_free> tree;
  check(git_tree_lookup(&tree.ptr, repository.raw(), &tree_id), "cannot read the cherry-picked tree");
  Owned<git_signature, git_signature_free> signature;
  committer(signature, repository);
  const auto message = picked_message(picked.ptr, commit_sha, trailer);
  const git_commit* parents[] = {onto.ptr};
  git_oid made;
  // update_ref = nullptr: the commit is written to the object database only.
  check(git_commit_create(&made, repository.raw(), nullptr, git_commit_author(picked.ptr), signature.ptr, nullptr,
                          message.c_str(), tree.ptr, 1, parents),
        "cannot write the cherry-picked commit");
  return hex(made);
}

std::optional<std::string> commit_that_set(const Repository& repository, const std::string& tip_sha,
                                           const std::string& path) {
  CommitHandle current;
  lookup(current, repository, tip_sha);
  const auto blob = blob_at(current.ptr, path);
  if (!blob) return std::nullopt;
  while (git_commit_parentcount(current.ptr) > 0) {
    CommitHandle parent;
    if (git_commit_parent(&parent.ptr, current.ptr, 0) < 0) break;  // shallow clone: the tip of what we have
    const auto parent_blob = blob_at(parent.ptr, path);
    if (!parent_blob || git_oid_cmp(&*parent_blob, &*blob) != 0) break;
    std::swap(current.ptr, parent.ptr);
  }
  return hex(*git_commit_id(current.ptr));
}

}  // namespace prhost::git
