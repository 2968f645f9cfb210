// The only exported symbol of prhost-domain-struct.so.
#include "prhost/sdk/plugin.hpp"
#include "domain-struct/struct_module.hpp"

PRHOST_PLUGIN(
    "domain-struct", "1.0.0", "domain",
    "Data-structure optimizations: classifies __slots__/dataclass/tuple changes, compares with --memory --timeout 120",
    &prhost::plugins::structure::register_contributions)
