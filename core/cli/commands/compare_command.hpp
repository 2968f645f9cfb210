#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

// `prhost compare BASE HEAD`: phase 3, base-vs-head time (and memory).
std::unique_ptr<Command> make_compare_command();

}  // namespace prhost::cli
