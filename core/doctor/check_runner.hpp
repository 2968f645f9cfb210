// Runs every registered check, in `order`, against one context. A check that
// throws becomes a [☠] result naming its plugin; the other checks still run.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "doctor/doctor_types.hpp"
#include "plugin_host/plugin_registry.hpp"
#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::doctor {

// HostServices scoped to one plugin (Session::services_for).
using ServicesFor = std::function<sdk::HostServices&(const std::string& plugin)>;

// `only_ids` empty = every check.
std::vector<CheckOutcome> run_checks(const plugin_host::PluginRegistry& registry, const sdk::CheckContext& context,
                                     const ServicesFor& services_for, const std::vector<std::string>& only_ids = {});

// One check, guarded.
CheckOutcome run_check(const plugin_host::Contribution<sdk::DiagnosticCheck>& check, const sdk::CheckContext& context,
                       sdk::HostServices& services);

}  // namespace prhost::doctor
