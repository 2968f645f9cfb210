#include "inventory/handoff_parser.hpp"

#include <re2/re2.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "inventory/domain_words.hpp"
#include "util/printable.hpp"

namespace prhost::inventory {
namespace {

// ---------------------------------------------------------------- text helpers

constexpr std::size_t kMaxLineLength = 2000;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view needle) { return haystack.find(needle) != std::string::npos; });
}

int indentation(std::string_view line) {
  int width = 0;
  for (const char c : line) {
    if (c == ' ') {
      ++width;
    } else if (c == '\t') {
      width += 4;
    } else {
      break;
    }
  }
  return width;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
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

// "- ", "* ", "+ ", "1. ", "1) ", "- [x] " at the start of a line.
std::optional<std::size_t> list_marker_length(std::string_view line) {
  static const RE2 marker(R"(^\s*([-*+]|\d{1,3}[.)])\s+(\[[ xX]\]\s+)?)");
  re2::StringPiece input(line.data(), line.size());
  re2::StringPiece whole;
  if (marker.Match(input, 0, input.size(), RE2::ANCHOR_START, &whole, 1)) return whole.size();
  return std::nullopt;
}

bool is_table_row(std::string_view line) { return trim(line).starts_with('|'); }

bool is_table_separator(std::string_view line) {
  const auto trimmed = trim(line);
  if (!trimmed.starts_with('|')) return false;
  return std::all_of(trimmed.begin(), trimmed.end(),
                     [](char c) { return c == '|' || c == '-' || c == ':' || is_space(c); }) &&
         trimmed.find('-') != std::string_view::npos;
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

struct ShaToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string sha;
};

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

// Punctuation between a SHA and its description: "**abc1234**: ",
// "abc1234 — ", "[abc1234](url) - ". Hand-written rather than a regex:
// libstdc++'s regex recurses per character and a long line could exhaust the
// stack.
std::string strip_leading_separators(std::string_view text) {
  static constexpr std::array<std::string_view, 2> kDashes{"—", "–"};
  while (!text.empty()) {
    const char c = text.front();
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

// ---------------------------------------------------------------- the document walk

struct SectionFrame {
  int level = 0;    // 1-6 markdown headings, 7 bold or "Label:" lines, 8+ list labels
  int indent = -1;  // list labels: their indentation; -1 otherwise
  SectionKind kind = SectionKind::Neutral;
  std::vector<std::string> domains;
  std::string title;
};

struct Mention {
  std::string sha;
  int line = 0;
  SectionKind kind = SectionKind::Neutral;
  std::string section;
  std::string description;
  std::vector<std::string> domains;
};

struct TableColumns {
  int commit = -1;
  int description = -1;
  int domain = -1;
  int status = -1;
};

TableColumns read_header(const std::vector<std::string>& cells) {
  TableColumns columns;
  std::vector<std::string> names;
  names.reserve(cells.size());
  for (const auto& cell : cells) names.push_back(lowercase(strip_markdown(cell)));
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    const auto& name = names[static_cast<std::size_t>(i)];
    if (columns.commit < 0 && (contains_any(name, {"commit", "sha", "hash"}) || name == "ref" || name == "rev")) {
      columns.commit = i;
    } else if (columns.domain < 0 && contains_any(name, {"domain", "type", "kind", "category", "area"})) {
      columns.domain = i;
    } else if (columns.status < 0 &&
               contains_any(name, {"status", "result", "outcome", "verdict", "decision", "kept"})) {
      columns.status = i;
    }
  }
  static constexpr std::array<std::string_view, 9> kDescriptionNames{
      "optimization", "optimisation", "description", "summary", "change", "what", "title", "experiment", "name"};
  for (const auto wanted : kDescriptionNames) {
    for (int i = 0; i < static_cast<int>(names.size()) && columns.description < 0; ++i) {
      const auto& name = names[static_cast<std::size_t>(i)];
      if (i == columns.commit || i == columns.domain || i == columns.status) continue;
      if (name.find("file") != std::string::npos) continue;
      if (name.find(wanted) != std::string::npos) columns.description = i;
    }
  }
  return columns;
}

// SHAs as written may be prefixes of one another ("abc1234" and the full
// 40 digits): two are the same commit when one starts with the other.
class ShaIndex {
 public:
  [[nodiscard]] std::optional<std::size_t> find(const std::string& sha) const {
    // An indexed SHA that starts with `sha`...
    if (auto it = by_sha_.lower_bound(sha); it != by_sha_.end() && it->first.starts_with(sha)) return it->second;
    // ...or one that `sha` starts with (at most 34 lookups).
    for (std::size_t length = 7; length < sha.size(); ++length) {
      if (auto it = by_sha_.find(sha.substr(0, length)); it != by_sha_.end()) return it->second;
    }
    return std::nullopt;
  }
  void add(const std::string& sha, std::size_t index) { by_sha_.emplace(sha, index); }
  void rekey(const std::string& from, const std::string& to) {
    const auto it = by_sha_.find(from);
    if (it == by_sha_.end()) return;
    const auto index = it->second;
    by_sha_.erase(it);
    by_sha_.emplace(to, index);
  }

 private:
  std::map<std::string, std::size_t> by_sha_;
};

class HandoffWalker {
 public:
  HandoffWalker(const DomainVocabulary& known, std::string file) : known_(known), file_(std::move(file)) {}

  void walk(const std::vector<std::string_view>& lines) {
    for (std::size_t index = 0; index < lines.size(); ++index) {
      const int number = static_cast<int>(index) + 1;
      // Very long lines are cut: no hand-off entry needs more, and the
      // regexes below must not run on megabytes.
      const std::string_view line = lines[index].substr(0, kMaxLineLength);
      const std::string_view trimmed = trim(line);

      if (skips_comment(lines[index], number) || toggles_fence(trimmed, number)) continue;
      if (in_fence_) {
        fenced_line(trimmed, number);
        continue;
      }
      if (trimmed.empty()) {
        in_table_ = false;
        continue;
      }
      // Setext heading: a text line underlined with === or ---.
      if (index + 1 < lines.size() && !is_table_row(line) && !list_marker_length(line)) {
        const auto underline = trim(lines[index + 1]);
        const bool setext = underline.size() >= 3 &&
                            (std::all_of(underline.begin(), underline.end(), [](char c) { return c == '='; }) ||
                             std::all_of(underline.begin(), underline.end(), [](char c) { return c == '-'; }));
        if (setext && indentation(line) < 4) {
          open_heading(underline.front() == '=' ? 1 : 2, trimmed);
          ++index;
          continue;
        }
      }
      close_list_labels(indentation(line));
      if (auto level = atx_level(trimmed)) {
        std::string_view title = trimmed.substr(static_cast<std::size_t>(*level));
        while (!title.empty() && (title.back() == '#' || is_space(title.back()))) title.remove_suffix(1);
        open_heading(*level, trim(title));
        continue;
      }
      if (is_table_row(line)) {
        table_line(lines, index, number);
        continue;
      }
      in_table_ = false;
      text_line(line, number);
    }
  }

  HandoffParse finish() {
    HandoffParse result;
    warn_unclosed(result);
    bool any_kept = false;
    for (const auto& mention : mentions_) any_kept = any_kept || mention.kind == SectionKind::Kept;
    result.found_kept_section = saw_kept_section_ || any_kept;
    if (!any_kept && std::any_of(mentions_.begin(), mentions_.end(),
                                 [](const Mention& m) { return m.kind == SectionKind::Neutral; })) {
      result.notes.push_back(file_ +
                             " has no section that marks commits as kept (such as \"## Optimizations "
                             "committed\"); the SHAs outside discarded sections were taken as kept");
    }
    const SectionKind accepted = any_kept ? SectionKind::Kept : SectionKind::Neutral;

    for (const auto& mention : mentions_) {
      if (mention.kind == SectionKind::Discarded)
        result.discarded.push_back({mention.sha, mention.line, mention.section});
    }
    merge_kept(accepted, result);
    warn_kept_and_discarded(result);
    return result;
  }

  bool saw_kept_section() const { return saw_kept_section_; }

 private:
  // HTML comments hide what they hold; the search for "-->" reads the whole
  // line, not the cut one.
  bool skips_comment(std::string_view full_line, int number) {
    if (in_comment_) {
      if (full_line.find("-->") != std::string_view::npos) in_comment_ = false;
      return true;
    }
    const auto trimmed = trim(full_line);
    if (!trimmed.starts_with("<!--")) return false;
    if (trimmed.find("-->", 4) == std::string_view::npos) {
      in_comment_ = true;
      comment_line_ = number;
    }
    return true;
  }

  // CommonMark's rule: a fence of three or more ` or ~ closes only with the
  // same character, at least as many of them, and nothing else on the line.
  bool toggles_fence(std::string_view trimmed, int number) {
    if (trimmed.empty() || (trimmed.front() != '`' && trimmed.front() != '~')) return false;
    const char mark = trimmed.front();
    const auto run = std::min(trimmed.find_first_not_of(mark), trimmed.size());
    if (run < 3) return false;
    if (!in_fence_) {
      // An info string of a backtick fence may not hold backticks.
      if (mark == '`' && trimmed.find('`', run) != std::string_view::npos) return false;
      in_fence_ = true;
      fence_mark_ = mark;
      fence_length_ = run;
      fence_line_ = number;
      return true;
    }
    if (mark != fence_mark_ || run < fence_length_ || !trim(trimmed.substr(run)).empty()) return false;
    in_fence_ = false;
    return true;
  }

  void warn_unclosed(HandoffParse& result) const {
    if (in_comment_) {
      result.warnings.push_back({file_, comment_line_,
                                 "an HTML comment (<!--) opens here and is never closed, so everything after it was "
                                 "ignored; close it with -->"});
    }
    if (in_fence_) {
      result.warnings.push_back({file_, fence_line_,
                                 "a code fence opens here and is never closed, so the rest of the file was read as "
                                 "code; close it with " +
                                     std::string(fence_length_, fence_mark_)});
    }
  }

  // A duplicate mention (a summary table and a detailed list, say) keeps the
  // first entry and fills what it lacks. An index by SHA keeps this linear
  // in the number of mentions: 200k table rows must not cost 200k².
  void merge_kept(SectionKind accepted, HandoffParse& result) const {
    ShaIndex index;
    for (const auto& mention : mentions_) {
      if (mention.kind != accepted) continue;
      if (const auto found = index.find(mention.sha)) {
        auto& same = result.entries[*found];
        if (same.description.empty()) same.description = mention.description;
        if (mention.sha.size() > same.sha.size()) {
          index.rekey(same.sha, mention.sha);
          same.sha = mention.sha;
        }
        std::set<std::string> domains(same.declared_domains.begin(), same.declared_domains.end());
        domains.insert(mention.domains.begin(), mention.domains.end());
        same.declared_domains.assign(domains.begin(), domains.end());
        continue;
      }
      index.add(mention.sha, result.entries.size());
      result.entries.push_back({mention.sha, mention.description, mention.line, mention.domains, mention.section});
    }
  }

  void warn_kept_and_discarded(HandoffParse& result) const {
    ShaIndex discarded;
    for (std::size_t i = 0; i < result.discarded.size(); ++i) {
      if (!discarded.find(result.discarded[i].sha)) discarded.add(result.discarded[i].sha, i);
    }
    for (const auto& entry : result.entries) {
      const auto found = discarded.find(entry.sha);
      if (!found) continue;
      const auto& mention = result.discarded[*found];
      result.warnings.push_back({file_, entry.line,
                                 "commit " + entry.sha + " is listed as kept here and also under \"" + mention.section +
                                     "\" (line " + std::to_string(mention.line) +
                                     "); it is kept — remove one of the two mentions if that is wrong"});
    }
  }

  static std::optional<int> atx_level(std::string_view trimmed) {
    int level = 0;
    while (level < static_cast<int>(trimmed.size()) && trimmed[static_cast<std::size_t>(level)] == '#') ++level;
    if (level == 0 || level > 6) return std::nullopt;
    if (static_cast<std::size_t>(level) < trimmed.size() && !is_space(trimmed[static_cast<std::size_t>(level)])) {
      return std::nullopt;  // "#hashtag", not a heading
    }
    return level;
  }

  void open_heading(int level, std::string_view title) {
    while (!sections_.empty() && sections_.back().level >= level) sections_.pop_back();
    push_section(level, -1, strip_markdown(title));
  }

  void push_section(int level, int indent, std::string title) {
    SectionFrame frame;
    frame.level = level;
    frame.indent = indent;
    frame.kind = classify_heading(title);
    frame.domains = domains_mentioned(title, known_);
    frame.title = std::move(title);
    if (frame.kind == SectionKind::Kept) saw_kept_section_ = true;
    sections_.push_back(std::move(frame));
    last_mentions_.clear();
    pending_description_.clear();
    in_table_ = false;
  }

  void close_list_labels(int indent) {
    while (!sections_.empty() && sections_.back().indent >= 0 && indent <= sections_.back().indent)
      sections_.pop_back();
  }

  [[nodiscard]] SectionKind current_kind() const {
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it) {
      if (it->kind != SectionKind::Neutral) return it->kind;
    }
    return SectionKind::Neutral;
  }

  [[nodiscard]] std::vector<std::string> current_domains() const {
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it) {
      if (!it->domains.empty()) return it->domains;
    }
    return {};
  }

  [[nodiscard]] std::string current_title() const { return sections_.empty() ? "" : sections_.back().title; }

  void record(const std::string& sha, int line, SectionKind kind, std::string description,
              std::vector<std::string> domains) {
    if (domains.empty()) domains = current_domains();
    mentions_.push_back({sha, line, kind, current_title(), std::move(description), std::move(domains)});
  }

  // Inside ``` fences only `git log --oneline` shaped lines count.
  void fenced_line(std::string_view trimmed, int number) {
    static const RE2 oneline(R"(\*?\s*([0-9a-fA-F]{7,40})\s+(.+))");
    std::string sha;
    std::string text;
    if (!RE2::FullMatch(re2::StringPiece(trimmed.data(), trimmed.size()), oneline, &sha, &text)) return;
    std::string description = strip_markdown(text);
    auto domains = take_domain_tags(description, known_);
    record(lowercase(sha), number, current_kind(), std::move(description), std::move(domains));
  }

  void table_line(const std::vector<std::string_view>& lines, std::size_t index, int number) {
    const auto line = lines[index].substr(0, kMaxLineLength);
    if (is_table_separator(line)) return;
    const auto cells = split_cells(line);
    const bool header = !in_table_ && index + 1 < lines.size() && is_table_separator(lines[index + 1]);
    if (!in_table_) columns_ = TableColumns{};
    in_table_ = true;
    if (header) {
      columns_ = read_header(cells);
      return;
    }
    const auto cell = [&](int column) -> std::string {
      return column >= 0 && column < static_cast<int>(cells.size()) ? cells[static_cast<std::size_t>(column)] : "";
    };
    std::vector<ShaToken> tokens;
    int sha_cell = columns_.commit;
    if (columns_.commit >= 0) {
      tokens = find_sha_tokens(cell(columns_.commit), /*context_is_commit=*/true);
    } else {
      for (int i = 0; i < static_cast<int>(cells.size()) && tokens.empty(); ++i) {
        tokens = find_sha_tokens(cells[static_cast<std::size_t>(i)], false);
        sha_cell = i;
      }
    }
    if (tokens.empty()) return;

    SectionKind kind = current_kind();
    if (columns_.status >= 0) {
      const auto status = classify_status(strip_markdown(cell(columns_.status)));
      if (status != SectionKind::Neutral) kind = status;
      if (status == SectionKind::Kept) saw_kept_section_ = true;
    }
    std::string description;
    if (columns_.description >= 0) {
      description = strip_markdown(cell(columns_.description));
    } else {
      // No named column: the longest cell that is not the SHA, a number or a tag.
      for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
        if (i == sha_cell || i == columns_.domain || i == columns_.status) continue;
        const auto text = strip_markdown(cells[static_cast<std::size_t>(i)]);
        const bool numeric = std::all_of(text.begin(), text.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '%' || c == '#' || c == '-' ||
                 c == '+' || is_space(c);
        });
        if (!numeric && text.size() > description.size()) description = text;
      }
    }
    auto domains = take_domain_tags(description, known_);
    if (columns_.domain >= 0) {
      for (const auto& domain : domains_from_list(strip_markdown(cell(columns_.domain)), known_)) {
        if (std::find(domains.begin(), domains.end(), domain) == domains.end()) domains.push_back(domain);
      }
      std::sort(domains.begin(), domains.end());
    }
    last_mentions_.clear();
    pending_description_.clear();
    for (const auto& token : tokens) {
      record(token.sha, number, kind, description, domains);
      last_mentions_.push_back(mentions_.size() - 1);
    }
  }

  void text_line(std::string_view line, int number) {
    const auto marker = list_marker_length(line);
    std::string_view content = trim(line.substr(marker.value_or(0)));
    const auto tokens = find_sha_tokens(content, false);

    if (tokens.empty()) {
      // A label that opens a sub-section: "**Discarded experiments:**",
      // "Kept:", "- Reverted:".
      if (looks_like_label(content)) {
        std::string title = strip_markdown(content);
        while (!title.empty() && (title.back() == ':' || is_space(title.back()))) title.pop_back();
        if (marker) {
          push_section(8, indentation(line), title);
        } else {
          while (!sections_.empty() && sections_.back().level >= 7) sections_.pop_back();
          push_section(7, -1, title);
        }
        return;
      }
      // "Domain: mem" under an entry applies to it.
      std::string text = strip_markdown(content);
      if (!last_mentions_.empty()) {
        auto domains = take_domain_tags(text, known_);
        const bool only_a_tag = std::none_of(text.begin(), text.end(),
                                             [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
        if (!domains.empty() && (only_a_tag || lowercase(content).find("domain") != std::string::npos)) {
          for (const auto index : last_mentions_) mentions_[index].domains = domains;
          return;
        }
      }
      // A continuation line gives a description to entries that had none.
      if (!pending_description_.empty() && (!marker || indentation(line) > pending_indent_)) {
        std::string description = strip_markdown(content);
        auto domains = take_domain_tags(description, known_);
        for (const auto index : pending_description_) {
          mentions_[index].description = description;
          if (!domains.empty()) mentions_[index].domains = domains;
        }
      }
      pending_description_.clear();
      return;
    }

    std::string description = describe_around(content, tokens);
    auto domains = take_domain_tags(description, known_);
    const SectionKind kind = inline_label_kind(content, tokens.front().begin).value_or(current_kind());
    last_mentions_.clear();
    pending_description_.clear();
    pending_indent_ = indentation(line);
    for (const auto& token : tokens) {
      record(token.sha, number, kind, description, domains);
      last_mentions_.push_back(mentions_.size() - 1);
      if (description.empty()) pending_description_.push_back(mentions_.size() - 1);
    }
  }

  // "Discarded: abc1234 ..." / "**Reverted**: abc1234": a label before the
  // first SHA that decides for this line alone.
  static std::optional<SectionKind> inline_label_kind(std::string_view content, std::size_t first_sha) {
    const auto colon = content.find(':');
    if (colon == std::string_view::npos || colon >= first_sha) return std::nullopt;
    const std::string label = strip_markdown(content.substr(0, colon));
    if (label.empty() || label.size() > 40) return std::nullopt;
    const auto kind = classify_heading(label);
    if (kind == SectionKind::Neutral) return std::nullopt;
    return kind;
  }

  static bool looks_like_label(std::string_view content) {
    if (content.size() > 80) return false;
    const std::string text = strip_markdown(content);
    if (text.empty()) return false;
    const bool bold_line = (content.starts_with("**") && (content.ends_with("**") || content.ends_with("**:"))) ||
                           (content.starts_with("__") && (content.ends_with("__") || content.ends_with("__:")));
    const bool colon_line = text.back() == ':' && text.find(':') == text.size() - 1;
    if (!bold_line && !colon_line) return false;
    // Only a label when it says something about what follows.
    return classify_heading(text) != SectionKind::Neutral;
  }

  const DomainVocabulary& known_;
  std::string file_;
  std::vector<SectionFrame> sections_;
  std::vector<Mention> mentions_;
  std::vector<std::size_t> last_mentions_;        // entries of the latest line with SHAs
  std::vector<std::size_t> pending_description_;  // entries still without a description
  int pending_indent_ = 0;                        // indentation of their line
  TableColumns columns_;
  bool in_table_ = false;
  bool in_fence_ = false;
  char fence_mark_ = '`';
  std::size_t fence_length_ = 0;
  int fence_line_ = 0;
  bool in_comment_ = false;
  int comment_line_ = 0;
  bool saw_kept_section_ = false;
};

// A file that is empty, binary or has nothing to read gets one clear
// warning instead of a silent empty inventory.
std::optional<HandoffParse> refuse_unreadable(std::string_view text, const std::string& file_name) {
  HandoffParse refused;
  if (trim(text).empty()) {
    refused.warnings.push_back({file_name, 0,
                                "is empty; write the kept optimizations under \"## Optimizations "
                                "committed\" (one SHA and description per line)"});
    return refused;
  }
  const auto head = text.substr(0, 8192);
  const auto nuls = std::count(head.begin(), head.end(), '\0');
  if (nuls * 100 > static_cast<long>(head.size())) {
    refused.warnings.push_back({file_name, 0, "looks like a binary file (NUL bytes), not markdown; it was not read"});
    return refused;
  }
  return std::nullopt;
}

}  // namespace

SectionKind classify_heading(std::string_view heading) {
  const std::string text = lowercase(heading);
  // Order matters: "Discarded optimizations" and "Optimization ideas" name
  // optimizations but are not kept ones.
  if (contains_any(text, {"discard",      "reject",        "revert",         "abandon",     "fail",      "dropped",
                          "not kept",     "not committed", "not merged",     "uncommitted", "didn't",    "didn\u2019t",
                          "did not",      "didnt",         "no improvement", "no gain",     "no effect", "regress",
                          "unsuccessful", "negative",      "ruled out",      "rolled back", "dead end",  "slower"})) {
    return SectionKind::Discarded;
  }
  if (contains_any(
          text, {"next step",      "todo",         "to do",          "to-do",         "idea",         "future",
                 "open question",  "remaining",    "not yet",        "pending",       "candidate",    "backlog",
                 "follow-up",      "follow up",    "blocked",        "in progress",   "untested",     "to try",
                 "to investigate", "baseline",     "files modified", "files changed", "file changes", "modified files",
                 "changed files",  "touched files"})) {
    return SectionKind::Other;
  }
  // A document title ("# Optimization hand-off") says nothing about the
  // SHAs under it.
  if (contains_any(text, {"hand-off", "handoff", "hand off"})) return SectionKind::Neutral;
  // Plural only: "Optimizations" lists them, "Optimization notes" does not.
  if (contains_any(text, {"committed", "kept", "keep", "landed", "merged", "applied", "shipped", "optimizations",
                          "optimisations", "improvements", "wins", "successful", "accepted", "done", "completed",
                          "changes made", "commits"})) {
    return SectionKind::Kept;
  }
  return SectionKind::Neutral;
}

HandoffParse parse_handoff(std::string_view text, const DomainVocabulary& known_domains, const std::string& file_name) {
  // Editors on Windows may start the file with a byte-order mark.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (auto refused = refuse_unreadable(text, file_name)) return *refused;
  // NUL bytes never reach a description (nor the JSON made from it).
  std::string cleaned;
  const auto nuls = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'));
  if (nuls > 0) {
    cleaned.reserve(text.size() - nuls);
    std::copy_if(text.begin(), text.end(), std::back_inserter(cleaned), [](char c) { return c != '\0'; });
    text = cleaned;
  }
  HandoffWalker walker(known_domains, file_name);
  walker.walk(split_lines(text));
  auto result = walker.finish();
  if (nuls > 0) {
    result.warnings.insert(result.warnings.begin(),
                           {file_name, 0, std::to_string(nuls) + " NUL byte(s) in the file were ignored"});
  }
  for (auto& entry : result.entries) entry.description = util::printable(entry.description);
  return result;
}

}  // namespace prhost::inventory
