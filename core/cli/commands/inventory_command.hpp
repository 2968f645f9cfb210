#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

// `prhost inventory [--commits N] [--head REF] [--json]`: phase 0, the kept
// optimizations with their files, functions, domains, PR status and
// benchmarks.
std::unique_ptr<Command> make_inventory_command();

}  // namespace prhost::cli
