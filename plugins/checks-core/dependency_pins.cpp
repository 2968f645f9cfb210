#include "checks-core/dependency_pins.hpp"

#include <toml++/toml.h>

#include <cctype>
#include <utility>
#include <vector>

#include "prhost/sdk/helpers/text.hpp"

namespace prhost::plugins::checks_core {
namespace {

using sdk::helpers::trim;

std::optional<toml::table> parse_toml(std::string_view text) {
  try {
    return toml::parse(text);
  } catch (const toml::parse_error&) {
    return std::nullopt;  // a malformed file pins nothing; the pyproject checks report it
  }
}

// "numpy==1.26.4; python_version < '3.12'" -> {"numpy", "1.26.4"}
std::optional<std::pair<std::string, std::string>> exact_requirement(std::string_view line) {
  line = trim(line.substr(0, line.find_first_of("#;")));
  const auto equals = line.find("==");
  if (equals == std::string_view::npos || line.starts_with("-")) return std::nullopt;
  std::string_view name = trim(line.substr(0, equals));
  name = name.substr(0, name.find('['));  // extras
  std::string_view version = trim(line.substr(equals + 2));
  version = version.substr(0, version.find_first_of(" ,\t"));
  if (name.empty() || version.empty() || version.front() == '=') return std::nullopt;
  return std::pair{normalize_package_name(trim(name)), std::string(version)};
}

void add_requirement_array(const toml::array* array, Pins& pins) {
  if (array == nullptr) return;
  for (const auto& item : *array) {
    if (const auto text = item.value<std::string>()) {
      if (auto pin = exact_requirement(*text)) pins.insert(std::move(*pin));
    }
  }
}

// Poetry: `numpy = "1.26.4"` (bare = exact), `"==1.26.4"`, or `{version = "1.26.4"}`.
void add_poetry_table(const toml::table* table, Pins& pins) {
  if (table == nullptr) return;
  for (const auto& [key, value] : *table) {
    std::optional<std::string> version = value.value<std::string>();
    if (const auto* inline_table = value.as_table()) version = (*inline_table)["version"].value<std::string>();
    if (!version) continue;
    std::string_view text = trim(*version);
    if (text.starts_with("==")) text.remove_prefix(2);
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) continue;  // ^1.2, >=1, *
    pins.emplace(normalize_package_name(key.str()), std::string(trim(text)));
  }
}

}  // namespace

std::string normalize_package_name(std::string_view name) {
  std::string normalized;
  for (const char c : name) {
    const bool separator = c == '-' || c == '_' || c == '.';
    if (separator) {
      if (!normalized.empty() && normalized.back() != '-') normalized += '-';
    } else {
      normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return normalized;
}

Pins pins_from_lock(std::string_view text) {
  Pins pins;
  const auto table = parse_toml(text);
  if (!table) return pins;
  const auto* packages = (*table)["package"].as_array();
  if (packages == nullptr) return pins;
  for (const auto& package : *packages) {
    const auto* entry = package.as_table();
    if (entry == nullptr) continue;
    const auto name = (*entry)["name"].value<std::string>();
    const auto version = (*entry)["version"].value<std::string>();
    if (name && version) pins.emplace(normalize_package_name(*name), *version);
  }
  return pins;
}

Pins pins_from_requirements(std::string_view text) {
  Pins pins;
  for (const auto line : sdk::helpers::split(text, '\n')) {
    if (auto pin = exact_requirement(line)) pins.insert(std::move(*pin));
  }
  return pins;
}

Pins pins_from_pyproject(std::string_view text) {
  Pins pins;
  const auto table = parse_toml(text);
  if (!table) return pins;
  add_requirement_array((*table)["project"]["dependencies"].as_array(), pins);
  if (const auto* optional = (*table)["project"]["optional-dependencies"].as_table()) {
    for (const auto& [group, array] : *optional) add_requirement_array(array.as_array(), pins);
  }
  add_poetry_table((*table)["tool"]["poetry"]["dependencies"].as_table(), pins);
  add_poetry_table((*table)["tool"]["poetry"]["dev-dependencies"].as_table(), pins);
  if (const auto* groups = (*table)["tool"]["poetry"]["group"].as_table()) {
    for (const auto& [name, group] : *groups)
      add_poetry_table(group.as_table() ? (*group.as_table())["dependencies"].as_table() : nullptr, pins);
  }
  pins.erase("python");  // poetry lists the interpreter among dependencies
  return pins;
}

std::optional<PinSource> pins_at_ref(const std::function<std::optional<std::string>(const std::string&)>& read) {
  using Parser = Pins (*)(std::string_view);
  static const std::vector<std::pair<std::string, Parser>> kSources = {
      {"uv.lock", &pins_from_lock},
      {"poetry.lock", &pins_from_lock},
      {"requirements.txt", &pins_from_requirements},
      {"requirements-dev.txt", &pins_from_requirements},
      {"requirements-test.txt", &pins_from_requirements},
      {"pyproject.toml", &pins_from_pyproject},
  };
  for (const auto& [file, parse] : kSources) {
    const auto text = read(file);
    if (!text) continue;
    Pins pins = parse(*text);
    if (!pins.empty()) return PinSource{file, std::move(pins)};
  }
  return std::nullopt;
}

}  // namespace prhost::plugins::checks_core
