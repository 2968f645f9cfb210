// Recognizes domain names where people write them: a commit subject prefix
// (`mem: ...`, `mem+cpu: ...`), a HANDOFF.md tag (`[mem]`, `Domain: cpu`), a
// table cell, a heading ("Memory optimizations"). Core knows no domain name:
// the ids and their aliases come from the loaded plugins (sdk::DomainDefinition).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::sdk {
struct DomainDefinition;
}

namespace prhost::inventory {

// The domain words of one run: every domain id a plugin defined or named, and
// the aliases the defining plugins gave (lower-case word -> id).
struct DomainVocabulary {
  std::vector<std::string> ids;  // sorted, unique
  std::map<std::string, std::string> aliases;

  DomainVocabulary() = default;
  // Ids only, no aliases (a plain list of domains).
  DomainVocabulary(std::vector<std::string> domain_ids);  // NOLINT(google-explicit-constructor)
  DomainVocabulary(std::vector<std::string> domain_ids, std::map<std::string, std::string> domain_aliases);

  [[nodiscard]] bool knows(const std::string& id) const;
};

// The vocabulary of `definitions` plus `named_ids` (domains a classifier or a
// flag policy names without a definition). An alias that names an unknown
// domain, or that is itself an id, is ignored.
DomainVocabulary vocabulary_from(const std::vector<sdk::DomainDefinition>& definitions,
                                 const std::vector<std::string>& named_ids);

// "memory" -> "mem" (when "mem" is known), "CPU" -> "cpu", a known id -> itself.
// Without `allow_aliases` only the ids themselves match.
std::optional<std::string> domain_from_word(std::string_view word, const DomainVocabulary& known,
                                            bool allow_aliases = true);

// "mem+cpu", "mem, cpu", "mem/cpu", "memory and cpu" -> {"cpu", "mem"}
// (sorted, unique). Empty when any word is not a domain.
std::vector<std::string> domains_from_list(std::string_view text, const DomainVocabulary& known,
                                           bool allow_aliases = true);

// Every domain word that appears as a whole word in free text (for headings).
std::vector<std::string> domains_mentioned(std::string_view text, const DomainVocabulary& known);

// A commit subject shaped `<domain>: <summary>` (or `<domain>(<scope>): `),
// where <domain> is a domain id exactly: "runtime: fix ..." is not a cpu change.
// `perf:` / `opt:` mark an optimization whose domain the classifiers decide.
struct SubjectPrefix {
  std::vector<std::string> domains;  // empty for perf:/opt:
  std::string summary;
};
std::optional<SubjectPrefix> parse_subject_prefix(std::string_view subject, const DomainVocabulary& known);

// "cpu+mem" for display and for ChangeFacts.declared_domain.
std::string join_domains(const std::vector<std::string>& domains);

}  // namespace prhost::inventory
