#include "worktree/tree_checkout.hpp"

#include <git2.h>

#include "git/git_error.hpp"
#include "git/owned.hpp"

namespace prhost::worktree {

void checkout_commit_tree(git_repository* repository, const std::string& label, const std::string& sha,
                          const std::filesystem::path& dir) {
  using git::Owned;
  git_oid oid;
  git::check(git_oid_fromstr(&oid, sha.c_str()), "bad commit id " + sha + " for ref " + label);
  Owned<git_commit, git_commit_free> commit;
  git::check(git_commit_lookup(&commit.ptr, repository, &oid),
             "cannot read commit " + sha + " (ref " + label + "); is the clone shallow or incomplete? try `git fetch`");
  Owned<git_tree, git_tree_free> tree;
  git::check(git_commit_tree(&tree.ptr, commit.ptr), "cannot read the tree of " + label + " (" + sha + ")");

  git_checkout_options options;
  git::check(git_checkout_options_init(&options, GIT_CHECKOUT_OPTIONS_VERSION), "libgit2 checkout options");
  // FORCE: write every file of the tree whatever the (empty) target holds.
  // DONT_UPDATE_INDEX: the repository's index describes the user's working
  // tree, not this directory; libgit2 must not rewrite it.
  options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX;
  const std::string target = dir.string();
  options.target_directory = target.c_str();
  git::check(git_checkout_tree(repository, reinterpret_cast<const git_object*>(tree.ptr), &options),
             "cannot check out " + label + " (" + sha + ") into " + target);
}

}  // namespace prhost::worktree
