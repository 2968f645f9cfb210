// "Nothing was left behind" is a claim prhost checks before it prints it:
// after an interrupted command has unwound, no temporary path of this
// process may remain, no descendant may still run, and every area that makes
// something else (compare's codeflash worktrees) may register a check of its
// own.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace prhost::services {

// Returns one line per thing still there ("git worktree /x/compare-base-1 is
// still registered"); empty when nothing is.
using LeftoverCheck = std::function<std::vector<std::string>()>;

// Adds a check for the rest of the process (an interrupted command checks
// after its stack has unwound, so a check must outlive the code that made
// the thing it looks for). `what` names it in the report ("git worktrees").
void add_leftover_check(std::string what, LeftoverCheck check);

struct LeftoverReport {
  std::vector<std::string> checked;    // "temporary paths", "child processes", then registered checks
  std::vector<std::string> remaining;  // what is still there, one line each
};

// Removes the per-run temporary directory, then looks. Never throws.
LeftoverReport check_leftovers();

}  // namespace prhost::services
