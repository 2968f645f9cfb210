// Explicit domain marks: what the author *said* the change is, which wins over
// any keyword score.
//
// Recognised in the commit subject:
//   "mem: stream rows"            a tag before the colon
//   "[mem] stream rows"           leading bracket tags ("[mem][cpu] ...")
//   "perf(mem): stream rows"      a conventional-commit scope
// A conventional-commit scope decides on its own: "perf(mem):" marks mem,
// not cpu, because the scope is the more specific word. "perf(parser):" marks
// nothing (the scope names a code area, not a domain) and is left to the
// keyword score.
// Also recognised: the domain declared in HANDOFF.md / results.tsv, which may
// list several ("mem+cpu", "mem, struct").
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/domain.hpp"
#include "prhost/sdk/helpers/text.hpp"

namespace prhost::sdk::helpers {

namespace explicit_mark_detail {

inline std::vector<std::string> split_tags(std::string_view text) {
  std::vector<std::string> tags;
  std::string current;
  for (char c : text) {
    if (is_word_char(c) || c == '-') {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      tags.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tags.push_back(std::move(current));
  return tags;
}

}  // namespace explicit_mark_detail

// The tags a commit subject declares, lower-cased: its leading "[tag]" groups
// plus the scope (or, without a scope, the type) of a "type(scope)!:" prefix.
inline std::vector<std::string> subject_tags(std::string_view subject) {
  using explicit_mark_detail::split_tags;
  std::vector<std::string> tags;
  std::string_view rest = trim_left(subject);
  while (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) break;
    for (auto& tag : split_tags(rest.substr(1, close - 1))) tags.push_back(std::move(tag));
    rest = trim_left(rest.substr(close + 1));
  }

  std::size_t type_end = 0;
  while (type_end < rest.size() && (is_word_char(rest[type_end]) || rest[type_end] == '-')) ++type_end;
  if (type_end == 0) return tags;
  std::string_view scope;
  std::size_t pos = type_end;
  if (pos < rest.size() && rest[pos] == '(') {
    const auto close = rest.find(')', pos);
    if (close == std::string_view::npos) return tags;
    scope = rest.substr(pos + 1, close - pos - 1);
    pos = close + 1;
  }
  if (pos < rest.size() && rest[pos] == '!') ++pos;
  if (pos >= rest.size() || rest[pos] != ':') return tags;
  for (auto& tag : split_tags(scope.empty() ? rest.substr(0, type_end) : scope)) tags.push_back(std::move(tag));
  return tags;
}

// Why the change is explicitly marked for this domain, or nullopt. `marks`
// are the lower-case tags that name the domain (e.g. "mem", "memory").
inline std::optional<std::string> explicit_mark_reason(const sdk::ChangeFacts& facts,
                                                       std::span<const std::string_view> marks) {
  const auto is_mark = [&](const std::string& tag) {
    return std::find(marks.begin(), marks.end(), std::string_view(tag)) != marks.end();
  };
  for (const auto& tag : subject_tags(facts.subject)) {
    if (is_mark(tag)) return "commit subject is marked \"" + tag + "\"";
  }
  for (const auto& tag : explicit_mark_detail::split_tags(facts.declared_domain)) {
    if (is_mark(tag)) return "declared domain \"" + facts.declared_domain + "\"";
  }
  return std::nullopt;
}

}  // namespace prhost::sdk::helpers
