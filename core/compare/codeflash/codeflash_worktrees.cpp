#include "compare/codeflash/codeflash_worktrees.hpp"

#include <memory>
#include <system_error>
#include <vector>

#include "git/repository.hpp"
#include "services/leftovers.hpp"
#include "worktree/linked_worktrees.hpp"

namespace prhost::compare::codeflash {
namespace {

constexpr const char* kDirPrefix = "prhost-codeflash";

// `path` relative to `dir` with symlinks resolved (libgit2 records real
// paths, TMPDIR may be a link); empty or starting with ".." when outside.
std::filesystem::path relative_inside(const std::filesystem::path& path, const std::filesystem::path& dir) {
  std::error_code ignored;
  const auto relative = std::filesystem::weakly_canonical(path, ignored)
                            .lexically_relative(std::filesystem::weakly_canonical(dir, ignored));
  if (relative.empty() || *relative.begin() == "..") return {};
  return relative;
}

// A worktree directory under `<temp root>/prhost-codeflash-*`: one of ours.
bool in_a_codeflash_dir(const std::filesystem::path& path) {
  const auto relative = relative_inside(path, util::temp_root());
  return !relative.empty() && relative.begin()->string().starts_with(std::string(kDirPrefix) + "-");
}

std::set<std::string> registered_names(const git::Repository& repository) {
  std::set<std::string> names;
  for (const auto& worktree : worktree::linked_worktrees(repository)) names.insert(worktree.name);
  return names;
}

// Worktrees this run's codeflash registered: new since the run began, and
// inside the run's directory, or named as codeflash names its own outside
// any prhost's directory (should an older codeflash ignore the launcher's
// directory). A worktree the user adds meanwhile, or another prhost's
// codeflash makes in its own directory, is not ours to remove.
std::vector<worktree::LinkedWorktree> made_by_this_run(const git::Repository& repository,
                                                       const std::set<std::string>& before,
                                                       const std::filesystem::path& run_dir) {
  std::vector<worktree::LinkedWorktree> made;
  for (auto& worktree : worktree::linked_worktrees(repository)) {
    if (before.contains(worktree.name)) continue;
    const bool inside = !relative_inside(worktree.path, run_dir).empty();
    const bool codeflash_default = worktree.name.starts_with("compare-") && !in_a_codeflash_dir(worktree.path);
    if (inside || codeflash_default) made.push_back(std::move(worktree));
  }
  return made;
}

// The interrupted command's exit check: runs after the guard is gone, so it
// opens the repository itself.
void add_exit_check(const std::filesystem::path& project_root, const std::set<std::string>& before,
                    const std::filesystem::path& run_dir) {
  services::add_leftover_check("git worktrees", [project_root, before, run_dir] {
    std::vector<std::string> lines;
    const auto repository = git::Repository::discover(project_root);
    for (const auto& worktree : made_by_this_run(repository, before, run_dir)) {
      lines.push_back("git worktree " + worktree.path.string() + " is still registered in " + project_root.string());
    }
    return lines;
  });
}

}  // namespace

void prune_worktrees_of_dead_runs(const git::Repository& repository) noexcept {
  worktree::prune_missing_worktrees(repository, in_a_codeflash_dir);
}

CodeflashWorktrees::CodeflashWorktrees(const std::filesystem::path& project_root)
    : project_root_(project_root),
      before_([&] {
        const auto repository = git::Repository::discover(project_root);
        prune_worktrees_of_dead_runs(repository);
        return registered_names(repository);
      }()),
      dir_(util::TempPath::directory(kDirPrefix)),
      cleanup_(dir_.path()) {
  add_exit_check(project_root_, before_, dir_.path());
}

CodeflashWorktrees::~CodeflashWorktrees() {
  try {
    const auto repository = git::Repository::discover(project_root_);
    for (const auto& worktree : made_by_this_run(repository, before_, dir_.path())) {
      worktree::remove_linked_worktree(repository, worktree.name);
    }
  } catch (...) {
    // The exit check names whatever is still registered.
  }
}

}  // namespace prhost::compare::codeflash
