// What a ref the user typed names, decided once for every backend: the
// built-in engine's checkouts and the real codeflash compare must agree on
// the commit, and must refuse the same bad input with the same words (exit 3).
//
// git itself resolves a name that is both a tag and a branch to the tag and
// only warns; prhost refuses it instead, because a comparison of the wrong
// commit looks exactly like a right one.
#pragma once

#include <string>
#include <vector>

#include "git/repository.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::worktree {

// A short name that several refs answer to with different commits
// (`refs/tags/v2` and `refs/heads/v2`).
class AmbiguousRefError : public CheckoutError {
 public:
  AmbiguousRefError(const std::string& ref, const std::vector<std::string>& candidates);
};

// The full commit SHA `ref` names. Throws UnknownRefError when it names no
// commit and AmbiguousRefError when its name is both a tag and a branch (or a
// remote branch) of different commits.
std::string resolve_ref(const git::Repository& repository, const std::string& ref);

}  // namespace prhost::worktree
