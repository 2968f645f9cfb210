#include "inventory/domain_words.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <re2/re2.h>
#include <set>

namespace prhost::inventory {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
  return text;
}

// Common spellings of the default domains. An alias only applies when its
// target is a known domain, so a project without the async plugin never
// gets "async" from the word "asyncio".
const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> table{
      {"memory", "mem"},        {"ram", "mem"},           {"cpu", "cpu"},         {"speed", "cpu"},
      {"runtime", "cpu"},       {"latency", "cpu"},       {"throughput", "cpu"},  {"asyncio", "async"},
      {"concurrency", "async"}, {"structural", "struct"}, {"structure", "struct"}};
  return table;
}

bool is_optimization_word(const std::string& word) {
  return word == "perf" || word == "opt" || word == "optim" || word == "optimize" || word == "optimise" ||
         word == "optimization" || word == "optimisation";
}

}  // namespace

const std::vector<std::string>& default_domains() {
  static const std::vector<std::string> domains{"async", "cpu", "mem", "struct"};
  return domains;
}

std::optional<std::string> domain_from_word(std::string_view word, const std::vector<std::string>& known,
                                            bool allow_aliases) {
  const std::string lowered = lowercase(trim(word));
  if (lowered.empty()) return std::nullopt;
  const auto& domains = known.empty() ? default_domains() : known;
  if (std::find(domains.begin(), domains.end(), lowered) != domains.end()) return lowered;
  if (!allow_aliases) return std::nullopt;
  if (auto it = aliases().find(lowered); it != aliases().end()) {
    if (std::find(domains.begin(), domains.end(), it->second) != domains.end()) return it->second;
  }
  return std::nullopt;
}

std::vector<std::string> domains_from_list(std::string_view text, const std::vector<std::string>& known,
                                           bool allow_aliases) {
  std::string normalized = lowercase(trim(text));
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

std::vector<std::string> domains_mentioned(std::string_view text, const std::vector<std::string>& known) {
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

std::optional<SubjectPrefix> parse_subject_prefix(std::string_view subject, const std::vector<std::string>& known) {
  // <words>[(<scope>)][!]: <summary>
  static const RE2 shape(R"(\s*([A-Za-z][A-Za-z0-9_+,/& ]{0,40}?)\s*(\([^)]*\))?!?:\s+(\S.*))");
  std::string prefix;
  SubjectPrefix result;
  if (!RE2::FullMatch(re2::StringPiece(subject.data(), subject.size()), shape, &prefix, nullptr, &result.summary)) {
    return std::nullopt;
  }
  if (is_optimization_word(lowercase(trim(prefix)))) return result;
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
