// Finds, validates and loads plugin shared libraries with Boost.DLL. Loaded
// libraries stay loaded for the whole process (contributions hold code that
// lives in them). Every failure becomes a one-line error naming the file; the
// host goes on with the other plugins. Before a library is loaded it must be
// trusted (plugin_trust.hpp) when a repository asked for it, and its
// registration must have passed a probe in a child process
// (plugin_probe.hpp), so a crashing or hanging plugin cannot take prhost down.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "plugin_host/plugin_registry.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::plugin_host {

struct PluginRecord {
  std::filesystem::path path;
  std::string name;  // from PluginInfo, or the file stem when it never loaded
  std::string version;
  std::string kind;
  std::string description;
  std::uint32_t abi_major = 0;
  std::uint32_t abi_minor = 0;
  bool loaded = false;
  bool disabled = false;                      // found but disabled by configuration
  bool shadowed = false;                      // a plugin of the same name came earlier on the search path
  bool untrusted = false;                     // found through the repository, not trusted yet: not loaded
  std::string error;                          // why it did not load (empty when loaded or disabled)
  std::vector<std::string> contribution_ids;  // "kind:id"
};

struct SearchPath {
  std::filesystem::path directory;
  std::string source;        // "--plugin-dir", "PRHOST_PLUGIN_PATH", "prhost.toml", "install"
  bool needs_trust = false;  // named by the repository itself: plugins load only once trusted
};

struct PluginSelection {
  std::vector<std::string> enable;   // non-empty: only these names load
  std::vector<std::string> disable;  // these names never load
};

// Gives each plugin the HostServices scoped to its own options.
using ServicesForPlugin = std::function<sdk::HostServices&(const std::string& plugin_name)>;

struct PluginSet {
  PluginRegistry registry;
  std::vector<PluginRecord> plugins;  // in load order
  std::vector<SearchPath> search_paths;
};

// The directory of installed default plugins, relative to the running binary
// (<prefix>/bin/prhost -> <prefix>/lib/prhost/plugins).
std::filesystem::path installed_plugin_dir();

// Search order: --plugin-dir, PRHOST_PLUGIN_PATH (colon-separated),
// prhost.toml search-paths, the install directory. Within a directory files
// load in name order; the first plugin with a given name wins and later
// ones are reported as shadowed.
// A config directory needs trust when the config file or the directory lies
// inside `project_root` (what a clone brings along); empty `project_root`:
// none does.
std::vector<SearchPath> plugin_search_paths(const std::vector<std::filesystem::path>& cli_dirs,
                                            const std::vector<std::filesystem::path>& config_dirs,
                                            const std::filesystem::path& config_file = {},
                                            const std::filesystem::path& project_root = {});

struct LoadOptions {
  std::chrono::milliseconds probe_timeout{std::chrono::seconds(5)};
  std::filesystem::path probe_cache_file;  // empty: $XDG_CACHE_HOME/prhost/plugin-probes.json
  std::filesystem::path trust_file;        // empty: $XDG_CONFIG_HOME/prhost/trusted.toml
};

std::shared_ptr<PluginSet> load_plugins(const std::vector<SearchPath>& search_paths, const PluginSelection& selection,
                                        const ServicesForPlugin& services, const LoadOptions& options = {});

}  // namespace prhost::plugin_host
