// Runs a child process without a shell: argv only, captured output, a
// timeout that kills the whole process group (a hanging benchmark's own
// children die with it).
#pragma once

#include "prhost/sdk/host_services.hpp"

namespace prhost::services {

sdk::ProcessResult run_process(const sdk::ProcessRequest& request);

}  // namespace prhost::services
