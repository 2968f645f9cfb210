// The matching logic behind every default domain classifier. A domain plugin
// supplies only data — its explicit marks and two keyword tables — and gets a
// sdk::DomainClassifier back, so the four domains never duplicate code and a
// new keyword is a one-line table change.
//
// Scoring: each keyword counts once (repeating "memory" five times is not
// five times the evidence). Prose keywords are matched case-insensitively in
// the commit subject, body and HANDOFF.md text; code keywords are matched
// case-sensitively in the added and removed lines of the diff, because code
// is case-sensitive ("NamedTuple" is not "namedtuple").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prhost/sdk/domain.hpp"
#include "prhost/sdk/helpers/explicit_mark.hpp"
#include "prhost/sdk/helpers/text.hpp"

namespace prhost::sdk::helpers {

struct Keyword {
  std::string_view pattern;
  int weight;
  std::string_view reason;  // why this word is evidence, shown to the user
  MatchMode mode = MatchMode::WordPrefix;
};

// Everything one domain classifier needs. Instances live in static storage in
// the plugin (the classifier keeps a pointer to them).
struct DomainKeywords {
  std::string_view domain;
  std::span<const std::string_view> marks;  // lower-case explicit tags, e.g. "mem", "memory"
  std::span<const Keyword> prose;           // subject, body, HANDOFF.md
  std::span<const Keyword> code;            // added and removed diff lines
};

namespace keyword_classifier_detail {

struct Source {
  std::string_view name;
  std::string text;
};

// Adds the weight of every keyword found in any of `sources` (once per
// keyword) and a reason naming where it was found.
inline void score_keywords(std::span<const Keyword> keywords, const std::vector<Source>& sources, bool ignore_case,
                           sdk::DomainVote& vote) {
  for (const Keyword& keyword : keywords) {
    const std::string pattern = ignore_case ? to_lower(keyword.pattern) : std::string(keyword.pattern);
    for (const Source& source : sources) {
      if (!contains_keyword(source.text, pattern, keyword.mode)) continue;
      vote.score += keyword.weight;
      vote.reasons.push_back(std::string(keyword.reason) + " (\"" + std::string(keyword.pattern) + "\" in " +
                             std::string(source.name) + ")");
      break;
    }
  }
}

}  // namespace keyword_classifier_detail

inline sdk::DomainVote classify_change(const DomainKeywords& keywords, const sdk::ChangeFacts& facts) {
  using keyword_classifier_detail::Source;
  sdk::DomainVote vote;
  if (auto reason = explicit_mark_reason(facts, keywords.marks)) {
    vote.explicit_mark = true;
    vote.reasons.push_back(std::move(*reason));
  }
  // Scored even when explicitly marked: the reasons still help a reviewer see
  // what the change does.
  const std::vector<Source> prose{{"commit subject", to_lower(facts.subject)},
                                  {"commit body", to_lower(facts.body)},
                                  {"HANDOFF.md", to_lower(facts.handoff_text)}};
  keyword_classifier_detail::score_keywords(keywords.prose, prose, /*ignore_case=*/true, vote);
  const std::vector<Source> code{{"added code", facts.added_code}, {"removed code", facts.removed_code}};
  keyword_classifier_detail::score_keywords(keywords.code, code, /*ignore_case=*/false, vote);
  return vote;
}

// `keywords` must outlive the classifier (static storage in the plugin).
inline sdk::DomainClassifier make_keyword_classifier(std::string id, const DomainKeywords& keywords) {
  const DomainKeywords* table = &keywords;
  return sdk::DomainClassifier{std::move(id), std::string(keywords.domain),
                               [table](const sdk::ChangeFacts& facts) { return classify_change(*table, facts); }};
}

}  // namespace prhost::sdk::helpers
