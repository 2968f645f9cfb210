// A repair step as the user reads it before it runs: the exact argv and
// directory, the file written, the TOML key set. Doctor prints this for every
// failure, `--fix` applies exactly this.
#pragma once

#include <filesystem>
#include <string>

#include "prhost/sdk/checks.hpp"

namespace prhost::doctor {

// "run `uv sync` in /p", "write tests/benchmarks/conftest.py (120 bytes)",
// "set benchmarks-root = \"tests/benchmarks\" in [tool.codeflash] of pyproject.toml".
std::string describe_step(const sdk::RepairStep& step, const std::filesystem::path& project_root);

// argv joined with spaces, arguments with spaces or quotes single-quoted, so
// the line can be pasted into a shell.
std::string shell_words(const std::vector<std::string>& argv);

}  // namespace prhost::doctor
