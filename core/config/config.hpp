// prhost.toml: found at the repository root or in .codeflash/, layered over
// the defaults in config/defaults.toml (embedded in the binary). Every key is
// checked against a schema; an unknown key or a wrong type is an error that
// names file:line:column.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

namespace prhost::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An explicit benchmark input (`[[benchmark]]` in prhost.toml).
struct BenchmarkHint {
  std::string function;  // `module:Qualname` or a bare function name
  std::string setup;     // Python statements that build the inputs
  std::string call;      // Python expression to benchmark
  std::vector<std::string> imports;
  // `sizes = { rows = 100_000, page_mib = 10 }`: named input sizes, written
  // as `ROWS = 100000` constants before `setup` so the benchmark file shows
  // (and a reviewer can question) how big its inputs are.
  std::vector<std::pair<std::string, std::string>> sizes;
};

// `[[optimization]]` in prhost.toml: the refs one optimization is compared
// on, instead of its commit's first parent and the commit (or its pull
// request's base and head). Names the optimization by commit or by number.
struct OptimizationOverride {
  std::string commit;  // SHA or unique prefix of the optimization's commit; empty when `number` is used
  int number = 0;      // its number in `prhost inventory`; 0 when `commit` is used
  std::string base;    // any revision: branch, tag, SHA, `main~3`
  std::string head;
  std::string where;  // "prhost.toml:12:1", for messages
};

struct Config {
  std::filesystem::path file;  // the user's prhost.toml, empty when none was found

  // [plugins]
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::filesystem::path> search_paths;  // absolute (relative ones resolve against the file)

  // [prhost]
  std::optional<std::string> runner;           // force a runner id instead of detecting
  int commits = 30;                            // history depth read by inventory
  std::optional<std::string> benchmarks_root;  // overrides [tool.codeflash] benchmarks-root

  // [compare]
  std::string backend = "builtin";  // builtin | codeflash ("auto" is accepted and means builtin)
  std::string layout = "pairs";     // builtin engine: pairs (fresh worker pair per pair) | process (process per round)
  // Not set: the measuring layout's own (compare::default_margin_percent):
  // 3% on the pairs layout, whose intervals the study calibrated for it, 5%
  // on the process layout and for codeflash's regression gate.
  std::optional<double> margin_percent;
  int min_pairs = 10;
  int max_pairs = 40;
  int memory_runs = 3;
  int instruction_pairs = 3;  // valgrind run pairs when instructions are counted
  int timeout_seconds = 600;  // per benchmark process, when no domain policy sets one

  // [pr-body]
  std::optional<std::filesystem::path> pr_body_template;  // absolute; empty: built-in or plugin template

  // [prepare]
  int unit_test_timeout_seconds = 900;  // the project's own unit tests at head
  // Appended to pytest's arguments for those tests: what this project's
  // suite needs on this machine (`-k "not network"`, `--deselect …`).
  std::vector<std::string> unit_test_args;

  std::vector<BenchmarkHint> benchmarks;            // [[benchmark]]
  std::vector<OptimizationOverride> optimizations;  // [[optimization]]
  toml::table plugin_options;                       // [plugin.<name>] tables, keyed by plugin name

  [[nodiscard]] const toml::table* options_for(const std::string& plugin) const;
};

// The user's config file: `explicit_file` if given (must exist), else
// <root>/prhost.toml, else <root>/.codeflash/prhost.toml; nullopt when none.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& project_root,
                                                      const std::filesystem::path& explicit_file);

// Defaults, then the user's file on top. Throws ConfigError.
Config load_config(const std::filesystem::path& project_root, const std::filesystem::path& explicit_file);

// Parses one TOML document (for tests and for the embedded defaults);
// `source_name` appears in error messages.
void apply_toml(Config& config, std::string_view text, const std::string& source_name,
                const std::filesystem::path& base_dir);

}  // namespace prhost::config
