// A thin RAII handle on a libgit2 repository with the reads prhost needs.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

struct git_repository;

namespace prhost::git {

class Repository {
 public:
  // Finds the repository containing `start` (like `git rev-parse
  // --show-toplevel`); throws GitError naming `start` when there is none.
  static Repository discover(const std::filesystem::path& start);
  static Repository open(const std::filesystem::path& root);

  [[nodiscard]] git_repository* raw() const { return handle_.get(); }
  // The working directory (empty for a bare repository).
  [[nodiscard]] std::filesystem::path workdir() const;
  [[nodiscard]] std::filesystem::path gitdir() const;
  [[nodiscard]] bool is_bare() const;
  [[nodiscard]] bool is_shallow() const;
  [[nodiscard]] bool head_unborn() const;

  // Full SHA of a revision (branch, tag, SHA prefix, `HEAD~2`), or nullopt.
  [[nodiscard]] std::optional<std::string> resolve(const std::string& revision) const;
  // Content of `path` (relative to the root) at `revision`, or nullopt when
  // the revision or the path does not exist.
  [[nodiscard]] std::optional<std::string> read_file(const std::string& revision, const std::string& path) const;

 private:
  struct Deleter {
    void operator()(git_repository* repo) const;
  };
  explicit Repository(git_repository* repo) : handle_(repo) {}
  std::unique_ptr<git_repository, Deleter> handle_;
};

}  // namespace prhost::git
