// The only exported symbol of prhost-domain-async.so.
#include "prhost/sdk/plugin.hpp"
#include "domain-async/async_module.hpp"

PRHOST_PLUGIN("domain-async", "1.0.0", "domain",
              "Async optimizations: classifies asyncio/anyio changes, compares with --timeout 120",
              &prhost::plugins::async::register_contributions)
