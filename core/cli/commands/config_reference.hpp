// docs/configuration.md as prhost knows it: every prhost.toml key of the
// schema (core/config/config_schema.cpp) and every option the loaded plugins
// declare for their `[plugin.<name>]` tables. `prhost plugins
// --config-reference` prints it; a test fails when the file drifts from it.
#pragma once

#include <string>

#include "plugin_host/plugin_registry.hpp"

namespace prhost::cli {

std::string render_config_reference(const plugin_host::PluginRegistry& registry);

}  // namespace prhost::cli
