#include "inventory/optimization_refs.hpp"

#include <fmt/format.h>

#include "git/history.hpp"

namespace prhost::inventory {
namespace {

std::string short_sha(const std::string& sha) { return sha.substr(0, 12); }

const config::OptimizationOverride* matching_override(const Optimization& optimization,
                                                      const std::vector<config::OptimizationOverride>& overrides) {
  for (const auto& entry : overrides) {
    if (entry.number != 0 && entry.number == optimization.number) return &entry;
    if (!entry.commit.empty() && optimization.commit.sha.starts_with(entry.commit)) return &entry;
  }
  return nullptr;
}

// A branch name from gh: the local branch, else its remote-tracking copy.
std::optional<std::string> resolve_branch(const git::Repository& repository, const std::string& name) {
  if (name.empty()) return std::nullopt;
  for (const auto& candidate : {name, "origin/" + name, "refs/remotes/origin/" + name}) {
    if (auto sha = repository.resolve(candidate)) return sha;
  }
  return std::nullopt;
}

// The PR's refs when gh reported an open PR whose head contains the commit.
std::optional<OptimizationRefs> pull_request_refs(const git::Repository& repository, const Optimization& optimization,
                                                  std::vector<std::string>& notes) {
  for (const auto& pr : optimization.pr_status.pull_requests) {
    if (pr.state != "OPEN") continue;
    std::optional<std::string> head;
    if (!pr.head_ref_oid.empty()) head = repository.resolve(pr.head_ref_oid);
    if (!head) head = resolve_branch(repository, pr.head_ref_name);
    const auto base_branch = resolve_branch(repository, pr.base_ref_name);
    if (!head || !base_branch) {
      notes.push_back(fmt::format("PR #{}: its {} is not in this repository (fetch it to compare on the PR's refs)",
                                  pr.number, !head ? "head " + pr.head_ref_name : "base " + pr.base_ref_name));
      continue;
    }
    if (!git::is_ancestor_or_same(repository, optimization.commit.sha, *head)) {
      notes.push_back(
          fmt::format("PR #{} does not contain {}: not its pull request", pr.number, optimization.commit.short_sha));
      continue;
    }
    const auto base = git::merge_base(repository, *head, *base_branch);
    if (!base) {
      notes.push_back(fmt::format("PR #{}: {} and {} share no history", pr.number, pr.base_ref_name, pr.head_ref_name));
      continue;
    }
    OptimizationRefs refs;
    refs.base_sha = *base;
    refs.head_sha = *head;
    refs.base_label = fmt::format("{} (PR #{} base)", pr.base_ref_name, pr.number);
    refs.head_label =
        fmt::format("{} (PR #{} head)", pr.head_ref_name.empty() ? short_sha(*head) : pr.head_ref_name, pr.number);
    refs.origin = fmt::format("pull request #{}", pr.number);
    return refs;
  }
  return std::nullopt;
}

void apply_override(const git::Repository& repository, const config::OptimizationOverride& entry,
                    OptimizationRefs& refs) {
  refs.origin = entry.where;
  const auto take = [&](const std::string& revision, const char* side, std::string& sha, std::string& label) {
    if (revision.empty()) return;
    const auto resolved = repository.resolve(revision);
    if (!resolved) {
      refs.error = fmt::format("{}: [[optimization]] {} = \"{}\" names no commit in this repository", entry.where, side,
                               revision);
      return;
    }
    sha = *resolved;
    label = revision;
  };
  take(entry.base, "base", refs.base_sha, refs.base_label);
  take(entry.head, "head", refs.head_sha, refs.head_label);
  if (refs.ok() && refs.base_sha.empty())
    refs.error = entry.where + ": the optimization's commit has no parent; set base";
}

}  // namespace

OptimizationRefs commit_refs(const Optimization& optimization) {
  OptimizationRefs refs;
  refs.origin = "commit";
  refs.head_sha = optimization.commit.sha;
  refs.head_label = optimization.commit.short_sha;
  if (optimization.commit.parents.empty()) {
    refs.error = fmt::format(
        "{} is a root commit: there is no first parent to compare with (add an [[optimization]] base in "
        "prhost.toml)",
        optimization.commit.short_sha);
    return refs;
  }
  refs.base_sha = optimization.commit.parents.front();
  refs.base_label = short_sha(refs.base_sha) + " (first parent)";
  return refs;
}

OptimizationRefs choose_refs(const git::Repository& repository, const Optimization& optimization,
                             const std::vector<config::OptimizationOverride>& overrides) {
  std::vector<std::string> notes;
  OptimizationRefs refs = commit_refs(optimization);
  if (auto from_pr = pull_request_refs(repository, optimization, notes)) refs = *from_pr;
  if (const auto* entry = matching_override(optimization, overrides)) {
    refs.error.clear();
    apply_override(repository, *entry, refs);
  }
  refs.notes.insert(refs.notes.end(), notes.begin(), notes.end());
  return refs;
}

}  // namespace prhost::inventory
