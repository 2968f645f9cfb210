#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

// `prhost calibrate [REF]`: A/A runs that measure the engine's own
// false-positive rate and noise floor on this machine.
std::unique_ptr<Command> make_calibrate_command();

}  // namespace prhost::cli
