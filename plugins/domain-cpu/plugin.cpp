// The only exported symbol of prhost-domain-cpu.so.
#include "prhost/sdk/plugin.hpp"
#include "domain-cpu/cpu_module.hpp"

PRHOST_PLUGIN("domain-cpu", "1.0.0", "domain", "CPU optimizations: classifies speed-ups, compares with --timeout 120",
              &prhost::plugins::cpu::register_contributions)
