// Which changed files are the project's tests rather than its code: a test,
// a fixture or a conftest is never an optimization target, however fast the
// commit made it. One rule for inventory (what it lists) and bench (what it
// benchmarks).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::inventory {

// The directories that hold tests besides any `tests`/`test` directory:
// the benchmarks root and `[tool.codeflash] tests-root` of pyproject.toml
// (when set and readable), relative to the project root.
std::vector<std::string> test_roots(const std::filesystem::path& project_root, const std::string& benchmarks_root);

// True for `test_*.py`, `*_test.py` and `conftest.py` files, for files in a
// `tests` or `test` directory at any depth (`src/pkg/tests/helpers.py`) and
// for files under one of `roots`. `path` is relative to the project root.
bool is_test_code(std::string_view path, const std::vector<std::string>& roots);

}  // namespace prhost::inventory
