// `prhost report` (phase 5): the status of every optimization from what was
// measured, as a table, JSON or a page; `--collect DIR` finishes a prepare
// whose comparisons ran on CI machines.
#pragma once

#include <memory>

#include "cli/command.hpp"

namespace prhost::cli {

std::unique_ptr<Command> make_report_command();

}  // namespace prhost::cli
