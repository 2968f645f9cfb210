#include "worktree/submodules.hpp"

#include <git2.h>

#include "git/git_error.hpp"
#include "git/owned.hpp"
#include "services/cancellation.hpp"
#include "worktree/tree_checkout.hpp"

namespace prhost::worktree {
namespace {

using git::Owned;

// Deeper than any real project nests submodules; a cycle cannot run away.
constexpr int kMaxDepth = 4;

struct Gitlink {
  std::string path;  // relative to the tree's root
  std::string sha;
};

int collect_gitlink(const char* root, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_filemode(entry) != GIT_FILEMODE_COMMIT) return 0;
  auto& links = *static_cast<std::vector<Gitlink>*>(payload);
  char sha[GIT_OID_HEXSZ + 1];
  git_oid_tostr(sha, sizeof sha, git_tree_entry_id(entry));
  links.push_back({std::string(root) + git_tree_entry_name(entry), sha});
  return 0;
}

std::vector<Gitlink> gitlinks_of(git_repository* repository, const std::string& sha) {
  git_oid oid;
  git::check(git_oid_fromstr(&oid, sha.c_str()), "bad commit id " + sha);
  Owned<git_commit, git_commit_free> commit;
  git::check(git_commit_lookup(&commit.ptr, repository, &oid), "cannot read commit " + sha);
  Owned<git_tree, git_tree_free> tree;
  git::check(git_commit_tree(&tree.ptr, commit.ptr), "cannot read the tree of " + sha);
  std::vector<Gitlink> links;
  git::check(git_tree_walk(tree.ptr, GIT_TREEWALK_PRE, collect_gitlink, &links), "cannot walk the tree of " + sha);
  return links;
}

std::string workdir_of(git_repository* repository) {
  const char* workdir = git_repository_workdir(repository);
  return workdir != nullptr ? std::string(workdir) : std::string(git_repository_path(repository));
}

void fill(git_repository* repository, const std::string& sha, const std::filesystem::path& dir,
          const std::string& prefix, int depth, std::vector<MissingSubmodule>& missing);

// One gitlink: the user's submodule repository, the recorded commit in it,
// that commit's tree written into the checkout, then its own submodules.
void fill_one(git_repository* repository, const Gitlink& link, const std::filesystem::path& dir,
              const std::string& prefix, int depth, std::vector<MissingSubmodule>& missing) {
  const auto shown = prefix + link.path;
  const auto init_hint = " (`git submodule update --init --recursive " + shown + "` in your clone)";
  Owned<git_submodule, git_submodule_free> submodule;
  if (git_submodule_lookup(&submodule.ptr, repository, link.path.c_str()) < 0) {
    missing.push_back({shown, "not listed in .gitmodules of " + workdir_of(repository)});
    return;
  }
  Owned<git_repository, git_repository_free> clone;
  if (git_submodule_open(&clone.ptr, submodule.ptr) < 0) {
    missing.push_back({shown, "not initialised in " + workdir_of(repository) + init_hint});
    return;
  }
  git_oid oid;
  Owned<git_commit, git_commit_free> commit;
  if (git_oid_fromstr(&oid, link.sha.c_str()) < 0 || git_commit_lookup(&commit.ptr, clone.ptr, &oid) < 0) {
    missing.push_back(
        {shown, "its recorded commit " + link.sha.substr(0, 12) + " is not in your clone of it" + init_hint});
    return;
  }
  const auto target = dir / link.path;
  try {
    std::filesystem::create_directories(target);
    checkout_commit_tree(clone.ptr, shown, link.sha, target);
  } catch (const std::exception& error) {
    missing.push_back({shown, error.what()});
    return;
  }
  fill(clone.ptr, link.sha, target, shown + "/", depth + 1, missing);
}

void fill(git_repository* repository, const std::string& sha, const std::filesystem::path& dir,
          const std::string& prefix, int depth, std::vector<MissingSubmodule>& missing) {
  if (depth > kMaxDepth) return;
  for (const auto& link : gitlinks_of(repository, sha)) {
    services::throw_if_interrupted();
    fill_one(repository, link, dir, prefix, depth, missing);
  }
}

}  // namespace

std::vector<MissingSubmodule> check_out_submodules(git_repository* repository, const std::string& sha,
                                                   const std::filesystem::path& dir) {
  std::vector<MissingSubmodule> missing;
  fill(repository, sha, dir, "", 0, missing);
  return missing;
}

std::string describe(const std::vector<MissingSubmodule>& missing) {
  std::string text;
  for (const auto& one : missing) text += (text.empty() ? "" : "; ") + one.path + ": " + one.why;
  return text;
}

}  // namespace prhost::worktree
