#include "domain-struct/struct_module.hpp"

namespace prhost::plugins::structure {

sdk::CompareFlagPolicy make_compare_flag_policy() {
  return sdk::CompareFlagPolicy{
      "struct.compare-flags", "struct", sdk::CompareFlags{.memory = true, .timeout_seconds = 120},
      "a data-structure change (__slots__, dataclass, tuples) moves both per-instance memory and attribute "
      "access time, so compare measures both: --memory --timeout 120"};
}

// The domain's name and the words HANDOFF.md tags and headings use for it;
// core recognises domains only through these.
sdk::DomainDefinition make_domain_definition() {
  return sdk::DomainDefinition{"struct.domain",
                               "struct",
                               {"structural", "structure"},
                               "data-layout changes: __slots__, dataclass slots, NamedTuple, field types"};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_domain(make_domain_definition());
  registry.add_compare_flag_policy(make_compare_flag_policy());
  registry.add_domain_classifier(make_classifier());
  registry.add_benchmark_generator(make_benchmark_generator());
}

}  // namespace prhost::plugins::structure
