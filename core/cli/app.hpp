// The command-line application: builds the CLI11 tree from the command
// registry and dispatches. Returns the process exit code.
#pragma once

namespace prhost::cli {

int run(int argc, char** argv);

}  // namespace prhost::cli
