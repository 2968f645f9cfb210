// Umbrella header for plugin authors.
#pragma once

#include "prhost/sdk/abi.hpp"
#include "prhost/sdk/benchmarks.hpp"
#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/domain.hpp"
#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/options.hpp"
#include "prhost/sdk/plugin.hpp"
#include "prhost/sdk/pr_body.hpp"
#include "prhost/sdk/project.hpp"
#include "prhost/sdk/registry.hpp"
#include "prhost/sdk/runner.hpp"
