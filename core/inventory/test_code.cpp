#include "inventory/test_code.hpp"

#include <toml++/toml.h>

#include "prhost/sdk/helpers/text.hpp"

namespace prhost::inventory {
namespace {

bool under(std::string_view path, std::string_view directory) {
  while (directory.ends_with('/')) directory.remove_suffix(1);
  if (directory.empty() || directory == ".") return false;  // the project root holds the code too
  return path == directory ||
         (path.starts_with(directory) && path.size() > directory.size() && path[directory.size()] == '/');
}

bool is_test_file_name(std::string_view name) {
  return name == "conftest.py" || name.starts_with("test_") || name.ends_with("_test.py") ||
         name.ends_with("_test.pyi");
}

}  // namespace

std::vector<std::string> test_roots(const std::filesystem::path& project_root, const std::string& benchmarks_root) {
  std::vector<std::string> roots{benchmarks_root};
  try {
    const auto document = toml::parse_file((project_root / "pyproject.toml").string());
    if (const auto value = document.at_path("tool.codeflash.tests-root").value<std::string>()) {
      roots.push_back(*value);
    }
  } catch (const std::exception&) {
    // No pyproject.toml or an invalid one: the directory and file names still tell tests apart.
  }
  return roots;
}

bool is_test_code(std::string_view path, const std::vector<std::string>& roots) {
  const auto parts = sdk::helpers::split(path, '/');
  if (parts.empty()) return false;
  if (is_test_file_name(parts.back())) return true;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] == "tests" || parts[i] == "test") return true;
  }
  for (const auto& root : roots) {
    if (under(path, root)) return true;
  }
  return false;
}

}  // namespace prhost::inventory
