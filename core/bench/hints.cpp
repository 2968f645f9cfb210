#include "bench/hints.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace prhost::bench {
namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// Linear scans, not std::regex: libstdc++'s regex recurses per character and
// a 30 KB line in a hint block overflowed the stack (SIGSEGV).
using sdk::helpers::is_word_char;

// True when `line` mentions `sha` by a prefix of at least 7 hex digits.
bool mentions_commit(const std::string& line, const std::string& sha) {
  for (std::size_t i = 0; i < line.size();) {
    if (!is_word_char(line[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < line.size() && is_word_char(line[end])) ++end;
    const auto word = std::string_view(line).substr(i, end - i);
    const bool hex =
        std::all_of(word.begin(), word.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    if (hex && word.size() >= 7 && word.size() <= 40) {
      if (sha.starts_with(sdk::helpers::to_lower(word))) return true;
    }
    i = end;
  }
  return false;
}

// `name(` as a call (not the tail of a longer name) or `.name` as an attribute.
bool calls_name(const std::string& statement, const std::string& name) {
  if (name.empty()) return false;
  for (auto at = statement.find(name); at != std::string::npos; at = statement.find(name, at + 1)) {
    const auto after = at + name.size();
    const bool word_ends = after >= statement.size() || !is_word_char(statement[after]);
    if (at > 0 && statement[at - 1] == '.' && word_ends) return true;
    if (at > 0 && is_word_char(statement[at - 1])) continue;
    auto next = after;
    while (next < statement.size() && std::isspace(static_cast<unsigned char>(statement[next])) != 0) ++next;
    if (next < statement.size() && statement[next] == '(') return true;
  }
  return false;
}

// Drops a leading `name =` or `name: Type =` (not `==`) from a call statement.
std::string without_assignment(const std::string& call) {
  std::size_t i = 0;
  if (i >= call.size() || !(std::isalpha(static_cast<unsigned char>(call[i])) != 0 || call[i] == '_')) return call;
  while (i < call.size() && is_word_char(call[i])) ++i;
  while (i < call.size() && std::isspace(static_cast<unsigned char>(call[i])) != 0) ++i;
  if (i < call.size() && call[i] == ':') {
    const auto equals = call.find('=', i);
    if (equals == std::string::npos || equals == i + 1) return call;
    i = equals;
  }
  if (i >= call.size() || call[i] != '=' || (i + 1 < call.size() && call[i + 1] == '=')) return call;
  ++i;
  while (i < call.size() && std::isspace(static_cast<unsigned char>(call[i])) != 0) ++i;
  return call.substr(i);
}

// "1. " or "12) " at the start of a line.
bool starts_numbered_item(const std::string& line) {
  std::size_t i = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) != 0) ++i;
  return i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ';
}

// Splits a code block into imports, setup and the final call.
std::optional<InputHint> hint_from_block(const std::vector<std::string>& code, const std::string& name) {
  std::vector<std::string> statements;  // top-level statements with their continuation lines
  InputHint hint;
  for (const auto& line : code) {
    const bool top_level =
        !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != ')' && line[0] != ']' && line[0] != '}';
    if (line.starts_with("import ") || line.starts_with("from ")) {
      hint.imports.push_back(std::string(sdk::helpers::trim(line)));
    } else if (top_level || statements.empty()) {
      if (!std::string(sdk::helpers::trim(line)).empty()) statements.push_back(line);
    } else {
      statements.back() += "\n" + line;
    }
  }
  if (statements.empty() || !calls_name(statements.back(), name)) return std::nullopt;
  std::string call = statements.back();
  statements.pop_back();
  call = without_assignment(call);
  if (call.starts_with("await ")) call = call.substr(6);
  hint.call = std::string(sdk::helpers::trim(call));
  for (const auto& statement : statements) hint.setup += statement + "\n";
  return hint;
}

}  // namespace

std::optional<InputHint> config_hint(const std::vector<config::BenchmarkHint>& hints, const std::string& module,
                                     const std::string& qualname, const std::string& name) {
  const std::string full = module + ":" + qualname;
  for (const auto& hint : hints) {
    if (hint.function == full || hint.function == qualname || hint.function == name) {
      std::string setup;
      for (const auto& [constant, literal] : hint.sizes) {
        setup += constant;
        setup += " = ";
        setup += literal;
        setup += '\n';
      }
      setup += hint.setup;
      return InputHint{"prhost.toml [[benchmark]] " + hint.function, hint.imports, setup, hint.call};
    }
  }
  return std::nullopt;
}

std::optional<InputHint> handoff_hint(std::string_view handoff_text, const std::string& commit_sha,
                                      const std::string& name, const std::string& file_name) {
  const auto lines = lines_of(handoff_text);
  // The commit a block belongs to: the last mention of it since the last
  // heading (a heading starts a new optimization, or a new topic).
  bool under_commit = false;
  int heading_level_of_commit = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string stripped = std::string(sdk::helpers::trim(lines[i]));
    if (stripped.starts_with("#")) {
      const int level = static_cast<int>(stripped.find_first_not_of('#'));
      if (mentions_commit(stripped, commit_sha)) {
        under_commit = true;
        heading_level_of_commit = level;
      } else if (under_commit && (heading_level_of_commit == 0 || level <= heading_level_of_commit)) {
        under_commit = false;
      }
      continue;
    }
    if (!stripped.starts_with("```")) {
      if (mentions_commit(stripped, commit_sha)) {
        under_commit = true;
        heading_level_of_commit = 0;
      } else if (heading_level_of_commit == 0 &&
                 (stripped.starts_with("- ") || stripped.starts_with("* ") || starts_numbered_item(stripped))) {
        under_commit = false;  // the next list item is another optimization
      }
      continue;
    }
    // A fence: collect it, whatever its language, to skip over it.
    const std::string language = std::string(sdk::helpers::trim(stripped.substr(3)));
    std::vector<std::string> code;
    std::size_t j = i + 1;
    for (; j < lines.size() && !std::string(sdk::helpers::trim(lines[j])).starts_with("```"); ++j)
      code.push_back(lines[j]);
    const int fence_line = static_cast<int>(i) + 1;
    i = j;
    if (!under_commit || (language != "python" && language != "py")) continue;
    // Strip the block's common indentation (blocks inside list items are indented).
    std::size_t common = std::string::npos;
    for (const auto& line : code) {
      if (std::string(sdk::helpers::trim(line)).empty()) continue;
      common = std::min(common, line.find_first_not_of(" \t"));
    }
    if (common != std::string::npos && common > 0) {
      for (auto& line : code)
        line = line.size() >= common ? line.substr(common) : std::string(sdk::helpers::trim(line));
    }
    if (auto hint = hint_from_block(code, name)) {
      hint->origin = file_name + ":" + std::to_string(fence_line);
      return hint;
    }
  }
  return std::nullopt;
}

}  // namespace prhost::bench
