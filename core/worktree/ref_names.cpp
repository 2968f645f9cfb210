#include "worktree/ref_names.hpp"

#include <git2.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>

namespace prhost::worktree {
namespace {

// git's own order for a short name (git-rev-parse(1), "SPECIFYING
// REVISIONS"), without the bare `$GIT_DIR/<name>` rule, which only HEAD-like
// names use.
constexpr std::array<const char*, 4> kShortNameRules{"refs/tags/", "refs/heads/", "refs/remotes/", "refs/"};

struct ReferenceDeleter {
  void operator()(git_reference* reference) const { git_reference_free(reference); }
};
struct ObjectDeleter {
  void operator()(git_object* object) const { git_object_free(object); }
};

// The name before any revision suffix: `v2` of `v2~1`, `v2^{tree}`, `v2@{1}`.
std::string name_part(const std::string& ref) { return ref.substr(0, ref.find_first_of("~^@:")); }

std::optional<std::string> commit_of_reference(git_repository* repo, const std::string& full_name) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo, full_name.c_str()) < 0) return std::nullopt;
  const std::unique_ptr<git_reference, ReferenceDeleter> reference(raw);
  git_object* peeled = nullptr;
  if (git_reference_peel(&peeled, reference.get(), GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  const std::unique_ptr<git_object, ObjectDeleter> commit(peeled);
  char sha[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(sha, sizeof sha, git_object_id(commit.get()));
  return std::string(sha);
}

// Every full ref name `name` could mean, with its commit.
std::map<std::string, std::string> refs_named(const git::Repository& repository, const std::string& name) {
  std::map<std::string, std::string> found;
  if (name.empty() || name.starts_with("refs/")) return found;  // a full name means exactly one ref
  for (const char* rule : kShortNameRules) {
    const std::string full = rule + name;
    int valid = 0;
    if (git_reference_name_is_valid(&valid, full.c_str()) < 0 || valid == 0) continue;
    if (auto sha = commit_of_reference(repository.raw(), full)) found.emplace(full, std::move(*sha));
  }
  return found;
}

std::string list_of(const std::vector<std::string>& candidates) {
  std::string text;
  for (const auto& candidate : candidates) text += "\n  " + candidate;
  return text;
}

}  // namespace

AmbiguousRefError::AmbiguousRefError(const std::string& ref, const std::vector<std::string>& candidates)
    : CheckoutError("ambiguous ref '" + ref + "': that name is both of these, at different commits:" +
                    list_of(candidates) + "\nwrite the full name of the one you mean (for example " +
                    candidates.front().substr(0, candidates.front().find(' ')) + ")") {}

std::string resolve_ref(const git::Repository& repository, const std::string& ref) {
  // Ambiguity first: `v2~1` may name nothing through the tag git would pick
  // and something through the branch the user meant.
  const auto named = refs_named(repository, name_part(ref));
  std::vector<std::string> candidates;
  for (const auto& [full, commit] : named) candidates.push_back(full + " (" + commit.substr(0, 12) + ")");
  const bool differ =
      std::any_of(named.begin(), named.end(), [&](const auto& entry) { return entry.second != named.begin()->second; });
  if (differ) throw AmbiguousRefError(ref, candidates);
  auto sha = repository.resolve(ref);
  if (!sha) throw UnknownRefError(ref, repository.workdir());
  return *sha;
}

}  // namespace prhost::worktree
