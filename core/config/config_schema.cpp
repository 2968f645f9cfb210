#include "config/config_schema.hpp"

namespace prhost::config {
namespace {

std::vector<std::string> strings_of(const toml::node& node) {
  std::vector<std::string> values;
  for (const auto& element : *node.as_array()) values.push_back(*element.value<std::string>());
  return values;
}

std::string string_of(const toml::node& node) { return *node.value<std::string>(); }
int int_of(const toml::node& node) { return static_cast<int>(*node.value<long long>()); }

}  // namespace

const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::String:
      return "a string";
    case ValueType::Integer:
      return "an integer";
    case ValueType::Float:
      return "a number";
    case ValueType::Boolean:
      return "true or false";
    case ValueType::StringArray:
      return "an array of strings";
  }
  return "?";
}

const std::vector<KeySpec>& schema() {
  using P = std::filesystem::path;
  static const std::vector<KeySpec> keys{
      {"plugins", "enable", ValueType::StringArray,
       [](Config& c, const toml::node& n, const P&) { c.enable = strings_of(n); }},
      {"plugins", "disable", ValueType::StringArray,
       [](Config& c, const toml::node& n, const P&) { c.disable = strings_of(n); }},
      {"plugins", "search-paths", ValueType::StringArray,
       [](Config& c, const toml::node& n, const P& base) {
         for (const auto& dir : strings_of(n)) {
           const P path(dir);
           c.search_paths.push_back(path.is_absolute() ? path : (base / path).lexically_normal());
         }
       }},
      {"prhost", "runner", ValueType::String,
       [](Config& c, const toml::node& n, const P&) { c.runner = string_of(n); }},
      {"prhost", "commits", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.commits = int_of(n); }},
      {"prhost", "benchmarks-root", ValueType::String,
       [](Config& c, const toml::node& n, const P&) { c.benchmarks_root = string_of(n); }},
      {"compare", "backend", ValueType::String,
       [](Config& c, const toml::node& n, const P&) { c.backend = string_of(n); }},
      {"compare", "margin-percent", ValueType::Float,
       [](Config& c, const toml::node& n, const P&) { c.margin_percent = *n.value<double>(); }},
      {"compare", "min-pairs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.min_pairs = int_of(n); }},
      {"compare", "max-pairs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.max_pairs = int_of(n); }},
      {"compare", "memory-runs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.memory_runs = int_of(n); }},
      {"compare", "timeout-seconds", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.timeout_seconds = int_of(n); }},
      {"pr-body", "template", ValueType::String,
       [](Config& c, const toml::node& n, const P& base) {
         const P path(string_of(n));
         c.pr_body_template = path.is_absolute() ? path : (base / path).lexically_normal();
       }},
      {"prepare", "unit-test-timeout-seconds", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.unit_test_timeout_seconds = int_of(n); }},
  };
  return keys;
}

}  // namespace prhost::config
