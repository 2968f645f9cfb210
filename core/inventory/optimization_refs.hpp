// Which two commits measure one optimization on its own. By default base =
// the optimization commit's first parent and head = the commit, so a stacked
// branch of five optimizations gives five isolated comparisons instead of one
// cumulative one. An open pull request that contains the commit replaces
// them with the PR's own base (the merge base) and head, and an
// `[[optimization]]` entry in prhost.toml overrides either side.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "git/repository.hpp"
#include "inventory/inventory.hpp"

namespace prhost::inventory {

struct OptimizationRefs {
  std::string base_sha;  // full SHAs; both empty when `error` is set
  std::string head_sha;
  std::string base_label;  // what people read: "a1b2c3d (first parent)", "main (PR #12 base)"
  std::string head_label;
  std::string origin;              // "commit", "pull request #12" or the prhost.toml entry ("prhost.toml:12:1")
  std::string error;               // why no comparison is possible (a root commit, an override naming no commit)
  std::vector<std::string> notes;  // choices not taken and why (a PR whose refs are not here)

  [[nodiscard]] bool ok() const { return error.empty(); }
  // Two optimizations with the same key share one comparison (and its rounds).
  [[nodiscard]] std::string key() const { return base_sha + ".." + head_sha; }
};

// base = first parent, head = the commit.
OptimizationRefs commit_refs(const Optimization& optimization);

// The refs prepare compares for `optimization`, in this order: a matching
// `[[optimization]]` override (by number or commit prefix), an open pull
// request whose head contains the commit (gh, through the inventory's PR
// status), the commit itself.
OptimizationRefs choose_refs(const git::Repository& repository, const Optimization& optimization,
                             const std::vector<config::OptimizationOverride>& overrides);

}  // namespace prhost::inventory
