// The only exported symbol of prhost-checks-core.so.
#include "prhost/sdk/plugin.hpp"
#include "checks-core/checks_core_module.hpp"

PRHOST_PLUGIN("checks-core", "1.0.0", "checks",
              "Doctor checks every project needs: pytest starts, codeflash, benchmarks-root, benchmarks at both refs",
              &prhost::plugins::checks_core::register_contributions)
