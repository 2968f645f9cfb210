// checks-core's contributions: the doctor checks that belong to no domain and
// no runner. Each check lives in its own file; declared here so unit tests
// can call one without loading the shared library.
#pragma once

#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/registry.hpp"

namespace prhost::plugins::checks_core {

void register_contributions(sdk::Registry& registry, sdk::HostServices& services);

// "core.codeflash-importable": codeflash imports in the project environment
// (information only unless compare's backend is codeflash).
sdk::DiagnosticCheck make_codeflash_check();
sdk::CheckDescription describe_codeflash_check();

// "core.benchmarks-root": [tool.codeflash] benchmarks-root is set, is a
// directory, and the benchmarks live under it.
sdk::DiagnosticCheck make_benchmarks_root_check();
sdk::CheckDescription describe_benchmarks_root_check();

// "core.pytest-starts": pytest starts with the project's configuration.
sdk::DiagnosticCheck make_pytest_start_check();
sdk::CheckDescription describe_pytest_start_check();

// "core.xdist-addopts": addopts does not force pytest-xdist.
sdk::DiagnosticCheck make_xdist_check();
sdk::CheckDescription describe_xdist_check();

// "core.benchmark-at-refs": each benchmark file is committed at both refs.
sdk::DiagnosticCheck make_benchmark_refs_check();
sdk::CheckDescription describe_benchmark_refs_check();

// "core.conftest-heavy-imports": what conftest.py imports is installed.
sdk::DiagnosticCheck make_conftest_check();
sdk::CheckDescription describe_conftest_check();

// "core.benchmark-pitfalls": benchmarks that patch the measured function, a
// property on an instance, or configuration.
sdk::DiagnosticCheck make_benchmark_pitfalls_check();
sdk::CheckDescription describe_benchmark_pitfalls_check();

// "core.dependency-pins": base and head pin the same dependency versions, or
// the environment matches one of them and the other is named.
sdk::DiagnosticCheck make_dependency_pins_check();
sdk::CheckDescription describe_dependency_pins_check();

}  // namespace prhost::plugins::checks_core
