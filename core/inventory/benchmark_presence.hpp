// Whether `test_benchmark_<function>` already exists in the benchmarks root,
// both in the commit being inventoried (what compare's worktrees will see)
// and in the working tree (written but not committed yet).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "git/repository.hpp"

namespace prhost::inventory {

// The test names a benchmark for a function may have: `test_benchmark_<name>`,
// and for a method also `test_benchmark_<Class>_<name>` (and its lowercase).
std::vector<std::string> benchmark_test_names(const std::string& function_name,
                                              const std::optional<std::string>& class_name);

struct BenchmarkPresence {
  std::vector<std::string> test_names;     // the names looked for
  std::optional<std::string> at_head;      // file (relative to the project root) defining one, at the head commit
  std::optional<std::string> in_worktree;  // same, in the working tree
};

// The `def test_benchmark_*` functions of every .py file under the benchmarks
// root, read once at the head commit (libgit2) and once from the working tree.
class BenchmarkIndex {
 public:
  BenchmarkIndex(const git::Repository& repository, const std::string& head_sha,
                 const std::filesystem::path& project_root, const std::string& benchmarks_root);

  [[nodiscard]] BenchmarkPresence find(const std::vector<std::string>& test_names) const;

  // test name -> file, for tests and reports.
  [[nodiscard]] const std::map<std::string, std::string>& at_head() const { return at_head_; }
  [[nodiscard]] const std::map<std::string, std::string>& in_worktree() const { return in_worktree_; }

 private:
  std::map<std::string, std::string> at_head_;
  std::map<std::string, std::string> in_worktree_;
};

// The benchmark test functions defined in Python source text.
std::set<std::string> benchmark_tests_in(const std::string& source);

}  // namespace prhost::inventory
