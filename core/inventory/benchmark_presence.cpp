#include "inventory/benchmark_presence.hpp"

#include <git2.h>
#include <re2/re2.h>

#include "git/owned.hpp"
#include "prhost/sdk/helpers/text.hpp"
#include "util/read_file.hpp"

namespace prhost::inventory {
namespace {

struct TreeWalkState {
  git_repository* repository = nullptr;
  std::string prefix;  // the benchmarks root, with a trailing slash
  std::map<std::string, std::string>* found = nullptr;
};

int visit_tree_entry(const char* directory, const git_tree_entry* entry, void* payload) {
  auto* state = static_cast<TreeWalkState*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  const std::string name = git_tree_entry_name(entry);
  if (!name.ends_with(".py")) return 0;
  git::Owned<git_blob, git_blob_free> blob;
  if (git_blob_lookup(&blob.ptr, state->repository, git_tree_entry_id(entry)) < 0) return 0;
  const std::string source(static_cast<const char*>(git_blob_rawcontent(blob.ptr)),
                           static_cast<std::size_t>(git_blob_rawsize(blob.ptr)));
  const std::string path = state->prefix + directory + name;
  for (const auto& test : benchmark_tests_in(source)) state->found->emplace(test, path);
  return 0;
}

using OwnedTree = git::Owned<git_tree, git_tree_free>;

// The tree of `sha`'s commit into `tree`; false when the SHA names no commit.
bool commit_tree(const git::Repository& repository, const std::string& sha, OwnedTree& tree) {
  git_oid oid;
  if (git_oid_fromstr(&oid, sha.c_str()) < 0) return false;
  git::Owned<git_commit, git_commit_free> commit;
  if (git_commit_lookup(&commit.ptr, repository.raw(), &oid) < 0) return false;
  return git_commit_tree(&tree.ptr, commit.ptr) == 0;
}

// The subtree at `root` into `subtree`; false when the commit has no such directory.
bool subtree_at(const git::Repository& repository, const git_tree* tree, const std::string& root, OwnedTree& subtree) {
  git::Owned<git_tree_entry, git_tree_entry_free> entry;
  if (git_tree_entry_bypath(&entry.ptr, tree, root.c_str()) != 0) return false;
  if (git_tree_entry_type(entry.ptr) != GIT_OBJECT_TREE) return false;
  return git_tree_lookup(&subtree.ptr, repository.raw(), git_tree_entry_id(entry.ptr)) == 0;
}

void index_commit(const git::Repository& repository, const std::string& sha, const std::string& root,
                  std::map<std::string, std::string>& found) {
  OwnedTree tree;
  if (!commit_tree(repository, sha, tree)) return;
  OwnedTree subtree;
  git_tree* walked = tree.ptr;
  if (root != ".") {
    if (!subtree_at(repository, tree.ptr, root, subtree)) return;
    walked = subtree.ptr;
  }
  TreeWalkState state{repository.raw(), root == "." ? "" : root + "/", &found};
  git_tree_walk(walked, GIT_TREEWALK_PRE, visit_tree_entry, &state);
}

void index_directory(const std::filesystem::path& project_root, const std::string& root,
                     std::map<std::string, std::string>& found) {
  const auto directory = project_root / root;
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) return;
  for (std::filesystem::recursive_directory_iterator
           it(directory, std::filesystem::directory_options::skip_permission_denied, error),
       end;
       !error && it != end; it.increment(error)) {
    const auto& path = it->path();
    const auto name = path.filename().string();
    if (it->is_directory(error) && (name == "__pycache__" || name.starts_with("."))) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(error) || path.extension() != ".py") continue;
    const auto source = util::read_text_file(path).value_or("");
    const auto relative = path.lexically_relative(project_root).generic_string();
    for (const auto& test : benchmark_tests_in(source)) found.emplace(test, relative);
  }
}

}  // namespace

std::vector<std::string> benchmark_test_names(const std::string& function_name,
                                              const std::optional<std::string>& class_name) {
  std::vector<std::string> names{"test_benchmark_" + function_name};
  if (class_name) {
    names.push_back("test_benchmark_" + *class_name + "_" + function_name);
    const std::string lowered = sdk::helpers::to_lower(*class_name);
    if (lowered != *class_name) names.push_back("test_benchmark_" + lowered + "_" + function_name);
  }
  return names;
}

std::set<std::string> benchmark_tests_in(const std::string& source) {
  static const RE2 definition(R"((?m)^[ \t]*(?:async[ \t]+)?def[ \t]+(test_benchmark_\w+)[ \t]*\()");
  std::set<std::string> tests;
  // Match from a position, not FindAndConsume: `^` must see the text before
  // it, so a later search never starts a "line" in the middle of one.
  re2::StringPiece groups[2];
  for (std::size_t position = 0;
       position < source.size() && definition.Match(source, position, source.size(), RE2::UNANCHORED, groups, 2);) {
    tests.insert(std::string(groups[1]));
    position = static_cast<std::size_t>(groups[0].data() - source.data()) + std::max<std::size_t>(groups[0].size(), 1);
  }
  return tests;
}

BenchmarkIndex::BenchmarkIndex(const git::Repository& repository, const std::string& head_sha,
                               const std::filesystem::path& project_root, const std::string& benchmarks_root) {
  index_commit(repository, head_sha, benchmarks_root, at_head_);
  index_directory(project_root, benchmarks_root, in_worktree_);
}

BenchmarkPresence BenchmarkIndex::find(const std::vector<std::string>& test_names) const {
  BenchmarkPresence presence;
  presence.test_names = test_names;
  for (const auto& name : test_names) {
    if (!presence.at_head) {
      if (auto it = at_head_.find(name); it != at_head_.end()) presence.at_head = it->second;
    }
    if (!presence.in_worktree) {
      if (auto it = in_worktree_.find(name); it != in_worktree_.end()) presence.in_worktree = it->second;
    }
  }
  return presence;
}

}  // namespace prhost::inventory
