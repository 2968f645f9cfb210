#include "config/config.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "config/config_schema.hpp"
#include "config/number_ranges.hpp"
#include "config/repository_paths.hpp"
#include "embedded/config_defaults.hpp"
#include "util/read_file.hpp"

namespace prhost::config {
namespace {

std::string where(const std::string& source_name, const toml::source_region& region) {
  return fmt::format("{}:{}:{}", source_name, region.begin.line, region.begin.column);
}

bool has_type(const toml::node& node, ValueType type) {
  switch (type) {
    case ValueType::String:
      return node.is_string();
    case ValueType::Integer:
      return node.is_integer();
    case ValueType::Float:
      return node.is_floating_point() || node.is_integer();
    case ValueType::Boolean:
      return node.is_boolean();
    case ValueType::StringArray: {
      const auto* array = node.as_array();
      return array != nullptr && (array->empty() || array->is_homogeneous(toml::node_type::string));
    }
  }
  return false;
}

std::string known_keys(const std::string& table) {
  std::string names;
  for (const auto& spec : schema()) {
    if (spec.table != table) continue;
    names += names.empty() ? spec.key : ", " + spec.key;
  }
  return names;
}

// Numbers are checked at 64 bits against their row of the range table
// (shared with the command line) before they are stored, so nothing is
// narrowed (4294967297 used to become 1); NaN and infinities are no number.
// Repository paths must stay inside it.
void refuse_bad_value(const toml::node& node, const KeySpec& spec, const std::string& key,
                      const std::string& source_name) {
  std::optional<std::string> problem;
  std::string shown;
  if (spec.range != nullptr && node.is_integer()) {
    problem = integer_problem(*spec.range, *node.value<long long>());
    shown = std::to_string(*node.value<long long>());
  } else if (spec.range != nullptr && node.is_floating_point()) {
    problem = float_problem(*spec.range, *node.value<double>());
    shown = fmt::format("{}", *node.value<double>());
  } else if (spec.repository_path) {
    shown = *node.value<std::string>();
    problem = path_leaving_repository(shown);
    shown = "\"" + shown + "\"";
  }
  if (!problem) return;
  const bool has_option = spec.range != nullptr && !spec.range->option.empty();
  throw ConfigError(fmt::format("{}: {} = {} {}{}", where(source_name, node.source()), key, shown, *problem,
                                has_option ? fmt::format("; {} has the same bounds", spec.range->option) : ""));
}

void apply_known_table(Config& config, const std::string& table_name, const toml::table& table,
                       const std::string& source_name, const std::filesystem::path& base_dir) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const KeySpec* spec = nullptr;
    for (const auto& candidate : schema()) {
      if (candidate.table == table_name && candidate.key == name) spec = &candidate;
    }
    if (spec == nullptr) {
      throw ConfigError(fmt::format("{}: unknown key '{}' in [{}] (known keys: {})", where(source_name, key.source()),
                                    name, table_name, known_keys(table_name)));
    }
    if (!has_type(node, spec->type)) {
      throw ConfigError(fmt::format("{}: [{}] {} must be {}", where(source_name, node.source()), table_name, name,
                                    type_name(spec->type)));
    }
    refuse_bad_value(node, *spec, fmt::format("[{}] {}", table_name, name), source_name);
    spec->store(config, node, base_dir);
  }
}

std::string string_field(const toml::table& entry, const char* key, const std::string& source_name) {
  const auto* node = entry.get(key);
  if (node == nullptr) return {};
  if (!node->is_string()) {
    throw ConfigError(fmt::format("{}: [[benchmark]] {} must be a string", where(source_name, node->source()), key));
  }
  return *node->value<std::string>();
}

void apply_benchmark_hints(Config& config, const toml::node& node, const std::string& source_name) {
  const auto* array = node.as_array();
  if (array == nullptr || !array->is_homogeneous(toml::node_type::table)) {
    throw ConfigError(fmt::format("{}: 'benchmark' must be an array of tables, written [[benchmark]]",
                                  where(source_name, node.source())));
  }
  static const std::set<std::string> allowed{"function", "setup", "call", "imports", "sizes"};
  for (const auto& element : *array) {
    const auto& entry = *element.as_table();
    for (const auto& [key, value] : entry) {
      if (allowed.count(std::string(key.str())) == 0) {
        throw ConfigError(
            fmt::format("{}: unknown key '{}' in [[benchmark]] (known keys: function, setup, call, imports, sizes)",
                        where(source_name, key.source()), key.str()));
      }
    }
    BenchmarkHint hint;
    hint.function = string_field(entry, "function", source_name);
    hint.setup = string_field(entry, "setup", source_name);
    hint.call = string_field(entry, "call", source_name);
    if (const auto* imports = entry.get("imports")) {
      if (!has_type(*imports, ValueType::StringArray)) {
        throw ConfigError(fmt::format("{}: [[benchmark]] imports must be an array of strings",
                                      where(source_name, imports->source())));
      }
      for (const auto& line : *imports->as_array()) hint.imports.push_back(*line.value<std::string>());
    }
    if (const auto* sizes = entry.get("sizes")) {
      const auto* table = sizes->as_table();
      if (table == nullptr) {
        throw ConfigError(fmt::format("{}: [[benchmark]] sizes must be a table, e.g. sizes = {{ rows = 100_000 }}",
                                      where(source_name, sizes->source())));
      }
      for (const auto& [name, value] : *table) {
        if (!value.is_integer() && !value.is_floating_point()) {
          throw ConfigError(fmt::format("{}: [[benchmark]] sizes.{} must be a number",
                                        where(source_name, value.source()), name.str()));
        }
        std::string upper(name.str());
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const std::string literal =
            value.is_integer() ? std::to_string(*value.value<long long>()) : fmt::format("{}", *value.value<double>());
        hint.sizes.emplace_back(upper, literal);
      }
    }
    if (hint.function.empty() || hint.call.empty()) {
      throw ConfigError(
          fmt::format("{}: every [[benchmark]] needs 'function' and 'call'", where(source_name, element.source())));
    }
    config.benchmarks.push_back(std::move(hint));
  }
}

// [[optimization]]: `commit` or `number` names the optimization; `base` and
// `head` are the refs its comparison uses.
void apply_optimization_overrides(Config& config, const toml::node& node, const std::string& source_name) {
  const auto* array = node.as_array();
  if (array == nullptr || !array->is_homogeneous(toml::node_type::table)) {
    throw ConfigError(fmt::format("{}: 'optimization' must be an array of tables, written [[optimization]]",
                                  where(source_name, node.source())));
  }
  static const std::set<std::string> allowed{"commit", "number", "base", "head"};
  for (const auto& element : *array) {
    const auto& entry = *element.as_table();
    for (const auto& [key, value] : entry) {
      if (allowed.count(std::string(key.str())) == 0) {
        throw ConfigError(
            fmt::format("{}: unknown key '{}' in [[optimization]] (known keys: commit, number, base, head)",
                        where(source_name, key.source()), key.str()));
      }
    }
    OptimizationOverride entry_override;
    entry_override.where = where(source_name, element.source());
    const auto text = [&](const char* key) {
      const auto* value = entry.get(key);
      if (value == nullptr) return std::string();
      if (!value->is_string()) {
        throw ConfigError(
            fmt::format("{}: [[optimization]] {} must be a string", where(source_name, value->source()), key));
      }
      return *value->value<std::string>();
    };
    entry_override.commit = text("commit");
    entry_override.base = text("base");
    entry_override.head = text("head");
    if (const auto* number = entry.get("number")) {
      const auto& range = number_range("optimization.number");
      if (!number->is_integer() || integer_problem(range, *number->value<long long>())) {
        throw ConfigError(fmt::format("{}: [[optimization]] number must be a whole number, {} ({})",
                                      where(source_name, number->source()), bounds_text(range), range.reason));
      }
      entry_override.number = static_cast<int>(*number->value<long long>());
    }
    if (entry_override.commit.empty() == (entry_override.number == 0)) {
      throw ConfigError(
          fmt::format("{}: every [[optimization]] names its optimization by 'commit' or by 'number' "
                      "(one of them)",
                      entry_override.where));
    }
    if (entry_override.base.empty() && entry_override.head.empty()) {
      throw ConfigError(
          fmt::format("{}: [[optimization]] needs 'base', 'head' or both (the refs to compare)", entry_override.where));
    }
    config.optimizations.push_back(std::move(entry_override));
  }
}

void validate(const Config& config, const std::string& source_name) {
  static const std::set<std::string> backends{"auto", "builtin", "codeflash"};
  auto fail = [&](const std::string& message) { throw ConfigError(source_name + ": " + message); };
  if (backends.count(config.backend) == 0) fail("[compare] backend must be one of auto, builtin, codeflash");
  static const std::set<std::string> layouts{"pairs", "process"};
  if (layouts.count(config.layout) == 0) fail("[compare] layout must be one of pairs, process");
  // Each number's own bounds were checked where it was read (refuse_bad_value);
  // what is left relates two keys.
  if (config.max_pairs < config.min_pairs) fail("[compare] max-pairs must be >= min-pairs");
}

}  // namespace

const toml::table* Config::options_for(const std::string& plugin) const {
  const auto* node = plugin_options.get(plugin);
  return node != nullptr ? node->as_table() : nullptr;
}

void apply_toml(Config& config, std::string_view text, const std::string& source_name,
                const std::filesystem::path& base_dir) {
  toml::table document;
  try {
    document = toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    throw ConfigError(fmt::format("{}: {}", where(source_name, error.source()), error.description()));
  }
  for (const auto& [key, node] : document) {
    const std::string name(key.str());
    if (name == "benchmark") {
      apply_benchmark_hints(config, node, source_name);
      continue;
    }
    if (name == "optimization") {
      apply_optimization_overrides(config, node, source_name);
      continue;
    }
    const auto* table = node.as_table();
    if (table == nullptr) {
      throw ConfigError(fmt::format("{}: '{}' must be a table", where(source_name, key.source()), name));
    }
    if (name == "plugin") {
      // [plugin.<name>]: free-form options, read by that plugin only.
      for (const auto& [plugin, options] : *table) {
        if (!options.is_table()) {
          throw ConfigError(fmt::format("{}: [plugin.{}] must be a table of options",
                                        where(source_name, plugin.source()), plugin.str()));
        }
        config.plugin_options.insert_or_assign(plugin.str(), *options.as_table());
      }
      continue;
    }
    if (known_keys(name).empty()) {
      throw ConfigError(
          fmt::format("{}: unknown table [{}] (known: [plugins], [prhost], [compare], [pr-body], [prepare], "
                      "[plugin.<name>], [[benchmark]], [[optimization]])",
                      where(source_name, key.source()), name));
    }
    apply_known_table(config, name, *table, source_name, base_dir);
  }
  validate(config, source_name);
}

std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& project_root,
                                                      const std::filesystem::path& explicit_file) {
  if (!explicit_file.empty()) {
    if (!std::filesystem::is_regular_file(explicit_file)) {
      throw ConfigError(explicit_file.string() + ": config file not found (given with --config)");
    }
    return explicit_file;
  }
  for (const auto& candidate : {project_root / "prhost.toml", project_root / ".codeflash" / "prhost.toml"}) {
    if (std::filesystem::is_regular_file(candidate)) return candidate;
  }
  return std::nullopt;
}

Config load_config(const std::filesystem::path& project_root, const std::filesystem::path& explicit_file) {
  Config config;
  apply_toml(config, embedded::config_defaults(), "<built-in config/defaults.toml>", project_root);
  if (auto file = find_config_file(project_root, explicit_file)) {
    const auto text = util::read_text_file(*file);
    if (!text) throw ConfigError(file->string() + ": cannot be read");
    config.file = *file;
    apply_toml(config, *text, file->string(), file->parent_path());
  }
  return config;
}

}  // namespace prhost::config
