#include "cli/commands/plugins_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "prhost/sdk/abi.hpp"
#include "session/session.hpp"

namespace prhost::cli {
namespace {

std::string status_of(const plugin_host::PluginRecord& plugin) {
  if (plugin.loaded) return "loaded";
  if (plugin.disabled) return "disabled";
  return "error";
}

nlohmann::json to_json(const Session& session) {
  nlohmann::json out;
  out["prhost_version"] = PRHOST_VERSION;
  out["sdk_abi"] = fmt::format("{}.{}", sdk::kAbiMajor, sdk::kAbiMinor);
  out["toolchain"] = sdk::kToolchainId;
  out["config_file"] = session.config().file.string();
  out["search_paths"] = nlohmann::json::array();
  for (const auto& path : session.plugins().search_paths) {
    out["search_paths"].push_back({{"directory", path.directory.string()},
                                   {"source", path.source},
                                   {"exists", std::filesystem::exists(path.directory)}});
  }
  out["plugins"] = nlohmann::json::array();
  for (const auto& plugin : session.plugins().plugins) {
    out["plugins"].push_back({{"name", plugin.name},
                              {"kind", plugin.kind},
                              {"version", plugin.version},
                              {"description", plugin.description},
                              {"path", plugin.path.string()},
                              {"abi", fmt::format("{}.{}", plugin.abi_major, plugin.abi_minor)},
                              {"status", status_of(plugin)},
                              {"error", plugin.error},
                              {"contributions", plugin.contribution_ids}});
  }
  return out;
}

void print_text(const Session& session) {
  const auto& plugins = session.plugins().plugins;
  std::size_t loaded = 0;
  for (const auto& plugin : plugins) {
    if (plugin.error.empty() && !plugin.disabled) ++loaded;
  }
  fmt::print("prhost {} — plugin SDK ABI {}.{}, toolchain {}\n", PRHOST_VERSION, sdk::kAbiMajor, sdk::kAbiMinor,
             sdk::kToolchainId);
  fmt::print("config: {}\n\n", session.config().file.empty() ? std::string("built-in defaults (no prhost.toml)")
                                                             : session.config().file.string());
  fmt::print("{} plugin(s) loaded, {} found\n\n", loaded, plugins.size());
  for (const auto& plugin : plugins) {
    fmt::print("{:<16} {:<9} {:<8} {}\n", plugin.name, plugin.kind.empty() ? "-" : plugin.kind,
               plugin.version.empty() ? "-" : plugin.version, status_of(plugin));
    fmt::print("    {}\n", plugin.path.string());
    if (!plugin.description.empty()) fmt::print("    {}\n", plugin.description);
    for (const auto& id : plugin.contribution_ids) fmt::print("    + {}\n", id);
    if (!plugin.error.empty()) fmt::print("    ! {}\n", plugin.error);
  }
  fmt::print("\nsearch path (first match of a name wins):\n");
  for (const auto& path : session.plugins().search_paths) {
    fmt::print("  {} ({}){}\n", path.directory.string(), path.source,
               std::filesystem::exists(path.directory) ? "" : " — missing");
  }
}

class PluginsCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "plugins"; }
  [[nodiscard]] std::string summary() const override {
    return "List plugins: what loaded, from where, what each contributes, and why any did not load";
  }
  void configure(CLI::App& sub) override {
    sub.footer(
        "Plugins are searched in this order: --plugin-dir, PRHOST_PLUGIN_PATH (colon-separated),\n"
        "[plugins] search-paths in prhost.toml, then the default plugins installed beside prhost.\n"
        "Select them with [plugins] enable / disable in prhost.toml.\n\n"
        "Examples:\n  prhost plugins\n  prhost plugins --json | jq '.plugins[] | {name, status}'\n"
        "  prhost plugins --plugin-dir ./build/inhouse");
  }
  int execute(const GlobalOptions& globals) override {
    const auto session = Session::open(globals, {.require_repository = false, .warn_plugin_errors = false});
    if (globals.json) {
      fmt::print("{}\n", to_json(session).dump(2));
    } else {
      print_text(session);
    }
    return exit_code::kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_plugins_command() { return std::make_unique<PluginsCommand>(); }

}  // namespace prhost::cli
