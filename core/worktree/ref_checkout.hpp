// Isolated checkouts of git refs for `prhost compare`: each ref's tree is
// written into its own directory under one prhost-owned temporary directory,
// with libgit2 only, and everything is removed when the CheckoutSet goes away
// (success, exception, timeout, or an Interrupted thrown on SIGINT/SIGTERM).
//
// Why plain directories instead of `git worktree add`: a linked worktree
// writes `.git/worktrees/<name>`, needs a branch (libgit2 1.5 makes one named
// after the worktree for a bare SHA) and leaves both behind if prhost dies
// hard. git_checkout_tree with a target directory writes only the target: the
// user's HEAD, index, refs and working tree are never touched. The price is
// that a checkout has no `.git`, so tools that ask git for a version
// (setuptools_scm) are given one through the environment (Checkout::env).
// The ref's submodules are filled at the commits it records
// (worktree/submodules.hpp).
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "git/repository.hpp"
#include "services/cancellation.hpp"
#include "util/temp_path.hpp"
#include "worktree/submodules.hpp"

namespace prhost::worktree {

class CheckoutError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A ref that names no commit: a user input problem (exit code 3), kept apart
// from libgit2 failures.
class UnknownRefError : public CheckoutError {
 public:
  UnknownRefError(const std::string& ref, const std::filesystem::path& repository);
  [[nodiscard]] const std::string& ref() const { return ref_; }

 private:
  std::string ref_;
};

struct InjectedFile {
  std::filesystem::path relative;  // e.g. tests/benchmarks/test_benchmark_scan.py
  bool replaced = false;           // the ref had its own version of the file
};

struct Checkout {
  std::string ref;  // as the user wrote it
  std::string sha;  // full commit SHA
  std::filesystem::path dir;
  // What every process run in this checkout must get on top of the host
  // environment: SETUPTOOLS_SCM_PRETEND_VERSION, because there is no .git.
  std::map<std::string, std::string> env;
  std::vector<InjectedFile> injected;
  // Submodules of the ref that could not be filled (worktree/submodules.hpp):
  // their directories stay empty.
  std::vector<MissingSubmodule> missing_submodules;
};

class CheckoutSet {
 public:
  // Resolves every ref before writing anything (an unknown ref leaves nothing
  // behind), then checks each one out and copies `inject` — paths relative to
  // the repository root, files or directories — from the user's working tree
  // into every checkout. Throws UnknownRefError, CheckoutError, git::GitError
  // or services::Interrupted; the temporary directory is gone when it throws.
  CheckoutSet(const git::Repository& repository, const std::vector<std::string>& refs,
              const std::vector<std::filesystem::path>& inject = {});

  CheckoutSet(CheckoutSet&&) noexcept = default;
  CheckoutSet& operator=(CheckoutSet&&) noexcept = default;
  CheckoutSet(const CheckoutSet&) = delete;
  CheckoutSet& operator=(const CheckoutSet&) = delete;
  ~CheckoutSet() = default;  // members remove the directory and unregister it

  // The prhost-owned directory holding every checkout.
  [[nodiscard]] const std::filesystem::path& root() const { return root_.path(); }
  // One per ref, in the order given (the same ref twice gives two checkouts,
  // as an A/A calibration wants).
  [[nodiscard]] const std::vector<Checkout>& checkouts() const { return checkouts_; }
  // The first checkout of `ref` as written by the caller; throws CheckoutError.
  [[nodiscard]] const Checkout& at(const std::string& ref) const;

 private:
  struct Resolved;
  CheckoutSet(const git::Repository& repository, Resolved resolved, const std::vector<std::filesystem::path>& inject);

  // Registered before and unregistered after the directory exists, so a
  // forced exit (second signal) at any moment still removes it.
  services::CleanupRegistration cleanup_;
  util::TempPath root_;
  std::vector<Checkout> checkouts_;
};

// The version handed to setuptools_scm for a commit: the nearest tag as a
// PEP 440 version ("1.4.0" at the tag, "1.4.0.post3+g1a2b3c4" three commits
// later), or "0.0.0+g1a2b3c4" without a usable tag.
[[nodiscard]] std::string pretend_version(const git::Repository& repository, const std::string& sha);

}  // namespace prhost::worktree
