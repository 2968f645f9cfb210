#include "config/config_schema.hpp"

namespace prhost::config {
namespace {

std::vector<std::string> strings_of(const toml::node& node) {
  std::vector<std::string> values;
  for (const auto& element : *node.as_array()) values.push_back(*element.value<std::string>());
  return values;
}

std::string string_of(const toml::node& node) { return *node.value<std::string>(); }
// Only after refuse_out_of_range (config.cpp) checked the 64-bit value
// against the key's range, which every int key's range fits in.
int int_of(const toml::node& node) { return static_cast<int>(*node.value<long long>()); }
const NumberRange* range(std::string_view id) { return &number_range(id); }

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
       [](Config& c, const toml::node& n, const P&) { c.enable = strings_of(n); }, "[] (every plugin found loads)",
       "only these plugins load (names as `prhost plugins` shows them)"},
      {"plugins", "disable", ValueType::StringArray,
       [](Config& c, const toml::node& n, const P&) { c.disable = strings_of(n); }, "[]",
       "these plugins do not load, e.g. one that fights a default plugin over an id"},
      {"plugins", "search-paths", ValueType::StringArray,
       [](Config& c, const toml::node& n, const P& base) {
         for (const auto& dir : strings_of(n)) {
           const P path(dir);
           c.search_paths.push_back(path.is_absolute() ? path : (base / path).lexically_normal());
         }
       },
       "[]", "extra directories searched for plugin libraries, relative to this file"},
      {"prhost", "runner", ValueType::String, [](Config& c, const toml::node& n, const P&) { c.runner = string_of(n); },
       "not set (detected: uv.lock → uv, poetry.lock → poetry, else pip)",
       "force the runner (`uv`, `poetry`, `pip`) instead of detecting it"},
      {"prhost", "commits", ValueType::Integer, [](Config& c, const toml::node& n, const P&) { c.commits = int_of(n); },
       "30", "how many commits back from HEAD `prhost inventory` reads", range("prhost.commits")},
      {"prhost", "benchmarks-root", ValueType::String,
       [](Config& c, const toml::node& n, const P&) { c.benchmarks_root = string_of(n); },
       "not set (`[tool.codeflash] benchmarks-root`, else tests/benchmarks)",
       "where the benchmark tests live, relative to the repository root and inside it; overrides pyproject.toml",
       nullptr, true},
      {"compare", "backend", ValueType::String,
       [](Config& c, const toml::node& n, const P&) { c.backend = string_of(n); }, "\"builtin\"",
       "`builtin` (intervals and verdicts) or `codeflash` (the real codeflash compare); `auto` means builtin"},
      {"compare", "layout", ValueType::String,
       [](Config& c, const toml::node& n, const P&) { c.layout = string_of(n); }, "\"pairs\"",
       "built-in engine: `pairs` (a fresh base and head worker per pair, samples alternated, CPU clock) or "
       "`process` (one pytest process per side and round, for benchmarks the worker cannot run)"},
      {"compare", "margin-percent", ValueType::Float,
       [](Config& c, const toml::node& n, const P&) { c.margin_percent = *n.value<double>(); },
       "not set (3.0 on the pairs layout, 5.0 on the process layout and for codeflash's regression gate)",
       "changes inside ±margin are \"no significant change\"", range("compare.margin-percent")},
      {"compare", "min-pairs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.min_pairs = int_of(n); }, "10",
       "paired rounds before the first look", range("compare.min-pairs")},
      {"compare", "max-pairs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.max_pairs = int_of(n); }, "40", "most paired rounds",
       range("compare.max-pairs")},
      {"compare", "memory-runs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.memory_runs = int_of(n); }, "3", "untimed memory runs per ref",
       range("compare.memory-runs")},
      {"compare", "instruction-pairs", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.instruction_pairs = int_of(n); }, "3",
       "pairs of valgrind runs (one per ref) when instructions are counted (`--metric both`, the cpu domain)",
       range("compare.instruction-pairs")},
      {"compare", "timeout-seconds", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.timeout_seconds = int_of(n); }, "600",
       "seconds a benchmark process may run, unless a domain policy chooses a timeout",
       range("compare.timeout-seconds")},
      {"pr-body", "template", ValueType::String,
       [](Config& c, const toml::node& n, const P& base) {
         const P path(string_of(n));
         c.pr_body_template = path.is_absolute() ? path : (base / path).lexically_normal();
       },
       "not set (built-in CPU/Memory templates)", "a markdown template for every PR body, relative to this file"},
      {"prepare", "unit-test-timeout-seconds", ValueType::Integer,
       [](Config& c, const toml::node& n, const P&) { c.unit_test_timeout_seconds = int_of(n); }, "900",
       "seconds the project's own unit tests may run at head", range("prepare.unit-test-timeout-seconds")},
      {"prepare", "unit-test-args", ValueType::StringArray,
       [](Config& c, const toml::node& n, const P&) { c.unit_test_args = strings_of(n); }, "[]",
       "pytest arguments added to the run of the project's own unit tests, e.g. `[\"-k\", \"not network\"]` or "
       "`[\"--deselect\", \"tests/test_x.py::test_y\"]` for tests this machine cannot pass"},
  };
  return keys;
}

}  // namespace prhost::config
