// The keys prhost.toml may contain, as data: one row per key with its type
// and where the value goes. Validation, error messages and `--help` text for
// the file all read this one table.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/config.hpp"
#include "config/number_ranges.hpp"

namespace prhost::config {

enum class ValueType { String, Integer, Float, Boolean, StringArray };

struct KeySpec {
  std::string table;  // "plugins", "prhost", "compare"
  std::string key;
  ValueType type;
  // Stores the (already type-checked) node into the config; `base_dir` is the
  // directory of the file being read, for relative paths.
  std::function<void(Config&, const toml::node&, const std::filesystem::path& base_dir)> store;
  // For docs/configuration.md (`prhost plugins --config-reference`).
  std::string default_text;  // as people read it: "30", "not set (…)"
  std::string description;   // one sentence: what it changes
  // Integer and Float keys: their bounds, shared with the command line.
  const NumberRange* range = nullptr;
  // String keys naming a path inside the repository (repository_paths.hpp).
  bool repository_path = false;
};

const std::vector<KeySpec>& schema();
const char* type_name(ValueType type);

}  // namespace prhost::config
