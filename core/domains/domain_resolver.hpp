// Turns classifier votes into a change's domains, and domains into compare
// flags. Core knows no domain by name: both steps only read what plugins
// registered.
#pragma once

#include <string>
#include <vector>

#include "plugin_host/plugin_registry.hpp"
#include "prhost/sdk/domain.hpp"

namespace prhost::domains {

// Domains of a change, sorted. Explicit marks (a `mem:` prefix, a domain
// declared in HANDOFF.md) win over heuristics; otherwise every domain whose
// classifier scores >= 2. Empty when nothing matched. `reasons` (optional)
// receives "domain: reason" lines. A classifier that throws is skipped and
// its failure is added to `reasons`.
std::vector<std::string> resolve_domains(const plugin_host::PluginRegistry& registry, const sdk::ChangeFacts& facts,
                                         std::vector<std::string>* reasons = nullptr);

struct ResolvedFlags {
  sdk::CompareFlags flags;
  std::vector<std::string> policy_ids;  // which policies contributed
};

// Union of the policies of all `domains`: memory if any policy wants it, the
// largest timeout any policy sets (none if none sets one).
ResolvedFlags resolve_flags(const plugin_host::PluginRegistry& registry, const std::vector<std::string>& domains);

// "--memory --timeout 120" (empty when no flag applies).
std::string flags_text(const sdk::CompareFlags& flags);

}  // namespace prhost::domains
