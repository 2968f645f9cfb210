// Every option of `prhost compare` means the same on every backend, or it is
// refused there: a CI job that passes `--seed 7 -k slow` to the codeflash
// backend must not believe it got a seeded, filtered comparison. Which
// options the real codeflash compare cannot honour, and why, is a table
// (backend_options.cpp), not a chain of ifs.
#pragma once

#include <stdexcept>

#include "compare/run/compare_run.hpp"

namespace prhost::compare {

// An option the chosen backend cannot honour: a bad command line (exit 2).
// The message names each option, why, and what to do instead.
class UnsupportedOptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws UnsupportedOptionError when `options` asks codeflash compare for
// something it does not do (`--margin` it does: it is the regression gate's
// threshold there).
void refuse_options_codeflash_ignores(const CompareOptions& options);

}  // namespace prhost::compare
