#include "pytest/benchmarks_root.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include "config/repository_paths.hpp"

namespace prhost::pytest {
namespace {

constexpr const char* kDefaultRoot = "tests/benchmarks";

// `value` relative to `base`, then relative to the project root when it lies
// inside it; no trailing slash.
std::string normalize(const std::filesystem::path& project_root, const std::filesystem::path& base,
                      const std::string& value) {
  std::filesystem::path path(value);
  if (path.is_relative()) path = base / path;
  path = path.lexically_normal();
  const auto relative = path.lexically_relative(project_root.lexically_normal());
  if (!relative.empty() && *relative.begin() != "..") path = relative;
  std::string text = path.generic_string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text.empty() ? "." : text;
}

}  // namespace

BenchmarksRootSetting benchmarks_root_setting(const std::filesystem::path& project_root, const config::Config& config) {
  BenchmarksRootSetting setting;
  if (config.benchmarks_root) {
    // prhost.toml may sit in .codeflash/; this path is still meant from the
    // project root, like the paths users type on the command line. Reading
    // the file refused one that leaves the repository by its text; a
    // symlink inside the repository can still point out of it.
    setting.path = normalize(project_root, project_root, *config.benchmarks_root);
    if (config::resolved_outside(project_root, setting.path)) {
      throw config::ConfigError(fmt::format(
          "{}: [prhost] benchmarks-root = \"{}\" resolves outside the repository through a symlink; give a "
          "directory inside it",
          config.file.empty() ? std::string("prhost.toml") : config.file.string(), *config.benchmarks_root));
    }
    setting.origin = BenchmarksRootSetting::Origin::PrhostToml;
    setting.described = (config.file.empty() ? std::string("prhost.toml") : config.file.filename().string()) +
                        " [prhost] benchmarks-root";
    return setting;
  }

  const auto pyproject = project_root / "pyproject.toml";
  std::error_code error;
  if (std::filesystem::is_regular_file(pyproject, error)) {
    toml::table document;
    try {
      document = toml::parse_file(pyproject.string());
    } catch (const toml::parse_error& parse_error) {
      const auto& where = parse_error.source().begin;
      throw config::ConfigError(fmt::format("{}:{}:{}: {} (fix the TOML syntax; prhost reads [tool.codeflash] from it)",
                                            pyproject.string(), where.line, where.column, parse_error.description()));
    }
    if (const auto* node = document.at_path("tool.codeflash.benchmarks-root").node()) {
      const auto value = node->value<std::string>();
      if (!value) {
        throw config::ConfigError(
            fmt::format("{}:{}:{}: [tool.codeflash] benchmarks-root must be a string such as "
                        "\"tests/benchmarks\"",
                        pyproject.string(), node->source().begin.line, node->source().begin.column));
      }
      const auto& at = node->source().begin;
      if (const auto problem = config::path_leaving_repository(*value)) {
        throw config::ConfigError(fmt::format("{}:{}:{}: [tool.codeflash] benchmarks-root = \"{}\" {}",
                                              pyproject.string(), at.line, at.column, *value, *problem));
      }
      setting.path = normalize(project_root, pyproject.parent_path(), *value);
      if (config::resolved_outside(project_root, setting.path)) {
        throw config::ConfigError(
            fmt::format("{}:{}:{}: [tool.codeflash] benchmarks-root = \"{}\" resolves outside the repository through a "
                        "symlink; give a directory inside it",
                        pyproject.string(), at.line, at.column, *value));
      }
      setting.origin = BenchmarksRootSetting::Origin::Pyproject;
      setting.described = "pyproject.toml [tool.codeflash] benchmarks-root";
      return setting;
    }
  }
  setting.path = kDefaultRoot;
  setting.origin = BenchmarksRootSetting::Origin::Default;
  setting.described = "default (no [tool.codeflash] benchmarks-root in pyproject.toml)";
  return setting;
}

std::string benchmarks_root(const std::filesystem::path& project_root, const config::Config& config) {
  return benchmarks_root_setting(project_root, config).path;
}

}  // namespace prhost::pytest
