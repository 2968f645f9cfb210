// `prhost doctor --list`: every registered check as markdown (id, plugin,
// what it looks at, its repair). docs/doctor.md is this output, and a test
// fails when the two differ.
#pragma once

#include <string>

#include "plugin_host/plugin_registry.hpp"

namespace prhost::doctor {

std::string render_check_list(const plugin_host::PluginRegistry& registry);

}  // namespace prhost::doctor
