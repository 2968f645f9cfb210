#include "inventory/benchmark_presence.hpp"
#include "util/read_file.hpp"

#include <git2.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

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
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, state->repository, git_tree_entry_id(entry)) < 0) return 0;
  const std::string source(static_cast<const char*>(git_blob_rawcontent(blob)),
                           static_cast<std::size_t>(git_blob_rawsize(blob)));
  git_blob_free(blob);
  const std::string path = state->prefix + directory + name;
  for (const auto& test : benchmark_tests_in(source)) state->found->emplace(test, path);
  return 0;
}

void index_commit(const git::Repository& repository, const std::string& sha, const std::string& root,
                  std::map<std::string, std::string>& found) {
  git_oid oid;
  if (git_oid_fromstr(&oid, sha.c_str()) < 0) return;
  git_commit* commit = nullptr;
  if (git_commit_lookup(&commit, repository.raw(), &oid) < 0) return;
  git_tree* tree = nullptr;
  const int tree_code = git_commit_tree(&tree, commit);
  git_commit_free(commit);
  if (tree_code < 0) return;

  git_tree* subtree = nullptr;
  if (root == ".") {
    subtree = tree;
    tree = nullptr;
  } else {
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree, root.c_str()) == 0) {
      if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
        git_tree_lookup(&subtree, repository.raw(), git_tree_entry_id(entry));
      }
      git_tree_entry_free(entry);
    }
  }
  if (subtree != nullptr) {
    TreeWalkState state{repository.raw(), root == "." ? "" : root + "/", &found};
    git_tree_walk(subtree, GIT_TREEWALK_PRE, visit_tree_entry, &state);
    git_tree_free(subtree);
  }
  if (tree != nullptr) git_tree_free(tree);
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
    std::string lowered = *class_name;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
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
