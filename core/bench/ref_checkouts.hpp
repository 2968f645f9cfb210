// The base and head checkouts of each optimization, made once per bench run
// and only when something needs them (recording calls, validation at both
// refs), removed when the run ends. Git submodules present in the user's
// working tree (test data such as tomlkit's tests/toml-test) are copied into
// every checkout: a checkout of the tree alone would leave them empty.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/ref_side.hpp"
#include "git/repository.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::bench {

struct RefPair {
  RefSide base;
  RefSide head;
};

// Builds the interpreter side of a checkout (python, env with the
// checkout's import roots, pytest plugins); fills `failure` when the
// checkout's own code cannot be imported.
using SideMaker = std::function<RefSide(const worktree::Checkout& checkout, const std::vector<std::string>& modules)>;

class RefCheckouts {
 public:
  RefCheckouts(std::shared_ptr<const git::Repository> repository, std::filesystem::path project_root,
               SideMaker make_side);

  // The pair for a commit and its first parent; sides carry `failure` when
  // they cannot be made (no repository, a root commit, a checkout error).
  const RefPair& pair(const std::string& head_sha, const std::string& base_sha,
                      const std::vector<std::string>& modules);

  // Copies `relative` (a file or directory of the project root) into both
  // checkouts of every pair made so far.
  void inject(const std::filesystem::path& relative) const;

 private:
  std::shared_ptr<const git::Repository> repository_;
  std::filesystem::path project_root_;
  SideMaker make_side_;
  std::map<std::string, std::unique_ptr<worktree::CheckoutSet>> sets_;
  std::map<std::string, RefPair> pairs_;
};

// The `path = ...` entries of a .gitmodules text.
std::vector<std::string> submodule_paths(const std::string& gitmodules);

}  // namespace prhost::bench
