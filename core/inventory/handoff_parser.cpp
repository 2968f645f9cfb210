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
#include "inventory/handoff_text.hpp"
#include "util/markdown_blocks.hpp"
#include "util/printable.hpp"

namespace prhost::inventory {
namespace {

using namespace handoff;

// Very long lines are cut: no hand-off entry needs more, and the judgement
// below must not run on megabytes.
constexpr std::size_t kMaxLineLength = 2000;

std::string_view cut(std::string_view line) { return line.substr(0, kMaxLineLength); }

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

// The headings and labels above the current line. Each says what the SHAs
// under it are (kept, discarded, other) or says nothing and inherits.
class SectionStack {
 public:
  static constexpr int kLabelLevel = 7;      // "**Kept:**" or "Discarded:" on a line of its own
  static constexpr int kListLabelLevel = 8;  // "- Reverted:" with the items nested under it

  explicit SectionStack(const DomainVocabulary& known) : known_(known) {}

  // Returns whether the section marks commits as kept.
  bool open(int level, std::string title, int item_depth = -1) {
    if (level == kListLabelLevel) {
      close_item(item_depth);  // a sibling list label ends the one before
    } else {
      while (!frames_.empty() && frames_.back().level >= level) frames_.pop_back();
    }
    Frame frame;
    frame.level = level;
    frame.item_depth = item_depth;
    frame.kind = classify_heading(title);
    frame.domains = domains_mentioned(title, known_);
    frame.title = std::move(title);
    frames_.push_back(std::move(frame));
    return frames_.back().kind == SectionKind::Kept;
  }

  // A list label lasts as long as its item.
  void close_item(int item_depth) {
    while (!frames_.empty() && frames_.back().item_depth >= item_depth) frames_.pop_back();
  }

  [[nodiscard]] SectionKind kind() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (it->kind != SectionKind::Neutral) return it->kind;
    }
    return SectionKind::Neutral;
  }

  [[nodiscard]] std::vector<std::string> domains() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (!it->domains.empty()) return it->domains;
    }
    return {};
  }

  [[nodiscard]] std::string title() const { return frames_.empty() ? "" : frames_.back().title; }

 private:
  struct Frame {
    int level = 0;        // 1-6 markdown headings, then the label levels
    int item_depth = -1;  // list labels: the depth of their item
    SectionKind kind = SectionKind::Neutral;
    std::vector<std::string> domains;
    std::string title;
  };
  const DomainVocabulary& known_;
  std::vector<Frame> frames_;
};

// "Discarded: abc1234 ..." / "**Reverted**: abc1234": a label before the
// first SHA that decides for this line alone.
std::optional<SectionKind> inline_label_kind(std::string_view content, std::size_t first_sha) {
  const auto colon = content.find(':');
  if (colon == std::string_view::npos || colon >= first_sha) return std::nullopt;
  const std::string label = strip_markdown(content.substr(0, colon));
  if (label.empty() || label.size() > 40) return std::nullopt;
  const auto kind = classify_heading(label);
  if (kind == SectionKind::Neutral) return std::nullopt;
  return kind;
}

// "**Discarded experiments:**", "Kept:": a line that opens a sub-section.
bool looks_like_label(std::string_view content) {
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

std::string label_title(std::string_view content) {
  std::string title = strip_markdown(content);
  while (!title.empty() && (title.back() == ':' || is_space(title.back()))) title.pop_back();
  return title;
}

bool is_numeric_cell(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '%' || c == '#' || c == '-' ||
           c == '+' || is_space(c);
  });
}

bool has_alnum(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// Applies the judgement to cmark-gfm's blocks: which section a line is in,
// which SHAs it names and what it says about them.
class HandoffWalker : public util::MarkdownBlockVisitor {
 public:
  HandoffWalker(const DomainVocabulary& known, std::string file)
      : known_(known), file_(std::move(file)), sections_(known) {}

  void heading(int level, std::string_view title, int /*line*/) override {
    open_section(level, strip_markdown(cut(title)));
  }

  void item_end(int item_depth) override { sections_.close_item(item_depth); }

  void text_line(const util::MarkdownTextLine& line) override {
    std::string_view content = trim(cut(line.text));
    if (line.opens_item) content = strip_task_box(content);
    const auto tokens = find_sha_tokens(content, false);
    if (!tokens.empty()) {
      sha_line(content, tokens, line);
    } else if (looks_like_label(content)) {
      open_label(content, line);
    } else if (!domain_line(content)) {
      continuation_line(content, line);
    }
  }

  void table_begin() override { columns_ = TableColumns{}; }
  void table_end() override { columns_ = TableColumns{}; }

  void table_row(std::string_view row, int line, bool header) override {
    const auto cells = split_cells(cut(row));
    if (header) {
      columns_ = read_header(cells);
    } else {
      table_entry(cells, line);
    }
  }

  // Inside code blocks only `git log --oneline` shaped lines count.
  void code_line(std::string_view text, int line) override {
    static const RE2 oneline(R"(\*?\s*([0-9a-fA-F]{7,40})\s+(.+))");
    const auto trimmed = trim(cut(text));
    std::string sha;
    std::string rest;
    if (!RE2::FullMatch(re2::StringPiece(trimmed.data(), trimmed.size()), oneline, &sha, &rest)) return;
    std::string description = strip_markdown(rest);
    auto domains = take_domain_tags(description, known_);
    record(lowercase(sha), line, sections_.kind(), std::move(description), std::move(domains));
  }

  void unclosed(std::string_view what, int line, int /*column*/, std::string_view closer) override {
    const bool comment = closer == "-->";
    unclosed_.push_back({file_, line,
                         std::string(what) + " opens here and is never closed, so " +
                             (comment ? "everything after it was ignored" : "the rest of it was read as code") +
                             "; close it with " + std::string(closer)});
  }

  HandoffParse finish() const;

 private:
  void open_section(int level, std::string title, int item_depth = -1) {
    if (sections_.open(level, std::move(title), item_depth)) saw_kept_section_ = true;
    last_mentions_.clear();
    pending_description_.clear();
  }

  void open_label(std::string_view content, const util::MarkdownTextLine& line) {
    if (line.opens_item) {
      open_section(SectionStack::kListLabelLevel, label_title(content), line.item_depth);
    } else {
      open_section(SectionStack::kLabelLevel, label_title(content));
    }
  }

  // "Domain: mem" under an entry applies to it.
  bool domain_line(std::string_view content) {
    if (last_mentions_.empty()) return false;
    std::string text = strip_markdown(content);
    auto domains = take_domain_tags(text, known_);
    if (domains.empty()) return false;
    if (has_alnum(text) && lowercase(content).find("domain") == std::string::npos) return false;
    for (const auto index : last_mentions_) mentions_[index].domains = domains;
    return true;
  }

  // A continuation line (or a nested item) gives a description to entries
  // that had none.
  void continuation_line(std::string_view content, const util::MarkdownTextLine& line) {
    if (!pending_description_.empty() && (!line.opens_item || line.indent > pending_indent_)) {
      std::string description = strip_markdown(content);
      auto domains = take_domain_tags(description, known_);
      for (const auto index : pending_description_) {
        mentions_[index].description = description;
        if (!domains.empty()) mentions_[index].domains = domains;
      }
    }
    pending_description_.clear();
  }

  void sha_line(std::string_view content, const std::vector<ShaToken>& tokens, const util::MarkdownTextLine& line) {
    std::string description = describe_around(content, tokens);
    auto domains = take_domain_tags(description, known_);
    const SectionKind kind = inline_label_kind(content, tokens.front().begin).value_or(sections_.kind());
    last_mentions_.clear();
    pending_description_.clear();
    pending_indent_ = line.indent;
    for (const auto& token : tokens) {
      record(token.sha, line.line, kind, description, domains);
      last_mentions_.push_back(mentions_.size() - 1);
      if (description.empty()) pending_description_.push_back(mentions_.size() - 1);
    }
  }

  void table_entry(const std::vector<std::string>& cells, int line) {
    int sha_cell = columns_.commit;
    std::vector<ShaToken> tokens;
    if (columns_.commit >= 0) {
      tokens = find_sha_tokens(cell(cells, columns_.commit), /*context_is_commit=*/true);
    } else {
      for (int i = 0; i < static_cast<int>(cells.size()) && tokens.empty(); ++i) {
        tokens = find_sha_tokens(cells[static_cast<std::size_t>(i)], false);
        sha_cell = i;
      }
    }
    if (tokens.empty()) return;
    const SectionKind kind = row_kind(cells);
    std::string description = row_description(cells, sha_cell);
    const auto domains = row_domains(cells, description);
    last_mentions_.clear();
    pending_description_.clear();
    for (const auto& token : tokens) {
      record(token.sha, line, kind, description, domains);
      last_mentions_.push_back(mentions_.size() - 1);
    }
  }

  static std::string cell(const std::vector<std::string>& cells, int column) {
    return column >= 0 && column < static_cast<int>(cells.size()) ? cells[static_cast<std::size_t>(column)] : "";
  }

  // A status cell decides for its row; otherwise the section does.
  SectionKind row_kind(const std::vector<std::string>& cells) {
    if (columns_.status < 0) return sections_.kind();
    const auto status = classify_status(strip_markdown(cell(cells, columns_.status)));
    if (status == SectionKind::Kept) saw_kept_section_ = true;
    return status == SectionKind::Neutral ? sections_.kind() : status;
  }

  // The named column, else the longest cell that is not the SHA, a number or a tag.
  [[nodiscard]] std::string row_description(const std::vector<std::string>& cells, int sha_cell) const {
    if (columns_.description >= 0) return strip_markdown(cell(cells, columns_.description));
    std::string description;
    for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
      if (i == sha_cell || i == columns_.domain || i == columns_.status) continue;
      auto text = strip_markdown(cells[static_cast<std::size_t>(i)]);
      if (!is_numeric_cell(text) && text.size() > description.size()) description = std::move(text);
    }
    return description;
  }

  std::vector<std::string> row_domains(const std::vector<std::string>& cells, std::string& description) const {
    auto domains = take_domain_tags(description, known_);
    if (columns_.domain < 0) return domains;
    for (const auto& domain : domains_from_list(strip_markdown(cell(cells, columns_.domain)), known_)) {
      if (std::find(domains.begin(), domains.end(), domain) == domains.end()) domains.push_back(domain);
    }
    std::sort(domains.begin(), domains.end());
    return domains;
  }

  void record(const std::string& sha, int line, SectionKind kind, std::string description,
              std::vector<std::string> domains) {
    if (domains.empty()) domains = sections_.domains();
    mentions_.push_back({sha, line, kind, sections_.title(), std::move(description), std::move(domains)});
  }

  void merge_kept(SectionKind accepted, HandoffParse& result) const;
  void warn_kept_and_discarded(HandoffParse& result) const;

  const DomainVocabulary& known_;
  std::string file_;
  SectionStack sections_;
  std::vector<Mention> mentions_;
  std::vector<std::size_t> last_mentions_;        // entries of the latest line with SHAs
  std::vector<std::size_t> pending_description_;  // entries still without a description
  int pending_indent_ = 0;                        // indentation of their line
  TableColumns columns_;
  std::vector<SourceWarning> unclosed_;
  bool saw_kept_section_ = false;
};

HandoffParse HandoffWalker::finish() const {
  HandoffParse result;
  result.warnings = unclosed_;
  bool any_kept = false;
  for (const auto& mention : mentions_) any_kept = any_kept || mention.kind == SectionKind::Kept;
  result.found_kept_section = saw_kept_section_ || any_kept;
  if (!any_kept && std::any_of(mentions_.begin(), mentions_.end(),
                               [](const Mention& m) { return m.kind == SectionKind::Neutral; })) {
    result.notes.push_back(file_ +
                           " has no section that marks commits as kept (such as \"## Optimizations "
                           "committed\"); the SHAs outside discarded sections were taken as kept");
  }
  for (const auto& mention : mentions_) {
    if (mention.kind == SectionKind::Discarded)
      result.discarded.push_back({mention.sha, mention.line, mention.section});
  }
  merge_kept(any_kept ? SectionKind::Kept : SectionKind::Neutral, result);
  warn_kept_and_discarded(result);
  return result;
}

// A duplicate mention (a summary table and a detailed list, say) keeps the
// first entry and fills what it lacks. An index by SHA keeps this linear
// in the number of mentions: 200k table rows must not cost 200k².
void HandoffWalker::merge_kept(SectionKind accepted, HandoffParse& result) const {
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

void HandoffWalker::warn_kept_and_discarded(HandoffParse& result) const {
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

HandoffParse parse_handoff(std::string_view text, const DomainVocabulary& known_domains,
                           const std::string& file_name) {
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
  util::walk_markdown_blocks(text, walker);
  auto result = walker.finish();
  if (nuls > 0) {
    result.warnings.insert(result.warnings.begin(),
                           {file_name, 0, std::to_string(nuls) + " NUL byte(s) in the file were ignored"});
  }
  for (auto& entry : result.entries) entry.description = util::printable(entry.description);
  return result;
}

}  // namespace prhost::inventory
