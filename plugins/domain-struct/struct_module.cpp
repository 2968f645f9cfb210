#include "domain-struct/struct_module.hpp"

namespace prhost::plugins::structure {

sdk::CompareFlagPolicy make_compare_flag_policy() {
  return sdk::CompareFlagPolicy{
      "struct.compare-flags", "struct", sdk::CompareFlags{.memory = true, .timeout_seconds = 120},
      "a data-structure change (__slots__, dataclass, tuples) moves both per-instance memory and attribute "
      "access time, so compare measures both: --memory --timeout 120"};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_compare_flag_policy(make_compare_flag_policy());
  registry.add_domain_classifier(make_classifier());
  registry.add_benchmark_generator(make_benchmark_generator());
}

}  // namespace prhost::plugins::structure
