#include "checks-core/checks_core_module.hpp"

namespace prhost::plugins::checks_core {

namespace {

void add(sdk::Registry& registry, sdk::DiagnosticCheck check, sdk::CheckDescription description) {
  registry.add_check(std::move(check));
  registry.add_check_description(std::move(description));
}

}  // namespace

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  add(registry, make_pytest_start_check(), describe_pytest_start_check());
  add(registry, make_xdist_check(), describe_xdist_check());
  add(registry, make_codeflash_check(), describe_codeflash_check());
  add(registry, make_benchmarks_root_check(), describe_benchmarks_root_check());
  add(registry, make_benchmark_refs_check(), describe_benchmark_refs_check());
  add(registry, make_conftest_check(), describe_conftest_check());
  add(registry, make_benchmark_pitfalls_check(), describe_benchmark_pitfalls_check());
  add(registry, make_dependency_pins_check(), describe_dependency_pins_check());
}

}  // namespace prhost::plugins::checks_core
