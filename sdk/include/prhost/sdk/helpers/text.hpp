// The one text helper of prhost: trimming, lower-casing, splitting and
// keyword matching with word boundaries. Core and every plugin use this
// header, so "what counts as whitespace" or "where a word starts" has one
// answer everywhere.
//
// Header-only and dependency-free, like the rest of prhost/sdk/helpers, so a
// plugin carries its own copy and depends on no host symbol. ASCII rules on
// purpose: the text is commit messages, code and configuration, and locale-
// dependent case mapping would make a classification differ between machines.
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::sdk::helpers {

inline bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

inline bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

inline std::string_view trim_left(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return text;
}

inline std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

inline std::string_view trim(std::string_view text) { return trim_right(trim_left(text)); }

inline std::string to_lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

// Splits on every `separator`; keeps empty pieces ("a,,b" -> {"a", "", "b"})
// so that callers which care about positions (table cells) can count them.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    pieces.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

// Splits on runs of whitespace and drops empty pieces ("  a  b " -> {"a", "b"}).
inline std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t position = 0;
  while (position < text.size()) {
    while (position < text.size() && is_space(text[position])) ++position;
    const std::size_t begin = position;
    while (position < text.size() && !is_space(text[position])) ++position;
    if (position > begin) words.push_back(text.substr(begin, position - begin));
  }
  return words;
}

// Keyword matching. Plain substring search is too eager for the short words
// commit messages use: "gc" is inside "gcc", "del " inside "model ", "set("
// inside "reset(". A pattern that starts (or ends) with a word character
// therefore only matches where a word starts (or ends) in the text.
enum class MatchMode {
  WordPrefix,  // starts at a word boundary: "vectoriz" matches "vectorized"
  Word,        // whole word: "gc" matches "gc" but not "gcc"
};

// True when `needle` occurs in `haystack` under `mode`. Both are compared as
// given; callers lower-case both sides for case-insensitive matching.
inline bool contains_keyword(std::string_view haystack, std::string_view needle, MatchMode mode) {
  if (needle.empty()) return false;
  const bool check_start = is_word_char(needle.front());
  const bool check_end = mode == MatchMode::Word && is_word_char(needle.back());
  for (std::size_t pos = haystack.find(needle); pos != std::string_view::npos; pos = haystack.find(needle, pos + 1)) {
    const bool starts_word = !check_start || pos == 0 || !is_word_char(haystack[pos - 1]);
    const std::size_t end = pos + needle.size();
    const bool ends_word = !check_end || end == haystack.size() || !is_word_char(haystack[end]);
    if (starts_word && ends_word) return true;
  }
  return false;
}

}  // namespace prhost::sdk::helpers
