#include "bench/ref_checkouts.hpp"

#include <system_error>

#include "prhost/sdk/helpers/text.hpp"
#include "util/read_file.hpp"

namespace prhost::bench {
namespace {

RefSide failed_side(const std::string& name, const std::string& sha, const std::string& why) {
  RefSide side;
  side.name = name;
  side.sha = sha;
  side.failure = why;
  return side;
}

void copy_into(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code error;
  std::filesystem::create_directories(to.parent_path(), error);
  const auto options = std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing;
  std::filesystem::copy(from, to, options, error);
}

}  // namespace

std::vector<std::string> submodule_paths(const std::string& gitmodules) {
  using sdk::helpers::trim;
  std::vector<std::string> paths;
  for (const std::string_view raw_line : sdk::helpers::split(gitmodules, '\n')) {
    const std::string_view line = trim(raw_line);
    if (!line.starts_with("path")) continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos || !trim(line.substr(4, equals - 4)).empty()) continue;
    const std::string_view path = trim(line.substr(equals + 1));
    if (!path.empty() && path.find("..") == std::string_view::npos && path.front() != '/') paths.emplace_back(path);
  }
  return paths;
}

RefCheckouts::RefCheckouts(std::shared_ptr<const git::Repository> repository, std::filesystem::path project_root,
                           SideMaker make_side)
    : repository_(std::move(repository)), project_root_(std::move(project_root)), make_side_(std::move(make_side)) {}

const RefPair& RefCheckouts::pair(const std::string& head_sha, const std::string& base_sha,
                                  const std::vector<std::string>& modules) {
  if (const auto found = pairs_.find(head_sha); found != pairs_.end()) return found->second;
  RefPair made;
  if (!repository_ || !make_side_) {
    made.base = failed_side("base", base_sha, "no git repository");
    made.head = failed_side("head", head_sha, "no git repository");
    return pairs_[head_sha] = std::move(made);
  }
  if (base_sha.empty()) {
    made.base = failed_side("base", base_sha, "the commit has no parent");
  }
  std::vector<std::filesystem::path> inject;
  for (const auto& path : submodule_paths(util::read_text_file(project_root_ / ".gitmodules").value_or(""))) {
    if (std::filesystem::is_directory(project_root_ / path)) inject.emplace_back(path);
  }
  std::vector<std::string> refs{head_sha};
  if (!base_sha.empty()) refs.push_back(base_sha);
  try {
    auto set = std::make_unique<worktree::CheckoutSet>(*repository_, refs, inject);
    made.head = make_side_(set->checkouts().front(), modules);
    made.head.name = "head";
    if (!base_sha.empty()) {
      made.base = make_side_(set->checkouts().back(), modules);
      made.base.name = "base";
    }
    sets_[head_sha] = std::move(set);
  } catch (const std::exception& error) {
    made.head = failed_side("head", head_sha, error.what());
    made.base = failed_side("base", base_sha, error.what());
  }
  return pairs_[head_sha] = std::move(made);
}

void RefCheckouts::inject(const std::filesystem::path& relative) const {
  for (const auto& [sha, made] : pairs_) {
    for (const auto* side : {&made.base, &made.head}) {
      if (side->dir.empty()) continue;
      copy_into(project_root_ / relative, side->dir / relative);
    }
  }
}

}  // namespace prhost::bench
