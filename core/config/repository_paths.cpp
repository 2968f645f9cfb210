#include "config/repository_paths.hpp"

namespace prhost::config {

std::optional<std::string> path_leaving_repository(std::string_view text) {
  const std::filesystem::path path{std::string(text)};
  if (text.empty()) return "is empty: give a path relative to the repository root, e.g. tests/benchmarks";
  if (path.is_absolute() || path.has_root_name() || path.has_root_directory()) {
    return "is absolute: give a path relative to the repository root, e.g. tests/benchmarks";
  }
  const auto normal = path.lexically_normal();
  for (const auto& part : normal) {
    if (part == "..") return "leaves the repository: give a path inside it, relative to its root";
    if (part == ".git") return "points into git metadata: give a path in the working tree";
  }
  return std::nullopt;
}

bool resolved_outside(const std::filesystem::path& root, const std::filesystem::path& relative) {
  std::error_code error;
  const auto resolved_root = std::filesystem::weakly_canonical(root, error);
  if (error) return false;
  const auto resolved = std::filesystem::weakly_canonical(root / relative, error);
  if (error) return false;
  const auto inside = resolved.lexically_relative(resolved_root);
  return inside.empty() || *inside.begin() == "..";
}

}  // namespace prhost::config
