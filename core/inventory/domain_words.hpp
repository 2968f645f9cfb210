// Recognizes domain names where people write them: a commit subject prefix
// (`mem: ...`, `mem+cpu: ...`), a HANDOFF.md tag (`[mem]`, `Domain: cpu`), a
// table cell, a heading ("Memory optimizations"). The domain ids themselves
// come from the loaded plugins; only a few common spellings are aliased.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::inventory {

// The domains the default plugins define; used when no plugin registered any.
const std::vector<std::string>& default_domains();

// "memory" -> "mem" (when "mem" is known), "CPU" -> "cpu", a known id -> itself.
// Without `allow_aliases` only the ids themselves match.
std::optional<std::string> domain_from_word(std::string_view word, const std::vector<std::string>& known,
                                            bool allow_aliases = true);

// "mem+cpu", "mem, cpu", "mem/cpu", "memory and cpu" -> {"cpu", "mem"}
// (sorted, unique). Empty when any word is not a domain.
std::vector<std::string> domains_from_list(std::string_view text, const std::vector<std::string>& known,
                                           bool allow_aliases = true);

// Every domain word that appears as a whole word in free text (for headings).
std::vector<std::string> domains_mentioned(std::string_view text, const std::vector<std::string>& known);

// A commit subject shaped `<domain>: <summary>` (or `<domain>(<scope>): `),
// where <domain> is a domain id exactly: "runtime: fix ..." is not a cpu change.
// `perf:` / `opt:` mark an optimization whose domain the classifiers decide.
struct SubjectPrefix {
  std::vector<std::string> domains;  // empty for perf:/opt:
  std::string summary;
};
std::optional<SubjectPrefix> parse_subject_prefix(std::string_view subject, const std::vector<std::string>& known);

// "cpu+mem" for display and for ChangeFacts.declared_domain.
std::string join_domains(const std::vector<std::string>& domains);

}  // namespace prhost::inventory
