// The bounds of every number prhost reads, from prhost.toml or the command
// line: one table, so `max-pairs = 5000` and `--max-pairs 5000` are refused
// alike and by the same words. Values are checked at 64 bits before they are
// stored (4294967297 used to become 1), and NaN and infinities are never a
// number. The config schema (config_schema.cpp) and the CLI's validators
// (cli/number_option.hpp) both read this table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::config {

struct NumberRange {
  std::string_view id;      // "compare.max-pairs": table.key in prhost.toml, or command.option for CLI-only numbers
  std::string_view option;  // "--max-pairs", or "" when no command-line option sets it
  bool integer;
  double min;               // inclusive
  double max;               // inclusive
  std::string_view reason;  // why the bounds are what they are, or ""
};

const std::vector<NumberRange>& number_ranges();
// The row for `id`; throws std::logic_error for an id the table lacks (a bug).
const NumberRange& number_range(std::string_view id);

// What is wrong with `text` as a value of `range`: not a number, not a whole
// number, not finite, or outside the bounds; nullopt when it is fine. The
// message starts with the problem ("is out of range: …"), the caller says
// where the value came from.
std::optional<std::string> number_problem(const NumberRange& range, std::string_view text);
std::optional<std::string> integer_problem(const NumberRange& range, long long value);
std::optional<std::string> float_problem(const NumberRange& range, double value);

// "from 5 to 1000" as people read it.
std::string bounds_text(const NumberRange& range);

}  // namespace prhost::config
