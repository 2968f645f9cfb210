#include "worktree/temp_branches.hpp"

#include <git2.h>
#include <unistd.h>

#include <array>
#include <cctype>

#include "git/git_error.hpp"
#include "git/owned.hpp"
#include "worktree/stale_checkouts.hpp"

namespace prhost::worktree {
namespace {

using git::Owned;
using Reference = Owned<git_reference, git_reference_free>;

constexpr std::size_t kMaxRefChars = 60;

std::string host_name() {
  std::array<char, 256> buffer{};
  if (::gethostname(buffer.data(), buffer.size() - 1) != 0) return "unknown";
  return buffer.data();
}

bool is_full_sha(const std::string& ref) {
  if (ref.size() != GIT_OID_HEXSZ) return false;
  for (const char c : ref) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// Characters git refuses in a ref name (`~^:?*[\`, spaces, control
// characters) become '-'; empty components, "..", leading dots and a
// trailing ".lock" are taken out by the validity check that follows.
std::string slug_of(const std::string& ref) {
  std::string slug;
  for (const char c : ref.substr(0, kMaxRefChars)) {
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_' || c == '/';
    const char kept = safe ? c : '-';
    const bool doubled = !slug.empty() && (kept == '/' || kept == '.') && slug.back() == kept;
    if (!doubled) slug += kept;
  }
  while (!slug.empty() && (slug.front() == '/' || slug.front() == '.')) slug.erase(slug.begin());
  while (!slug.empty() && (slug.back() == '/' || slug.back() == '.')) slug.pop_back();
  return slug;
}

bool valid_branch_name(const std::string& name) {
  int valid = 0;
  return git_reference_name_is_valid(&valid, ("refs/heads/" + name).c_str()) == 0 && valid == 1;
}

std::optional<std::string> tip_message(const git::Repository& repository, const std::string& name) {
  Reference branch;
  if (git_branch_lookup(&branch.ptr, repository.raw(), name.c_str(), GIT_BRANCH_LOCAL) < 0) return std::nullopt;
  Owned<git_commit, git_commit_free> commit;
  if (git_reference_peel(reinterpret_cast<git_object**>(&commit.ptr), branch.ptr, GIT_OBJECT_COMMIT) < 0) {
    return std::nullopt;
  }
  return std::string(git_commit_message(commit.ptr));
}

bool owner_is_dead_here(const BranchOwner& owner) { return owner.host == host_name() && process_is_gone(owner.pid); }

}  // namespace

std::string temp_branch_name(const std::string& ref, const std::string& sha) {
  const auto slug = is_full_sha(ref) ? ref.substr(0, 12) : slug_of(ref);
  const auto name = std::string(kTempBranchPrefix) + slug + "-bench";
  if (!slug.empty() && valid_branch_name(name)) return name;
  return std::string(kTempBranchPrefix) + sha.substr(0, 12) + "-bench";
}

std::string owner_trailer() {
  return std::string(kOwnerTrailerKey) + ": pid " + std::to_string(::getpid()) + " on " + host_name();
}

std::optional<BranchOwner> owner_in_message(const std::string& message) {
  const std::string key = std::string(kOwnerTrailerKey) + ": pid ";
  const auto at = message.rfind(key);
  if (at == std::string::npos) return std::nullopt;
  const auto rest = message.substr(at + key.size());
  const auto on = rest.find(" on ");
  if (on == std::string::npos) return std::nullopt;
  BranchOwner owner;
  try {
    owner.pid = std::stoll(rest.substr(0, on));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const auto host = rest.substr(on + 4);
  owner.host = host.substr(0, host.find('\n'));
  return owner;
}

void create_temp_branch(const git::Repository& repository, const std::string& name, const std::string& sha) {
  if (const auto message = tip_message(repository, name)) {
    const auto owner = owner_in_message(*message);
    if (!owner) {
      throw TempBranchError("branch " + name +
                            " exists and was not made by prhost; rename or delete it, then compare " +
                            "with --branches again");
    }
    if (!owner_is_dead_here(*owner)) {
      throw TempBranchError("branch " + name + " belongs to another prhost (pid " + std::to_string(owner->pid) +
                            " on " + owner->host + ") comparing the same ref; wait for it to finish");
    }
    delete_temp_branch(repository, name);
  }
  git_oid oid;
  git::check(git_oid_fromstr(&oid, sha.c_str()), "bad commit id " + sha);
  Owned<git_commit, git_commit_free> commit;
  git::check(git_commit_lookup(&commit.ptr, repository.raw(), &oid), "cannot read commit " + sha);
  Reference branch;
  git::check(git_branch_create(&branch.ptr, repository.raw(), name.c_str(), commit.ptr, 0),
             "cannot create branch " + name);
}

bool delete_temp_branch(const git::Repository& repository, const std::string& name) noexcept {
  Reference branch;
  if (git_branch_lookup(&branch.ptr, repository.raw(), name.c_str(), GIT_BRANCH_LOCAL) < 0) return true;
  return git_branch_delete(branch.ptr) == 0;
}

std::vector<std::string> temp_branches(const git::Repository& repository) noexcept {
  std::vector<std::string> names;
  Owned<git_reference_iterator, git_reference_iterator_free> references;
  const std::string glob = std::string("refs/heads/") + kTempBranchPrefix + "*";
  if (git_reference_iterator_glob_new(&references.ptr, repository.raw(), glob.c_str()) < 0) return names;
  const char* full = nullptr;
  while (git_reference_next_name(&full, references.ptr) == 0) {
    names.emplace_back(std::string(full).substr(std::string("refs/heads/").size()));
  }
  return names;
}

std::vector<std::string> remove_stale_temp_branches(const git::Repository& repository) noexcept {
  std::vector<std::string> removed;
  try {
    for (const auto& name : temp_branches(repository)) {
      const auto message = tip_message(repository, name);
      const auto owner = message ? owner_in_message(*message) : std::nullopt;
      if (owner && owner_is_dead_here(*owner) && delete_temp_branch(repository, name)) removed.push_back(name);
    }
  } catch (...) {
    // Best effort: a branch that stays is named by the next run's check.
  }
  return removed;
}

std::vector<std::filesystem::path> temp_branch_files(const git::Repository& repository, const std::string& name) {
  const std::filesystem::path common = git_repository_commondir(repository.raw());
  return {common / "refs" / "heads" / name, common / "logs" / "refs" / "heads" / name};
}

}  // namespace prhost::worktree
