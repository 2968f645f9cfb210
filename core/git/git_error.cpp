#include "git/git_error.hpp"

#include <git2.h>

namespace prhost::git {

void ensure_initialized() {
  // Never shut down: plugins and late destructors may still hold objects.
  static const int initialized = git_libgit2_init();
  (void)initialized;
}

void check(int code, const std::string& what) {
  if (code >= 0) return;
  const git_error* error = git_error_last();
  throw GitError(what + ": " +
                 (error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error"));
}

}  // namespace prhost::git
