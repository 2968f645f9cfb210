// Where a project keeps its benchmark tests: prhost.toml `[prhost]
// benchmarks_root` when set (an explicit override), else `[tool.codeflash]
// benchmarks-root` in pyproject.toml (relative to that file), else
// tests/benchmarks. Shared by inventory, bench, doctor and compare.
#pragma once

#include <filesystem>
#include <string>

#include "config/config.hpp"

namespace prhost::pytest {

struct BenchmarksRootSetting {
  enum class Origin { PrhostToml, Pyproject, Default };
  std::string path;  // relative to the project root when inside it, e.g. "tests/benchmarks"
  Origin origin = Origin::Default;
  std::string described;  // "pyproject.toml [tool.codeflash] benchmarks-root", ...
};

// Throws config::ConfigError naming pyproject.toml:line:column when the file
// exists but is not valid TOML, or when benchmarks-root is not a string.
BenchmarksRootSetting benchmarks_root_setting(const std::filesystem::path& project_root, const config::Config& config);

// Just the path of benchmarks_root_setting().
std::string benchmarks_root(const std::filesystem::path& project_root, const config::Config& config);

}  // namespace prhost::pytest
