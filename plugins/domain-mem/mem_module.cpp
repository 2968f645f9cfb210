#include "domain-mem/mem_module.hpp"

namespace prhost::plugins::mem {

sdk::CompareFlagPolicy make_compare_flag_policy() {
  return sdk::CompareFlagPolicy{
      "mem.compare-flags", "mem", sdk::CompareFlags{.memory = true, .timeout_seconds = std::nullopt},
      "peak memory is the metric, so compare profiles with memray (--memory); no --timeout, because a memory "
      "run is slower than a timing run and a timeout would cut it off before the peak is measured"};
}

// The domain's name and the words HANDOFF.md tags and headings use for it;
// core recognises domains only through these.
sdk::DomainDefinition make_domain_definition() {
  return sdk::DomainDefinition{"mem.domain",
                               "mem",
                               {"memory", "ram"},
                               "peak-memory changes: fewer or smaller allocations, streaming instead of loading"};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_domain(make_domain_definition());
  registry.add_compare_flag_policy(make_compare_flag_policy());
  registry.add_domain_classifier(make_classifier());
  registry.add_benchmark_generator(make_benchmark_generator());
  registry.add_check(make_memray_check());
  registry.add_check_description(describe_memray_check());
  registry.add_check(make_mock_allocation_check());
  registry.add_check_description(describe_mock_allocation_check());
}

}  // namespace prhost::plugins::mem
