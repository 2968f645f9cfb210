#include "git/repository.hpp"

#include <git2.h>

#include "git/git_error.hpp"
#include "git/owned.hpp"

namespace prhost::git {

void Repository::Deleter::operator()(git_repository* repo) const { git_repository_free(repo); }

Repository Repository::discover(const std::filesystem::path& start) {
  ensure_initialized();
  git_buf found = GIT_BUF_INIT;
  if (git_repository_discover(&found, start.c_str(), 0, nullptr) < 0) {
    git_buf_dispose(&found);
    throw GitError(start.string() + " is not inside a git repository (run prhost from your project's checkout)");
  }
  const std::string gitdir(found.ptr, found.size);
  git_buf_dispose(&found);
  git_repository* repo = nullptr;
  check(git_repository_open(&repo, gitdir.c_str()), "cannot open repository " + gitdir);
  return Repository(repo);
}

Repository Repository::open(const std::filesystem::path& root) {
  ensure_initialized();
  git_repository* repo = nullptr;
  check(git_repository_open(&repo, root.c_str()), "cannot open repository " + root.string());
  return Repository(repo);
}

std::filesystem::path Repository::workdir() const {
  const char* dir = git_repository_workdir(raw());
  if (dir == nullptr) return {};
  std::filesystem::path path(dir);
  return path.has_filename() ? path : path.parent_path();
}

std::filesystem::path Repository::gitdir() const { return {git_repository_path(raw())}; }

bool Repository::is_bare() const { return git_repository_is_bare(raw()) == 1; }
bool Repository::is_shallow() const { return git_repository_is_shallow(raw()) == 1; }
bool Repository::head_unborn() const { return git_repository_head_unborn(raw()) == 1; }

std::optional<std::string> Repository::resolve(const std::string& revision) const {
  Owned<git_object, git_object_free> object;
  if (git_revparse_single(&object.ptr, raw(), revision.c_str()) < 0) return std::nullopt;
  Owned<git_object, git_object_free> commit;
  if (git_object_peel(&commit.ptr, object.ptr, GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  char sha[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(sha, sizeof sha, git_object_id(commit.ptr));
  return std::string(sha);
}

std::optional<std::string> Repository::read_file(const std::string& revision, const std::string& path) const {
  Owned<git_object, git_object_free> object;
  const std::string spec = revision + ":" + path;
  if (git_revparse_single(&object.ptr, raw(), spec.c_str()) < 0) return std::nullopt;
  if (git_object_type(object.ptr) != GIT_OBJECT_BLOB) return std::nullopt;
  const auto* blob = reinterpret_cast<const git_blob*>(object.ptr);
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob)));
}

}  // namespace prhost::git
