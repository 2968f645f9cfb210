#include "compare/run/benchmark_selection.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

namespace prhost::compare {
namespace {

bool is_project_package(const std::filesystem::path& checkout, const std::string& top_level) {
  for (const auto& root : {checkout, checkout / "src"}) {
    if (std::filesystem::is_directory(root / top_level) ||
        std::filesystem::is_regular_file(root / (top_level + ".py"))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> select_benchmark_files(const std::filesystem::path& project_root,
                                                const std::string& benchmarks_root,
                                                const std::vector<std::string>& explicit_files) {
  std::vector<std::string> files;
  if (!explicit_files.empty()) {
    for (const auto& file : explicit_files) {
      const std::filesystem::path path(file);
      const auto absolute = path.is_absolute() ? path : project_root / path;
      if (!std::filesystem::is_regular_file(absolute)) {
        throw std::runtime_error(fmt::format("{}: benchmark file not found in the working tree", file));
      }
      files.push_back(std::filesystem::relative(absolute, project_root).generic_string());
    }
    return files;
  }
  const auto root = project_root / benchmarks_root;
  std::error_code ec;
  if (std::filesystem::is_directory(root, ec)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
      const auto name = entry.path().filename().string();
      if (entry.is_regular_file() && name.rfind("test_", 0) == 0 && entry.path().extension() == ".py") {
        files.push_back(std::filesystem::relative(entry.path(), project_root).generic_string());
      }
    }
  }
  if (files.empty()) {
    throw std::runtime_error(
        fmt::format("no benchmark tests (test_*.py) under {}/ in the working tree: write them "
                    "with `prhost bench`, or name files with --benchmark",
                    benchmarks_root));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> project_modules_imported_by(const std::filesystem::path& checkout,
                                                     const std::vector<std::string>& benchmark_files) {
  // RE2: linear on any line a benchmark file holds.
  static const RE2 from_import(R"(^\s*from\s+([A-Za-z_][\w.]*)\s+import\s)");
  static const RE2 plain_import(R"(^\s*import\s+([A-Za-z_][\w.]*))");
  // A generated benchmark may import its target by name at run time (a
  // package that re-exports a function under its module's name): the literal
  // module name counts as an import.
  static const RE2 import_module(R"(\bimport_module\(\s*["']([A-Za-z_][\w.]*)["'])");
  std::set<std::string> modules;
  for (const auto& file : benchmark_files) {
    std::ifstream in(checkout / file);
    std::string line;
    while (std::getline(in, line)) {
      std::string module;
      if (!RE2::PartialMatch(line, from_import, &module) && !RE2::PartialMatch(line, plain_import, &module) &&
          !RE2::PartialMatch(line, import_module, &module)) {
        continue;
      }
      const std::string top_level = module.substr(0, module.find('.'));
      if (is_project_package(checkout, top_level)) modules.insert(module);
    }
  }
  return {modules.begin(), modules.end()};
}

}  // namespace prhost::compare
