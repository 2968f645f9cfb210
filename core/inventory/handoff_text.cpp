#include "inventory/handoff_text.hpp"

#include <re2/re2.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "inventory/domain_words.hpp"

namespace prhost::inventory::handoff {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view needle) { return haystack.find(needle) != std::string::npos; });
}

// The length of a Python dunder name (`__getitem__`, `__init__`) starting at
// `at`, else 0. Identifiers win over emphasis: `__x__` around one word is a
// name far more often than bold in an optimization's description, and
// stripping it would turn `__getitem__` into `getitem`.
std::size_t dunder_length(std::string_view text, std::size_t at) {
  if (at > 0 && is_word(text[at - 1])) return 0;
  std::size_t end = at + 2;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 ||
                               (text[end] == '_' && !(end + 1 < text.size() && text[end + 1] == '_'))))
    ++end;
  if (end == at + 2 || text.compare(end, 2, "__") != 0) return 0;
  if (end + 2 < text.size() && is_word(text[end + 2])) return 0;
  return end + 2 - at;
}

// Markdown emphasis, code spans, links and images down to their text. Code
// spans keep their content verbatim (`__init__` stays `__init__`).
std::string strip_markdown(std::string_view text) {
  static const RE2 image(R"(!\[([^\]]*)\]\([^)]*\))");
  static const RE2 link(R"(\[([^\]]*)\]\([^)]*\))");
  static const RE2 html_tag(R"(</?[A-Za-z][^>]*>)");
  std::string out(text);
  RE2::GlobalReplace(&out, image, "\\1");
  RE2::GlobalReplace(&out, link, "\\1");
  RE2::GlobalReplace(&out, html_tag, "");
  std::string cleaned;
  cleaned.reserve(out.size());
  bool in_code = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == '`') {
      in_code = !in_code;
      continue;
    }
    if (!in_code) {
      if (c == '*') continue;
      // "__bold__" markers sit at a word boundary; "snake__case" does not.
      if (c == '_' && i + 1 < out.size() && out[i + 1] == '_') {
        if (const auto dunder = dunder_length(out, i); dunder > 0) {
          cleaned.append(out, i, dunder);
          i += dunder - 1;
          continue;
        }
        const bool opens = i == 0 || !is_word(out[i - 1]);
        const bool closes = i + 2 >= out.size() || !is_word(out[i + 2]);
        if (opens != closes) {
          ++i;
          continue;
        }
      }
    }
    cleaned.push_back(c);
  }
  std::string collapsed;
  for (const char c : cleaned) {
    if (is_space(c)) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
    } else {
      collapsed.push_back(c);
    }
  }
  return std::string(trim(collapsed));
}

// "[x] " or "[ ] " that makes a list item a task.
std::string_view strip_task_box(std::string_view text) {
  if (text.size() >= 4 && text[0] == '[' && (text[1] == ' ' || text[1] == 'x' || text[1] == 'X') && text[2] == ']' &&
      is_space(text[3])) {
    return trim(text.substr(4));
  }
  return text;
}

std::vector<std::string> split_cells(std::string_view row) {
  auto trimmed = trim(row);
  if (trimmed.starts_with('|')) trimmed.remove_prefix(1);
  if (trimmed.ends_with('|') && !trimmed.ends_with("\\|")) trimmed.remove_suffix(1);
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    if (trimmed[i] == '\\' && i + 1 < trimmed.size() && trimmed[i + 1] == '|') {
      cell.push_back('|');
      ++i;
    } else if (trimmed[i] == '|') {
      cells.emplace_back(trim(cell));
      cell.clear();
    } else {
      cell.push_back(trimmed[i]);
    }
  }
  cells.emplace_back(trim(cell));
  return cells;
}

// ---------------------------------------------------------------- classification

SectionKind classify_status(std::string_view cell) {
  const std::string text = lowercase(cell);
  if (contains_any(text, {"discard", "reject", "revert", "abandon", "fail", "drop", "not kept", "no improvement",
                          "regress", "slower", "\u274c", "\u2717", "\u2718"})) {
    return SectionKind::Discarded;
  }
  if (contains_any(text, {"keep", "kept", "commit", "merged", "landed", "applied", "accepted", "shipped", "\u2705",
                          "\u2713", "\u2714"})) {
    return SectionKind::Kept;
  }
  if (contains_any(text, {"pending", "todo", "in progress", "untested", "idea", "skipped"})) return SectionKind::Other;
  return SectionKind::Neutral;
}

// ---------------------------------------------------------------- SHA tokens

namespace {

bool has_digit_and_letter(std::string_view token) {
  const bool digit =
      std::any_of(token.begin(), token.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  const bool letter =
      std::any_of(token.begin(), token.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  return digit && letter;
}

// Written in a way that says "this is a commit": first on its line, in a
// code span, bold, a link text, or after the word commit/sha/hash.
bool in_commit_context(std::string_view text, std::size_t begin) {
  // First word of a list item or line: "- 0404292 stream rows".
  const auto prefix = text.substr(0, begin);
  if (std::all_of(prefix.begin(), prefix.end(),
                  [](char c) { return is_space(c) || c == '*' || c == '_' || c == '`' || c == '[' || c == '('; })) {
    return true;
  }
  if (begin > 0) {
    const char before = text[begin - 1];
    if (before == '`' || before == '*' || before == '_' || before == '[' || before == '@') return true;
  }
  const std::size_t from = begin >= 12 ? begin - 12 : 0;
  const std::string window = lowercase(text.substr(from, begin - from));
  return contains_any(window, {"commit", "sha", "hash"});
}

}  // namespace

// Hex runs of 7..40 characters that stand alone as a word. A bare run must
// mix digits and letters ("deadbeef" or "20240115" are words and dates more
// often than SHAs) unless its context says it is a commit.
std::vector<ShaToken> find_sha_tokens(std::string_view text, bool context_is_commit) {
  std::vector<ShaToken> tokens;
  std::set<std::string> seen;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_word(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    const bool all_hex = std::all_of(word.begin(), word.end(), is_hex);
    // Pieces of a UUID or of "abc-def" identifiers are not SHAs.
    const bool dashed = (i >= 2 && text[i - 1] == '-' && is_word(text[i - 2])) ||
                        (end + 1 < text.size() && text[end] == '-' && is_word(text[end + 1]));
    // 0x-prefixed numbers are addresses, not SHAs ("0x7fff..." is one word, so
    // only a run right after "0x" matters).
    if (all_hex && !dashed && word.size() >= 7 && word.size() <= 40) {
      if (context_is_commit || has_digit_and_letter(word) || in_commit_context(text, i)) {
        std::string sha = lowercase(word);
        if (seen.insert(sha).second) tokens.push_back({i, end, std::move(sha)});
      }
    }
    i = end;
  }
  return tokens;
}

// ---------------------------------------------------------------- descriptions and domains

namespace {

// Punctuation between a SHA and its description: "**abc1234**: ",
// "abc1234 — ", "[abc1234](url) - ". Hand-written rather than a regex:
// libstdc++'s regex recurses per character and a long line could exhaust the
// stack.
std::string strip_leading_separators(std::string_view text) {
  static constexpr std::array<std::string_view, 2> kDashes{"—", "–"};
  while (!text.empty()) {
    const char c = text.front();
    if (c == '_' && dunder_length(text, 0) > 0) break;  // "__getitem__ is faster": a name, not a marker
    if (is_space(c) || c == '*' || c == '_' || c == '`' || c == ']' || c == ')' || c == ':' || c == ';' || c == ',' ||
        c == '.' || c == '-') {
      text.remove_prefix(1);
      continue;
    }
    if (c == '(' && text.find("://") != std::string_view::npos) {
      // A link target right after the SHA: "[abc1234](https://...)".
      const auto close = text.find(')');
      const auto scheme = text.find("://");
      if (close != std::string_view::npos && scheme < close &&
          text.substr(1, close).find(' ') == std::string_view::npos) {
        text.remove_prefix(close + 1);
        continue;
      }
    }
    bool dash = false;
    for (const auto candidate : kDashes) {
      if (text.starts_with(candidate)) {
        text.remove_prefix(candidate.size());
        dash = true;
      }
    }
    if (!dash) break;
  }
  return std::string(text);
}

// Punctuation and filler words between a description and the SHA after it:
// "Stream rows (commit ", "Reuse buffers, see ".
std::string strip_trailing_separators(std::string_view text) {
  static constexpr std::array<std::string_view, 2> kDashes{"—", "–"};
  static constexpr std::array<std::string_view, 8> kFiller{"commits", "commit", "sha", "hash", "in", "at", "see", "in"};
  while (!text.empty()) {
    const char c = text.back();
    if (is_space(c) || c == '*' || c == '_' || c == '`' || c == '[' || c == '(' || c == ':' || c == ';' || c == ',' ||
        c == '-') {
      text.remove_suffix(1);
      continue;
    }
    bool removed = false;
    for (const auto dash : kDashes) {
      if (text.ends_with(dash)) {
        text.remove_suffix(dash.size());
        removed = true;
      }
    }
    if (!removed) {
      for (const auto word : kFiller) {
        if (text.size() < word.size()) continue;
        const auto tail = text.substr(text.size() - word.size());
        const bool at_word_start = text.size() == word.size() || !is_word(text[text.size() - word.size() - 1]);
        if (at_word_start && lowercase(tail) == word) {
          text.remove_suffix(word.size());
          removed = true;
          break;
        }
      }
    }
    if (!removed) break;
  }
  return std::string(text);
}

}  // namespace

// Removes domain tags from a description and returns the domains they name:
// a leading "mem: " / "mem+cpu: ", a "[mem]" or "(mem)" tag, "Domain: mem".
std::vector<std::string> take_domain_tags(std::string& description, const DomainVocabulary& known) {
  std::set<std::string> found;
  const auto add = [&](const std::vector<std::string>& domains) { found.insert(domains.begin(), domains.end()); };

  static const RE2 leading_prefix(R"(^\s*([A-Za-z][A-Za-z+,/& ]{0,30}?)\s*:\s+)");
  re2::StringPiece groups[2];
  if (leading_prefix.Match(description, 0, description.size(), RE2::ANCHOR_START, groups, 2)) {
    if (auto domains = domains_from_list(std::string(groups[1]), known); !domains.empty()) {
      add(domains);
      description = description.substr(groups[0].size());
    }
  }
  static const RE2 tag(R"(\s*[\[(]\s*([A-Za-z][A-Za-z+,/& ]{0,30}?)\s*[\])])");
  std::string rest;
  std::size_t begin = 0;
  while (begin < description.size() && tag.Match(description, begin, description.size(), RE2::UNANCHORED, groups, 2)) {
    const auto position = static_cast<std::size_t>(groups[0].data() - description.data());
    const auto domains = domains_from_list(std::string(groups[1]), known);
    rest.append(description, begin, position - begin);
    if (domains.empty()) {
      rest.append(groups[0].data(), groups[0].size());
    } else {
      add(domains);
    }
    begin = position + std::max<std::size_t>(groups[0].size(), 1);
  }
  if (begin < description.size()) rest.append(description, begin, std::string::npos);
  description = rest;

  static const RE2 labelled(
      R"([,;(]?\s*\b[Dd]omains?\s*[:=]\s*([A-Za-z][A-Za-z+/& ]*(,\s*[A-Za-z][A-Za-z+/& ]*)*)\)?)");
  if (labelled.Match(description, 0, description.size(), RE2::UNANCHORED, groups, 2)) {
    // "Domain: mem, cpu — notes": take the longest run of domain words.
    const auto position = static_cast<std::size_t>(groups[0].data() - description.data());
    const std::string prefix = description.substr(0, position);
    const std::string suffix = description.substr(position + groups[0].size());
    std::string words(groups[1]);
    std::vector<std::string> domains;
    while (!words.empty()) {
      domains = domains_from_list(words, known);
      if (!domains.empty()) break;
      const auto cut = words.find_last_of(" ,/+&");
      words = cut == std::string::npos ? "" : words.substr(0, cut);
    }
    if (!domains.empty()) {
      add(domains);
      description = prefix + suffix;
    }
  }
  // What a removed tag leaves behind: "Cache regex — " -> "Cache regex".
  while (!description.empty()) {
    const auto size = description.size();
    if (description.ends_with("—") || description.ends_with("–"))
      description.resize(size - 3);
    else if (is_space(description.back()) || description.back() == '-' || description.back() == ',' ||
             description.back() == ';' || description.back() == ':')
      description.pop_back();
    else
      break;
  }
  description = std::string(trim(description));
  return {found.begin(), found.end()};
}

// The description of the SHA(s) on one list item or paragraph line: the text
// after the last SHA, else the text before the first one.
std::string describe_around(std::string_view content, const std::vector<ShaToken>& tokens) {
  std::string after = strip_markdown(strip_leading_separators(std::string(content.substr(tokens.back().end))));
  after = std::string(trim(strip_leading_separators(after)));
  if (std::any_of(after.begin(), after.end(),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
    return after;
  }
  std::string before = strip_trailing_separators(std::string(content.substr(0, tokens.front().begin)));
  before = strip_markdown(before);
  before = strip_trailing_separators(before);
  if (std::any_of(before.begin(), before.end(),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
    return std::string(trim(before));
  }
  return {};
}

}  // namespace prhost::inventory::handoff
