#include "checks-core/pytest_config_text.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace prhost::plugins::checks_core {
namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    std::string clean;
    for (char c : word) {
      if (c != '"' && c != '\'') clean += c;
    }
    if (!clean.empty()) words.push_back(clean);
  }
  return words;
}

// `addopts = …` of `[section]` in an ini file, with indented continuation lines.
std::optional<std::string> ini_addopts(const std::string& text, const std::string& section, bool& has_section) {
  std::istringstream in(text);
  std::string line;
  bool inside = false;
  std::optional<std::string> value;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.front() == '[') {
      inside = line.rfind("[" + section + "]", 0) == 0;
      has_section = has_section || inside;
      continue;
    }
    if (!inside) continue;
    if (value && !line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      *value += " " + line;
    } else if (line.rfind("addopts", 0) == 0 && line.find('=') != std::string::npos) {
      value = line.substr(line.find('=') + 1);
    } else if (value) {
      break;
    }
  }
  return value;
}

std::optional<PytestAddopts> from_pyproject(const std::string& text) {
  try {
    const auto table = toml::parse(text);
    const auto options = table["tool"]["pytest"]["ini_options"];
    if (!options) return std::nullopt;
    PytestAddopts found{"pyproject.toml", {}};
    if (auto value = options["addopts"].value<std::string>()) found.words = split_words(*value);
    if (const auto* list = options["addopts"].as_array()) {
      for (const auto& item : *list) {
        if (auto word = item.value<std::string>()) found.words.push_back(*word);
      }
    }
    return found;
  } catch (const toml::parse_error&) {
    return std::nullopt;  // core.benchmarks-root reports a malformed pyproject.toml
  }
}

}  // namespace

PytestAddopts read_addopts(const sdk::Project& project, const sdk::HostServices& services) {
  const std::pair<const char*, const char*> ini_files[] = {{"pytest.ini", "pytest"}, {".pytest.ini", "pytest"}};
  for (const auto& [file, section] : ini_files) {
    if (auto text = services.read_file(project.root / file)) {
      bool has_section = false;
      return {file, split_words(ini_addopts(*text, section, has_section).value_or(""))};
    }
  }
  if (auto text = services.read_file(project.root / "pyproject.toml")) {
    if (auto found = from_pyproject(*text)) return *found;
  }
  const std::pair<const char*, const char*> other_files[] = {{"tox.ini", "pytest"}, {"setup.cfg", "tool:pytest"}};
  for (const auto& [file, section] : other_files) {
    if (auto text = services.read_file(project.root / file)) {
      bool has_section = false;
      auto value = ini_addopts(*text, section, has_section);
      if (has_section) return {file, split_words(value.value_or(""))};
    }
  }
  return {};
}

}  // namespace prhost::plugins::checks_core
