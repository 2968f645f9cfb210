// `prhost prepare`: every phase in one command, from HANDOFF.md to PR bodies
// and the report (core/prepare/ does the work).
#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

std::unique_ptr<Command> make_prepare_command();

}  // namespace prhost::cli
