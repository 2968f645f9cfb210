// runner-pip's contributions. Declared here so unit tests can register them
// without loading the shared library.
#pragma once

#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/registry.hpp"
#include "prhost/sdk/runner.hpp"

namespace prhost::plugins::pip_runner {

void register_contributions(sdk::Registry& registry, sdk::HostServices& services);

sdk::RunnerAdapter make_runner();

// Which interpreter python() uses and how to install into it.
sdk::EnvironmentQuery make_environment_query();

}  // namespace prhost::plugins::pip_runner
