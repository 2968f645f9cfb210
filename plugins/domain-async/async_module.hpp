// domain-async's contributions. Declared here so unit tests can register them
// without loading the shared library.
#pragma once

#include "prhost/sdk/benchmarks.hpp"
#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/domain.hpp"
#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/registry.hpp"

namespace prhost::plugins::async {

void register_contributions(sdk::Registry& registry, sdk::HostServices& services);

// "async.domain": the domain id and its aliases.
sdk::DomainDefinition make_domain_definition();
sdk::CompareFlagPolicy make_compare_flag_policy();
sdk::DomainClassifier make_classifier();

// "async.benchmark": writes the async domain's pytest-benchmark test.
sdk::BenchmarkGenerator make_benchmark_generator();

// "async.loop-per-round": no benchmark shares one event loop across rounds.
sdk::DiagnosticCheck make_loop_reuse_check();
sdk::CheckDescription describe_loop_reuse_check();

}  // namespace prhost::plugins::async
