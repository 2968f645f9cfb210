#include "cli/shared_checks.hpp"

#include <fmt/format.h>

#include "config/config_schema.hpp"
#include "config/number_ranges.hpp"
#include "config/repository_paths.hpp"

namespace prhost::cli {
namespace {

// "; [compare] max-pairs in prhost.toml has the same bounds", when a key shares the row.
std::string config_key_with(const config::NumberRange& range) {
  for (const auto& spec : config::schema()) {
    if (spec.range == &range) return fmt::format("; [{}] {} in prhost.toml has the same bounds", spec.table, spec.key);
  }
  return "";
}

std::string type_name(const config::NumberRange& range) {
  return fmt::format("{}:{} to {}", range.integer ? "INT" : "NUMBER", range.min, range.max);
}

}  // namespace

CLI::Validator in_range(std::string_view range_id) {
  const config::NumberRange& range = config::number_range(range_id);
  return CLI::Validator(
      [&range](std::string& text) -> std::string {
        const auto problem = config::number_problem(range, text);
        return problem ? fmt::format("{} {}{}", text, *problem, config_key_with(range)) : std::string();
      },
      type_name(range));
}

CLI::Validator inside_repository() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto problem = config::path_leaving_repository(text);
        return problem ? fmt::format("{} {}", text, *problem) : std::string();
      },
      "PATH");
}

}  // namespace prhost::cli
