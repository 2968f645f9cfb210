// `compare --branches`: instead of copying the working tree's benchmark into
// the checkouts, each ref that lacks a benchmark file gets a temporary branch
// `prhost/tmp/<ref>-bench` holding that ref plus the commit that added the
// benchmark, cherry-picked with libgit2 (git/cherry_pick.hpp). The comparison
// checks those branches out; the branches are deleted when this object goes
// away — success, exception, or the Interrupted a SIGINT/SIGTERM throws — and
// a forced exit (second signal) removes their ref files. A branch a SIGKILLed
// run left is deleted by the next run (temp_branches.hpp). The user's branch,
// HEAD, index and working tree never move.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "git/repository.hpp"
#include "services/cancellation.hpp"
#include "worktree/temp_branches.hpp"

namespace prhost::worktree {

struct TemporaryBranch {
  std::string ref;                  // as the user wrote it
  std::string name;                 // prhost/tmp/<ref>-bench
  std::string sha;                  // its tip
  std::vector<std::string> picked;  // the benchmark commits cherry-picked onto the ref, oldest first
};

class BenchmarkBranches {
 public:
  // For every ref (in order; a repeated ref gets one branch) that lacks one of
  // `benchmark_files`, finds the commit that set the file where it is
  // committed — at another of the refs, else at HEAD — and makes the ref's
  // branch. Throws TempBranchError when a file is committed nowhere or its
  // commit does not apply to the ref; what was made is deleted first.
  BenchmarkBranches(const git::Repository& repository, const std::vector<std::string>& refs,
                    const std::vector<std::string>& benchmark_files);
  ~BenchmarkBranches();  // deletes every branch it made; never throws
  BenchmarkBranches(const BenchmarkBranches&) = delete;
  BenchmarkBranches& operator=(const BenchmarkBranches&) = delete;

  // The ref to check out for `ref`: its temporary branch, or `ref` itself
  // when it has every benchmark file.
  [[nodiscard]] std::string ref_to_check_out(const std::string& ref) const;
  [[nodiscard]] const std::vector<TemporaryBranch>& branches() const { return branches_; }

 private:
  void make_branch(const git::Repository& repository, TemporaryBranch branch);
  void delete_all() noexcept;

  std::filesystem::path gitdir_;
  std::vector<TemporaryBranch> branches_;
  std::vector<services::CleanupRegistration> cleanups_;
};

}  // namespace prhost::worktree
