#include "bench/hints.hpp"

#include <regex>

namespace prhost::bench {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

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

// True when `line` mentions `sha` by a prefix of at least 7 hex digits.
bool mentions_commit(const std::string& line, const std::string& sha) {
  static const std::regex hex(R"(\b[0-9a-fA-F]{7,40}\b)");
  for (std::sregex_iterator it(line.begin(), line.end(), hex), end; it != end; ++it) {
    std::string found = it->str();
    for (char& c : found) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (sha.starts_with(found)) return true;
  }
  return false;
}

bool calls_name(const std::string& statement, const std::string& name) {
  const std::regex call("(^|[^A-Za-z0-9_])" + name + R"(\s*\()");
  const std::regex attribute(R"(\.)" + name + R"(\b)");
  return std::regex_search(statement, call) || std::regex_search(statement, attribute);
}

// Splits a code block into imports, setup and the final call.
std::optional<InputHint> hint_from_block(const std::vector<std::string>& code, const std::string& name) {
  std::vector<std::string> statements;  // top-level statements with their continuation lines
  InputHint hint;
  for (const auto& line : code) {
    const bool top_level =
        !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != ')' && line[0] != ']' && line[0] != '}';
    if (line.starts_with("import ") || line.starts_with("from ")) {
      hint.imports.push_back(trim(line));
    } else if (top_level || statements.empty()) {
      if (!trim(line).empty()) statements.push_back(line);
    } else {
      statements.back() += "\n" + line;
    }
  }
  if (statements.empty() || !calls_name(statements.back(), name)) return std::nullopt;
  std::string call = statements.back();
  statements.pop_back();
  static const std::regex assignment(R"(^[A-Za-z_][A-Za-z0-9_]*\s*(:[^=]+)?=(?!=)\s*)");
  call = std::regex_replace(call, assignment, "", std::regex_constants::format_first_only);
  if (call.starts_with("await ")) call = call.substr(6);
  hint.call = trim(call);
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
    const std::string stripped = trim(lines[i]);
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
      } else if (heading_level_of_commit == 0 && (stripped.starts_with("- ") || stripped.starts_with("* ") ||
                                                  std::regex_search(stripped, std::regex(R"(^\d+[.)] )")))) {
        under_commit = false;  // the next list item is another optimization
      }
      continue;
    }
    // A fence: collect it, whatever its language, to skip over it.
    const std::string language = trim(stripped.substr(3));
    std::vector<std::string> code;
    std::size_t j = i + 1;
    for (; j < lines.size() && !trim(lines[j]).starts_with("```"); ++j) code.push_back(lines[j]);
    const int fence_line = static_cast<int>(i) + 1;
    i = j;
    if (!under_commit || (language != "python" && language != "py")) continue;
    // Strip the block's common indentation (blocks inside list items are indented).
    std::size_t common = std::string::npos;
    for (const auto& line : code) {
      if (trim(line).empty()) continue;
      common = std::min(common, line.find_first_not_of(" \t"));
    }
    if (common != std::string::npos && common > 0) {
      for (auto& line : code) line = line.size() >= common ? line.substr(common) : trim(line);
    }
    if (auto hint = hint_from_block(code, name)) {
      hint->origin = file_name + ":" + std::to_string(fence_line);
      return hint;
    }
  }
  return std::nullopt;
}

}  // namespace prhost::bench
