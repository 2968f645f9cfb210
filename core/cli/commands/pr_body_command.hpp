// `prhost pr-body` (phase 4): writes .codeflash/pr-body-<function>.md for
// every optimization from what was measured, without measuring again.
#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

std::unique_ptr<Command> make_pr_body_command();

}  // namespace prhost::cli
