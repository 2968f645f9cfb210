// The temporary branches `compare --branches` makes (`prhost/tmp/<ref>-bench`):
// their names, who owns one, and removing those whose owner is gone. A branch
// cannot carry a pid file the way a checkout directory does, so the owner is
// written into the tip commit's message as a trailer
// (`Prhost-Temporary-Branch: pid 1234 on host`); the next run reads it back
// and deletes a branch whose owner no longer runs on this host.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "git/repository.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::worktree {

inline constexpr const char* kTempBranchPrefix = "prhost/tmp/";
inline constexpr const char* kOwnerTrailerKey = "Prhost-Temporary-Branch";

// A temporary branch cannot be made: its name is taken by a live prhost or
// by a branch prhost did not make, or the benchmark does not apply to the ref.
class TempBranchError : public CheckoutError {
 public:
  using CheckoutError::CheckoutError;
};

// "prhost/tmp/<ref>-bench" with the ref made a valid branch name (`HEAD~1`
// -> `HEAD-1`, a full SHA -> its first 12 digits); `sha` (the ref's commit)
// names it when nothing of the ref survives.
[[nodiscard]] std::string temp_branch_name(const std::string& ref, const std::string& sha);

// This process's trailer line, without a newline.
[[nodiscard]] std::string owner_trailer();

struct BranchOwner {
  long long pid = 0;
  std::string host;
};
// The owner a commit message's trailer names; nullopt without one.
[[nodiscard]] std::optional<BranchOwner> owner_in_message(const std::string& message);

// Creates `name` at `sha` (never forced; HEAD, the index and the working tree
// are not touched). A leftover of a dead prhost under that name is deleted
// first; any other branch of that name is refused with TempBranchError.
void create_temp_branch(const git::Repository& repository, const std::string& name, const std::string& sha);

// Deletes the branch if it exists. False when it exists and could not be deleted.
bool delete_temp_branch(const git::Repository& repository, const std::string& name) noexcept;

// Every `prhost/tmp/*` branch, short names.
[[nodiscard]] std::vector<std::string> temp_branches(const git::Repository& repository) noexcept;

// Deletes each `prhost/tmp/*` branch whose owner (trailer) is a process of
// this host that no longer exists. Branches without the trailer, of a live
// owner or of another host stay. Returns the names deleted; never throws.
std::vector<std::string> remove_stale_temp_branches(const git::Repository& repository) noexcept;

// The files that hold the branch while it is loose (its ref and its reflog),
// for the forced exit on a second signal, which can only remove paths.
[[nodiscard]] std::vector<std::filesystem::path> temp_branch_files(const git::Repository& repository,
                                                                   const std::string& name);

}  // namespace prhost::worktree
