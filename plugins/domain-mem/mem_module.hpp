// domain-mem's contributions. Declared here so unit tests can register them
// without loading the shared library.
#pragma once

#include "prhost/sdk/benchmarks.hpp"
#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/domain.hpp"
#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/registry.hpp"

namespace prhost::plugins::mem {

void register_contributions(sdk::Registry& registry, sdk::HostServices& services);

// "mem.domain": the domain id and its aliases.
sdk::DomainDefinition make_domain_definition();
sdk::CompareFlagPolicy make_compare_flag_policy();
sdk::DomainClassifier make_classifier();
// "mem.memray-importable": compare --memory needs memray in the project's
// environment, or it falls back to tracemalloc.
sdk::DiagnosticCheck make_memray_check();
sdk::CheckDescription describe_memray_check();
// "mem.mocks-allocate": a memory benchmark's stand-ins allocate like production.
sdk::DiagnosticCheck make_mock_allocation_check();
sdk::CheckDescription describe_mock_allocation_check();

// "mem.benchmark": writes the mem domain's pytest-benchmark test.
sdk::BenchmarkGenerator make_benchmark_generator();

}  // namespace prhost::plugins::mem
