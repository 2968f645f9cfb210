// CLI11 validators that apply prhost.toml's rules to the command line, so a
// value means the same and is refused the same way wherever it is given:
// numbers by their row of config/number_ranges.hpp (checked at 64 bits,
// before CLI11 converts them; NaN and infinities refused), paths by
// config/repository_paths.hpp.
#pragma once

#include <string_view>

#include <CLI/CLI.hpp>

namespace prhost::cli {

// The bounds of `range_id` (e.g. "compare.max-pairs") from the shared table.
CLI::Validator in_range(std::string_view range_id);

// A path relative to the repository root that stays inside it.
CLI::Validator inside_repository();

}  // namespace prhost::cli
