// Checkout directories left behind by a prhost that could not clean up: a
// SIGKILL (or a power cut) runs no destructor and no signal handler. Each
// CheckoutSet records its owner's pid; the next one removes directories whose
// owner is gone.
#pragma once

#include <filesystem>
#include <vector>

namespace prhost::worktree {

inline constexpr const char* kCheckoutsPrefix = "prhost-checkouts-";
inline constexpr const char* kOwnerFile = ".prhost-owner";

// True when no process with `pid` exists (kill(pid, 0) says ESRCH); false
// for a live one and for a pid that cannot be judged (<= 0, or EPERM).
[[nodiscard]] bool process_is_gone(long long pid) noexcept;

// Writes this process's pid into `root`/.prhost-owner.
void record_owner(const std::filesystem::path& root);

// Removes every `prhost-checkouts-*` directory in `temp_dir` whose recorded
// owner process no longer exists, or that has no owner file and was last
// modified more than an hour ago (one being created this instant is left
// alone). Returns what it removed; never throws.
std::vector<std::filesystem::path> remove_stale_checkouts(const std::filesystem::path& temp_dir);

}  // namespace prhost::worktree
