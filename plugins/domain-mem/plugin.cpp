// The only exported symbol of prhost-domain-mem.so.
#include "prhost/sdk/plugin.hpp"
#include "domain-mem/mem_module.hpp"

PRHOST_PLUGIN("domain-mem", "1.0.0", "domain",
              "Memory optimizations: classifies peak-memory changes, compares with --memory (memray), checks that "
              "memray is importable",
              &prhost::plugins::mem::register_contributions)
