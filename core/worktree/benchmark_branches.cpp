#include "worktree/benchmark_branches.hpp"

#include <algorithm>
#include <set>

#include "git/cherry_pick.hpp"
#include "git/history.hpp"
#include "services/leftovers.hpp"
#include "worktree/ref_names.hpp"

namespace prhost::worktree {
namespace {

struct ResolvedRef {
  std::string ref;
  std::string sha;
};

// Where a benchmark file is committed: the commit that set it at the first
// of `sources` (the other refs, then HEAD) that has it.
std::string benchmark_commit(const git::Repository& repository, const std::vector<ResolvedRef>& sources,
                             const std::string& file, const ResolvedRef& missing_at) {
  for (const auto& source : sources) {
    if (auto commit = git::commit_that_set(repository, source.sha, file)) return *commit;
  }
  throw TempBranchError("--branches: " + file + " is not committed at " + missing_at.ref +
                        ", at the other ref or at HEAD, so there is no benchmark commit to cherry-pick; commit it, "
                        "or compare without --branches (the working-tree file is then injected into both checkouts)");
}

// Oldest first, so a benchmark commit that builds on another applies after it.
void sort_by_time(const git::Repository& repository, std::vector<std::string>& commits) {
  auto time_of = [&](const std::string& sha) {
    const auto found = git::lookup_commit(repository, sha);
    return found.commit ? found.commit->time : 0;
  };
  std::stable_sort(commits.begin(), commits.end(),
                   [&](const std::string& a, const std::string& b) { return time_of(a) < time_of(b); });
}

std::vector<std::string> commits_missing_at(const git::Repository& repository, const ResolvedRef& ref,
                                            const std::vector<ResolvedRef>& sources,
                                            const std::vector<std::string>& benchmark_files) {
  std::vector<std::string> commits;
  for (const auto& file : benchmark_files) {
    if (repository.read_file(ref.sha, file)) continue;
    auto commit = benchmark_commit(repository, sources, file, ref);
    if (std::find(commits.begin(), commits.end(), commit) == commits.end()) commits.push_back(std::move(commit));
  }
  sort_by_time(repository, commits);
  return commits;
}

std::vector<ResolvedRef> sources_for(const ResolvedRef& ref, const std::vector<ResolvedRef>& refs,
                                     const git::Repository& repository) {
  std::vector<ResolvedRef> sources;
  for (const auto& other : refs) {
    if (other.sha != ref.sha) sources.push_back(other);
  }
  if (const auto head = repository.resolve("HEAD")) sources.push_back({"HEAD", *head});
  return sources;
}

}  // namespace

BenchmarkBranches::BenchmarkBranches(const git::Repository& repository, const std::vector<std::string>& refs,
                                     const std::vector<std::string>& benchmark_files)
    : gitdir_(repository.gitdir()) {
  remove_stale_temp_branches(repository);
  std::vector<ResolvedRef> resolved;
  for (const auto& ref : refs) resolved.push_back({ref, resolve_ref(repository, ref)});
  std::set<std::string> done;
  try {
    for (const auto& ref : resolved) {
      if (!done.insert(ref.ref).second) continue;
      services::throw_if_interrupted();
      auto picked = commits_missing_at(repository, ref, sources_for(ref, resolved, repository), benchmark_files);
      if (picked.empty()) continue;
      make_branch(repository, {ref.ref, temp_branch_name(ref.ref, ref.sha), ref.sha, std::move(picked)});
    }
  } catch (...) {
    delete_all();
    throw;
  }
  const auto gitdir = gitdir_;
  std::vector<std::string> names;
  for (const auto& branch : branches_) names.push_back(branch.name);
  // The interrupted command's exit check runs after this object is gone.
  services::add_leftover_check("prhost/tmp branches", [gitdir, names] {
    std::vector<std::string> lines;
    const auto repository = git::Repository::open(gitdir);
    const auto left = temp_branches(repository);
    for (const auto& name : names) {
      if (std::find(left.begin(), left.end(), name) != left.end()) lines.push_back("branch " + name + " still exists");
    }
    return lines;
  });
}

void BenchmarkBranches::make_branch(const git::Repository& repository, TemporaryBranch branch) {
  // Two refs can read alike as branch names (`v1~1`, `v1^1`): the second gets a number.
  const auto taken = [&](const std::string& name) {
    return std::any_of(branches_.begin(), branches_.end(), [&](const auto& made) { return made.name == name; });
  };
  const auto base_name = branch.name;
  for (int n = 2; taken(branch.name); ++n) branch.name = base_name + "-" + std::to_string(n);
  // Registered before the branch exists, so a forced exit at any moment removes it.
  for (const auto& file : temp_branch_files(repository, branch.name)) cleanups_.emplace_back(file);
  std::string tip = branch.sha;
  for (const auto& commit : branch.picked) {
    try {
      tip = git::cherry_pick_onto(repository, tip, commit, owner_trailer());
    } catch (const git::CherryPickConflict& conflict) {
      throw TempBranchError("--branches: the benchmark commit cannot be cherry-picked onto " + branch.ref + ": " +
                            conflict.what() + "; compare without --branches (the working-tree file is injected)");
    }
  }
  create_temp_branch(repository, branch.name, tip);
  branch.sha = tip;
  branches_.push_back(std::move(branch));
}

std::string BenchmarkBranches::ref_to_check_out(const std::string& ref) const {
  for (const auto& branch : branches_) {
    if (branch.ref == ref) return branch.name;
  }
  return ref;
}

void BenchmarkBranches::delete_all() noexcept {
  try {
    const auto repository = git::Repository::open(gitdir_);
    for (const auto& branch : branches_) delete_temp_branch(repository, branch.name);
  } catch (...) {
    // The exit check names whatever is still there; the next run deletes it.
  }
  branches_.clear();
}

BenchmarkBranches::~BenchmarkBranches() { delete_all(); }

}  // namespace prhost::worktree
