// The options a plugin reads from its own `[plugin.<name>]` table, declared so
// docs/configuration.md lists every key with its type and default and cannot
// drift from what the plugins read (ABI 2.2).
//
//   registry.add_option({"python", "string", "the project's .venv, else python3",
//                        "interpreter to use (path or name), overriding detection"});
#pragma once

#include <string>

namespace prhost::sdk {

struct PluginOption {
  std::string key;            // e.g. "python"; read with HostServices::option_*("python")
  std::string type;           // "string", "integer", "boolean" or "list of strings"
  std::string default_value;  // as people read it, e.g. "false", "uv on PATH"
  std::string description;    // one sentence: what it changes and when to set it
};

}  // namespace prhost::sdk
