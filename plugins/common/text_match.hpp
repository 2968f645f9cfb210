// Keyword matching with word boundaries, shared by the domain classifiers.
//
// Plain substring search is too eager for the short words commit messages
// use: "gc" is inside "gcc", "del " inside "model ", "set(" inside "reset(".
// A pattern that starts (or ends) with a word character therefore only
// matches where a word starts (or ends) in the text.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace prhost::plugins::common {

enum class MatchMode {
  WordPrefix,  // starts at a word boundary: "vectoriz" matches "vectorized"
  Word,        // whole word: "gc" matches "gc" but not "gcc"
};

inline bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

inline std::string to_lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

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

}  // namespace prhost::plugins::common
