#include "config/toml_key_edit.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <optional>

namespace prhost::config {
namespace {

// Byte offset of a 1-based line/column position (columns count bytes).
std::size_t offset_of(std::string_view text, const toml::source_position& position) {
  std::size_t offset = 0;
  for (toml::source_index line = 1; line < position.line && offset < text.size(); ++line) {
    const auto newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    offset = newline + 1;
  }
  return std::min(text.size(), offset + position.column - 1);
}

// Offset just past the end of the line holding `offset`.
std::size_t end_of_line(std::string_view text, std::size_t offset) {
  const auto newline = text.find('\n', offset);
  return newline == std::string_view::npos ? text.size() : newline + 1;
}

std::string line_ending(std::string_view text) { return text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n"; }

// A bare key when it can be one, else quoted.
std::string key_text(const std::string& key) {
  const bool bare = !key.empty() && key.find_first_not_of(
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789_-") == std::string::npos;
  return bare ? key : fmt::format("\"{}\"", key);
}

tl::expected<toml::table, std::string> parse(std::string_view text, std::string_view source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    return tl::make_unexpected(fmt::format("{}:{}:{}: {}", source_name, begin.line, begin.column, error.description()));
  }
}

// Where the text of `[table]` ends: after its last key (or its header).
std::optional<std::size_t> insertion_point(std::string_view text, const toml::table& table) {
  toml::source_position last = table.source().begin;
  if (last.line == 0) return std::nullopt;  // made implicitly by a dotted header below it
  for (const auto& [name, node] : table) {
    if (node.is_table() && !node.as_table()->is_inline()) continue;  // a sub-table has its own header
    if (node.source().end.line > last.line) last = node.source().end;
  }
  return end_of_line(text, offset_of(text, last));
}

std::string edited_text(std::string_view text, const toml::table& document, const std::string& table_name,
                        const std::string& key, const std::string& value_toml) {
  const std::string eol = line_ending(text);
  const auto* table = document.at_path(table_name).as_table();
  if (table != nullptr && table->contains(key)) {
    const auto& region = table->get(key)->source();
    const auto begin = offset_of(text, region.begin);
    const auto end = offset_of(text, region.end);
    return std::string(text.substr(0, begin)) + value_toml + std::string(text.substr(end));
  }
  const std::string line = key_text(key) + " = " + value_toml + eol;
  if (table != nullptr && !table->is_inline()) {
    if (const auto at = insertion_point(text, *table)) {
      std::string result(text.substr(0, *at));
      if (!result.empty() && result.back() != '\n') result += eol;
      return result + line + std::string(text.substr(*at));
    }
  }
  std::string result(text);
  if (!result.empty() && result.back() != '\n') result += eol;
  if (!result.empty()) result += eol;
  return result + "[" + table_name + "]" + eol + line;
}

// Undoes the edit in a parsed copy: removes `key` from [table], then every
// table on its path that the edit created and that is now empty.
void forget_edit(toml::table& document, const toml::table& before, const std::string& table_name,
                 const std::string& key) {
  if (auto* table = document.at_path(table_name).as_table()) table->erase(key);
  std::string path = table_name;
  while (!path.empty()) {
    const auto* table = document.at_path(path).as_table();
    if (table == nullptr || !table->empty() || before.at_path(path).as_table() != nullptr) return;
    const auto dot = path.rfind('.');
    auto* parent = dot == std::string::npos ? &document : document.at_path(path.substr(0, dot)).as_table();
    if (parent == nullptr) return;
    parent->erase(dot == std::string::npos ? path : path.substr(dot + 1));
    path = dot == std::string::npos ? std::string() : path.substr(0, dot);
  }
}

// The edit changed exactly one value: the key, now equal to `value_toml`.
std::optional<std::string> verify(const toml::table& before, const toml::table& after, const std::string& table_name,
                                  const std::string& key, const std::string& value_toml) {
  const auto expected = parse(key_text(key) + " = " + value_toml, "value");
  if (!expected) return "the value " + value_toml + " is not a TOML value";
  const auto* now = after.at_path(table_name).as_table();
  if (now == nullptr || !now->contains(key) ||
      toml::node_view<const toml::node>(now->get(key)) != toml::node_view<const toml::node>(expected->get(key))) {
    return "the edit did not set " + key + " in [" + table_name + "]";
  }
  toml::table before_rest = before;
  toml::table after_rest = after;
  forget_edit(before_rest, before, table_name, key);
  forget_edit(after_rest, before, table_name, key);
  if (before_rest != after_rest) return "the edit would change other values of the file";
  return std::nullopt;
}

}  // namespace

tl::expected<std::string, std::string> with_toml_key(std::string_view text, std::string_view source_name,
                                                     const std::string& table, const std::string& key,
                                                     const std::string& value_toml) {
  const auto before = parse(text, source_name);
  if (!before) return tl::make_unexpected(before.error() + " (the file was not edited)");
  const std::string result = edited_text(text, *before, table, key, value_toml);
  const auto after = parse(result, source_name);
  if (!after) {
    return tl::make_unexpected(
        fmt::format("{}: setting {} in [{}] here would not be valid TOML ({}); make the edit "
                    "by hand (the file was not edited)",
                    source_name, key, table, after.error()));
  }
  if (auto problem = verify(*before, *after, table, key, value_toml)) {
    return tl::make_unexpected(fmt::format("{}: {}; the file was not edited", source_name, *problem));
  }
  return result;
}

}  // namespace prhost::config
