#include "domain-async/async_module.hpp"

namespace prhost::plugins::async {

sdk::CompareFlagPolicy make_compare_flag_policy() {
  return sdk::CompareFlagPolicy{
      "async.compare-flags", "async", sdk::CompareFlags{.memory = false, .timeout_seconds = 120},
      "async changes win on wall time (overlapping waits), so they are timed like CPU changes; --timeout 120 "
      "also stops a benchmark whose event loop deadlocks"};
}

// The domain's name and the words HANDOFF.md tags and headings use for it;
// core recognises domains only through these.
sdk::DomainDefinition make_domain_definition() {
  return sdk::DomainDefinition{
      "async.domain", "async", {"asyncio", "concurrency"}, "event-loop changes: less blocking, more concurrency"};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_domain(make_domain_definition());
  registry.add_compare_flag_policy(make_compare_flag_policy());
  registry.add_domain_classifier(make_classifier());
  registry.add_benchmark_generator(make_benchmark_generator());
  registry.add_check(make_loop_reuse_check());
  registry.add_check_description(describe_loop_reuse_check());
}

}  // namespace prhost::plugins::async
