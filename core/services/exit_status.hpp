// How a child process ended, in words a user reads: "exit code 3",
// "killed by SIGSEGV (signal 11)", "timed out after 120 s". One place, so no
// message calls a segfault "exit code 11".
#pragma once

#include <string>

#include "prhost/sdk/host_services.hpp"

namespace prhost::services {

// What happened to the process, e.g. "killed by SIGABRT (signal 6)".
std::string describe_exit(const sdk::ProcessResult& result);

}  // namespace prhost::services
