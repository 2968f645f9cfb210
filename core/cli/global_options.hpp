// Options every subcommand accepts (they may appear before or after it): the
// session's own options plus what only the command line has.
#pragma once

#include "session/session_options.hpp"

namespace prhost::cli {

struct GlobalOptions : SessionOptions {
  bool json = false;  // --json: machine-readable output on stdout
};

}  // namespace prhost::cli
