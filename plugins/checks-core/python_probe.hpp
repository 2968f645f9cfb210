// Running a few lines of Python in the project's environment for a check.
// Only ctx.python is used: the environment's own interpreter, started
// directly, so a probe can never create or sync an environment.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::plugins::checks_core {

// `ctx.python` + args, from the project root.
sdk::ProcessResult run_python(const sdk::CheckContext& ctx, sdk::HostServices& services,
                              const std::vector<std::string>& args,
                              std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Whether `module` imports in the environment; `error` gets the last line of
// the traceback when it does not.
bool imports(const sdk::CheckContext& ctx, sdk::HostServices& services, const std::string& module,
             std::string* error = nullptr);

// The result every environment-dependent check gives without an environment:
// the runner's check reports the missing environment itself.
sdk::CheckResult no_environment(const sdk::CheckContext& ctx);

std::string last_line(std::string_view text);
std::string join(const std::vector<std::string>& words);

}  // namespace prhost::plugins::checks_core
