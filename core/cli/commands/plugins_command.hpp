#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

// `prhost plugins [--json]`: what loaded, from where, what each contributes,
// and why anything did not load.
std::unique_ptr<Command> make_plugins_command();

}  // namespace prhost::cli
