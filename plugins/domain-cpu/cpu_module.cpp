#include "domain-cpu/cpu_module.hpp"

#include "prhost/sdk/helpers/default_input_recipes.hpp"

namespace prhost::plugins::cpu {

sdk::CompareFlagPolicy make_compare_flag_policy() {
  return sdk::CompareFlagPolicy{
      "cpu.compare-flags", "cpu", sdk::CompareFlags{.memory = false, .timeout_seconds = 120, .instructions = true},
      "wall time is the metric: --timeout 120 bounds a benchmark that regressed badly, and memray is left off "
      "because its tracing overhead would distort the timings; instruction counts (valgrind, where installed) "
      "stand beside the time as the number a busy neighbour cannot move"};
}

// The generic recipes live here because "time one realistic call" is this
// plugin's whole job and it is the fallback generator for unclassified
// changes, so the realistic inputs are loaded whenever benchmarks are timed.
// Every domain's generator uses them; ids are global, so only one plugin may
// register them.
std::vector<sdk::InputRecipe> make_input_recipes() { return sdk::helpers::default_input_recipes("cpu."); }

// The domain's name and the words HANDOFF.md tags and headings use for it;
// core recognises domains only through these.
sdk::DomainDefinition make_domain_definition() {
  return sdk::DomainDefinition{"cpu.domain",
                               "cpu",
                               {"speed", "runtime", "latency", "throughput"},
                               "run-time changes: less work per call, better algorithms, caching"};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_domain(make_domain_definition());
  registry.add_compare_flag_policy(make_compare_flag_policy());
  registry.add_domain_classifier(make_classifier());
  registry.add_benchmark_generator(make_benchmark_generator());
  for (auto& recipe : make_input_recipes()) registry.add_input_recipe(std::move(recipe));
}

}  // namespace prhost::plugins::cpu
