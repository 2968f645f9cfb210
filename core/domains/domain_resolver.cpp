#include "domains/domain_resolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "plugin_host/guarded_call.hpp"

namespace prhost::domains {

namespace {
constexpr int kHeuristicThreshold = 2;
}

std::vector<std::string> resolve_domains(const plugin_host::PluginRegistry& registry, const sdk::ChangeFacts& facts,
                                         std::vector<std::string>* reasons) {
  std::set<std::string> explicit_domains;
  std::map<std::string, int> scores;
  std::map<std::string, std::vector<std::string>> why;
  for (const auto& entry : registry.classifiers) {
    sdk::DomainVote vote;
    try {
      vote =
          plugin_host::guarded_call(entry.origin, "classifying a change", [&] { return entry.value.classify(facts); });
    } catch (const plugin_host::PluginCallError& error) {
      if (reasons != nullptr) reasons->push_back(error.what());
      continue;
    }
    const auto& domain = entry.value.domain;
    if (vote.explicit_mark) explicit_domains.insert(domain);
    scores[domain] += vote.score;
    for (auto& reason : vote.reasons) why[domain].push_back(std::move(reason));
  }

  std::vector<std::string> domains;
  if (!explicit_domains.empty()) {
    domains.assign(explicit_domains.begin(), explicit_domains.end());
  } else {
    for (const auto& [domain, score] : scores) {
      if (score >= kHeuristicThreshold) domains.push_back(domain);
    }
  }
  if (reasons != nullptr) {
    for (const auto& domain : domains) {
      for (const auto& reason : why[domain]) reasons->push_back(fmt::format("{}: {}", domain, reason));
    }
  }
  return domains;
}

ResolvedFlags resolve_flags(const plugin_host::PluginRegistry& registry, const std::vector<std::string>& domains) {
  ResolvedFlags resolved;
  for (const auto& domain : domains) {
    for (const auto* policy : registry.policies_for(domain)) {
      resolved.policy_ids.push_back(policy->id);
      resolved.flags.memory = resolved.flags.memory || policy->flags.memory;
      resolved.flags.instructions = resolved.flags.instructions || policy->flags.instructions;
      if (policy->flags.timeout_seconds) {
        resolved.flags.timeout_seconds =
            std::max(resolved.flags.timeout_seconds.value_or(0), *policy->flags.timeout_seconds);
      }
    }
  }
  return resolved;
}

std::string flags_text(const sdk::CompareFlags& flags) {
  std::string text;
  if (flags.memory) text += "--memory";
  if (flags.timeout_seconds) {
    if (!text.empty()) text += ' ';
    text += "--timeout " + std::to_string(*flags.timeout_seconds);
  }
  if (flags.instructions) text += std::string(text.empty() ? "" : " ") + "--metric both";
  return text;
}

}  // namespace prhost::domains
