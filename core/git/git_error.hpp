// Errors from libgit2, carrying libgit2's own message.
#pragma once

#include <stdexcept>
#include <string>

namespace prhost::git {

class GitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws GitError("<what>: <libgit2 message>") when `code` < 0.
void check(int code, const std::string& what);

// libgit2 must be initialised once per process before any call.
void ensure_initialized();

}  // namespace prhost::git
