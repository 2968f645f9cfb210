// Which TOML tables a pyproject.toml declares, found by scanning header lines.
//
// Runner detection only needs to know whether `[tool.uv]`, `[tool.poetry]` or
// `[project]` exists, so a line scan is enough and keeps a TOML library out
// of every runner plugin. It is careful about what a naive `find` gets wrong:
// a commented-out header (`# [tool.poetry]`), a header inside a multi-line
// string, sub-tables (`[tool.uv.sources]`, `[[tool.uv.index]]`) and spacing
// (`[ tool . uv ]`).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace prhost::plugins::common {

namespace pyproject_tables_detail {

// The dotted key of a table header line without spaces, or "" when the line
// is not a header.
inline std::string header_key(std::string_view line) {
  std::size_t pos = line.find_first_not_of(" \t");
  if (pos == std::string_view::npos || line[pos] != '[') return {};
  const bool array_table = pos + 1 < line.size() && line[pos + 1] == '[';
  pos += array_table ? 2 : 1;
  const std::size_t close = line.find(']', pos);
  if (close == std::string_view::npos) return {};
  std::string key;
  for (char c : line.substr(pos, close - pos)) {
    if (c != ' ' && c != '\t' && c != '"' && c != '\'') key += c;
  }
  return key;
}

// Number of multi-line string delimiters (`"""` or `'''`) on a line, so the
// scan can tell when it is inside a multi-line string. Comments end the count.
inline int string_delimiters(std::string_view line) {
  int count = 0;
  for (std::size_t pos = 0; pos + 3 <= line.size(); ++pos) {
    if (line[pos] == '#' && count % 2 == 0) break;
    if (line.substr(pos, 3) == "\"\"\"" || line.substr(pos, 3) == "'''") {
      ++count;
      pos += 2;
    }
  }
  return count;
}

}  // namespace pyproject_tables_detail

// True when `toml_text` declares table `table` ("tool.uv") or any sub-table
// of it ("tool.uv.sources"), as `[...]` or `[[...]]`.
inline bool has_toml_table(std::string_view toml_text, std::string_view table) {
  bool in_multiline_string = false;
  std::size_t start = 0;
  while (start <= toml_text.size()) {
    std::size_t end = toml_text.find('\n', start);
    if (end == std::string_view::npos) end = toml_text.size();
    const std::string_view line = toml_text.substr(start, end - start);
    if (!in_multiline_string) {
      const std::string key = pyproject_tables_detail::header_key(line);
      if (key == table || (key.size() > table.size() && key.starts_with(table) && key[table.size()] == '.')) {
        return true;
      }
    }
    if (pyproject_tables_detail::string_delimiters(line) % 2 == 1) in_multiline_string = !in_multiline_string;
    start = end + 1;
  }
  return false;
}

}  // namespace prhost::plugins::common
