#include "inventory/domain_words.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <re2/re2.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "prhost/sdk/domain.hpp"

namespace prhost::inventory {
namespace {

bool is_optimization_word(const std::string& word) {
  return word == "perf" || word == "opt" || word == "optim" || word == "optimize" || word == "optimise" ||
         word == "optimization" || word == "optimisation";
}

}  // namespace

DomainVocabulary::DomainVocabulary(std::vector<std::string> domain_ids) : DomainVocabulary(std::move(domain_ids), {}) {}

DomainVocabulary::DomainVocabulary(std::vector<std::string> domain_ids,
                                   std::map<std::string, std::string> domain_aliases)
    : ids(std::move(domain_ids)), aliases(std::move(domain_aliases)) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::erase_if(aliases, [&](const auto& alias) { return knows(alias.first) || !knows(alias.second); });
}

bool DomainVocabulary::knows(const std::string& id) const { return std::binary_search(ids.begin(), ids.end(), id); }

DomainVocabulary vocabulary_from(const std::vector<sdk::DomainDefinition>& definitions,
                                 const std::vector<std::string>& named_ids) {
  std::vector<std::string> ids = named_ids;
  std::map<std::string, std::string> aliases;
  for (const auto& definition : definitions) {
    ids.push_back(definition.domain);
    for (const auto& alias : definition.aliases) aliases.emplace(sdk::helpers::to_lower(alias), definition.domain);
  }
  return {std::move(ids), std::move(aliases)};
}

std::optional<std::string> domain_from_word(std::string_view word, const DomainVocabulary& known, bool allow_aliases) {
  const std::string lowered = sdk::helpers::to_lower(sdk::helpers::trim(word));
  if (lowered.empty()) return std::nullopt;
  if (known.knows(lowered)) return lowered;
  if (!allow_aliases) return std::nullopt;
  if (auto it = known.aliases.find(lowered); it != known.aliases.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> domains_from_list(std::string_view text, const DomainVocabulary& known, bool allow_aliases) {
  std::string normalized = sdk::helpers::to_lower(sdk::helpers::trim(text));
  // Split on + , / & and the word "and".
  static const RE2 separators(R"(\s*(\+|,|/|&|\band\b)\s*)");
  RE2::GlobalReplace(&normalized, separators, " ");
  std::set<std::string> found;
  std::size_t position = 0;
  while (position < normalized.size()) {
    const auto begin = normalized.find_first_not_of(' ', position);
    if (begin == std::string::npos) break;
    const auto end = normalized.find(' ', begin);
    const auto word = normalized.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    const auto domain = domain_from_word(word, known, allow_aliases);
    if (!domain) return {};
    found.insert(*domain);
    position = end == std::string::npos ? normalized.size() : end;
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> domains_mentioned(std::string_view text, const DomainVocabulary& known) {
  std::set<std::string> found;
  std::string word;
  const auto flush = [&] {
    if (auto domain = domain_from_word(word, known)) found.insert(*domain);
    word.clear();
  };
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return {found.begin(), found.end()};
}

std::optional<SubjectPrefix> parse_subject_prefix(std::string_view subject, const DomainVocabulary& known) {
  // <words>[(<scope>)][!]: <summary>
  static const RE2 shape(R"(\s*([A-Za-z][A-Za-z0-9_+,/& ]{0,40}?)\s*(\([^)]*\))?!?:\s+(\S.*))");
  std::string prefix;
  SubjectPrefix result;
  if (!RE2::FullMatch(re2::StringPiece(subject.data(), subject.size()), shape, &prefix, nullptr, &result.summary)) {
    return std::nullopt;
  }
  if (is_optimization_word(sdk::helpers::to_lower(sdk::helpers::trim(prefix)))) return result;
  result.domains = domains_from_list(prefix, known, /*allow_aliases=*/false);
  if (result.domains.empty()) return std::nullopt;
  return result;
}

std::string join_domains(const std::vector<std::string>& domains) {
  std::string joined;
  for (const auto& domain : domains) joined += (joined.empty() ? "" : "+") + domain;
  return joined;
}

}  // namespace prhost::inventory
