#include "domain-cpu/cpu_module.hpp"

namespace prhost::plugins::cpu {

sdk::CompareFlagPolicy make_compare_flag_policy() {
  return sdk::CompareFlagPolicy{
      "cpu.compare-flags", "cpu", sdk::CompareFlags{.memory = false, .timeout_seconds = 120},
      "wall time is the metric: --timeout 120 bounds a benchmark that regressed badly, and memray is left off "
      "because its tracing overhead would distort the timings"};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_compare_flag_policy(make_compare_flag_policy());
  registry.add_domain_classifier(make_classifier());
}

}  // namespace prhost::plugins::cpu
