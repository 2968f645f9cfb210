// `prhost doctor`: phase 2, every check that stops a comparison.
#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

std::unique_ptr<Command> make_doctor_command();

}  // namespace prhost::cli
