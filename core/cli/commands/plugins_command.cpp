#include "cli/commands/plugins_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "cli/commands/config_reference.hpp"
#include "cli/exit_codes.hpp"
#include "plugin_host/plugin_trust.hpp"
#include "prhost/sdk/abi.hpp"
#include "session/session.hpp"
#include "util/printable.hpp"

namespace prhost::cli {
namespace {

std::string status_of(const plugin_host::PluginRecord& plugin) {
  if (plugin.loaded) return "loaded";
  if (plugin.disabled) return "disabled";
  if (plugin.untrusted) return "untrusted";
  if (plugin.shadowed) return "shadowed";
  return "error";
}

bool failed(const plugin_host::PluginRecord& plugin) { return status_of(plugin) == "error"; }

// Paths and messages may carry bytes from a file name or a plugin.
std::string shown(const std::string& text) { return util::printable(text); }

nlohmann::json to_json(const Session& session) {
  nlohmann::json out;
  out["prhost_version"] = PRHOST_VERSION;
  out["sdk_abi"] = fmt::format("{}.{}", sdk::kAbiMajor, sdk::kAbiMinor);
  out["toolchain"] = sdk::kToolchainId;
  out["config_file"] = session.config().file.string();
  out["search_paths"] = nlohmann::json::array();
  for (const auto& path : session.plugins().search_paths) {
    out["search_paths"].push_back({{"directory", shown(path.directory.string())},
                                   {"source", path.source},
                                   {"needs_trust", path.needs_trust},
                                   {"exists", std::filesystem::exists(path.directory)}});
  }
  out["plugins"] = nlohmann::json::array();
  for (const auto& plugin : session.plugins().plugins) {
    out["plugins"].push_back({{"name", shown(plugin.name)},
                              {"kind", shown(plugin.kind)},
                              {"version", shown(plugin.version)},
                              {"description", shown(plugin.description)},
                              {"path", shown(plugin.path.string())},
                              {"abi", fmt::format("{}.{}", plugin.abi_major, plugin.abi_minor)},
                              {"status", status_of(plugin)},
                              {"error", shown(plugin.error)},
                              {"contributions", plugin.contribution_ids}});
  }
  return out;
}

void print_text(const Session& session) {
  const auto& plugins = session.plugins().plugins;
  std::size_t loaded = 0;
  for (const auto& plugin : plugins) {
    if (plugin.loaded) ++loaded;
  }
  fmt::print("prhost {} — plugin SDK ABI {}.{}, toolchain {}\n", PRHOST_VERSION, sdk::kAbiMajor, sdk::kAbiMinor,
             sdk::kToolchainId);
  fmt::print("config: {}\n\n", session.config().file.empty() ? std::string("built-in defaults (no prhost.toml)")
                                                             : session.config().file.string());
  fmt::print("{} plugin(s) loaded, {} found\n\n", loaded, plugins.size());
  for (const auto& plugin : plugins) {
    fmt::print("{:<16} {:<9} {:<8} {}\n", shown(plugin.name), plugin.kind.empty() ? "-" : shown(plugin.kind),
               plugin.version.empty() ? "-" : shown(plugin.version), status_of(plugin));
    fmt::print("    {}\n", shown(plugin.path.string()));
    if (!plugin.description.empty()) fmt::print("    {}\n", shown(plugin.description));
    for (const auto& id : plugin.contribution_ids) fmt::print("    + {}\n", shown(id));
    if (!plugin.error.empty()) fmt::print("    ! {}\n", shown(plugin.error));
  }
  fmt::print("\nsearch path (first match of a name wins):\n");
  for (const auto& path : session.plugins().search_paths) {
    fmt::print("  {} ({}{}){}\n", shown(path.directory.string()), path.source,
               path.needs_trust ? ", from the repository: plugins need --trust" : "",
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
    sub.add_option("--trust", trust_, "Trust the plugin library FILE as it is now (its SHA-256 is recorded)")
        ->type_name("FILE");
    sub.add_option("--untrust", untrust_, "Forget the trust given to FILE")->type_name("FILE");
    sub.add_flag("--config-reference", config_reference_,
                 "Print every prhost.toml key and every plugin option as markdown (docs/configuration.md)");
    sub.footer(
        "Plugins are searched in this order: --plugin-dir, PRHOST_PLUGIN_PATH (colon-separated),\n"
        "[plugins] search-paths in prhost.toml, then the default plugins installed beside prhost.\n"
        "Select them with [plugins] enable / disable in prhost.toml.\n\n"
        "A plugin runs native code with your rights, so one that a repository's own prhost.toml (or a\n"
        "directory inside the repository) brings along loads only after you trust it; the trust is kept\n"
        "with the library's SHA-256 in $XDG_CONFIG_HOME/prhost/trusted.toml (~/.config/prhost/), and a\n"
        "changed library must be trusted again. Each plugin is first loaded in a child process, so one that\n"
        "crashes, hangs or exits is reported by name and the others still load.\n\n"
        "Exit status: 0 when every plugin found loaded (or was disabled or is waiting for trust), 1 when\n"
        "one failed.\n\n"
        "Examples:\n  prhost plugins\n  prhost plugins --json | jq '.plugins[] | {name, status}'\n"
        "  prhost plugins --plugin-dir ./build/inhouse\n  prhost plugins --trust tools/prhost-plugins/acme.so");
  }
  int execute(const GlobalOptions& globals) override {
    if (!trust_.empty() || !untrust_.empty()) return change_trust(globals);
    const auto session =
        Session::open(globals, {.require_repository = false, .warn_plugin_errors = false, .check_runner = false});
    if (config_reference_) {
      fmt::print("{}", render_config_reference(session.registry()));
      return exit_code::kOk;
    }
    if (globals.json) {
      fmt::print("{}\n", to_json(session).dump(2));
    } else {
      print_text(session);
    }
    const auto& plugins = session.plugins().plugins;
    return std::any_of(plugins.begin(), plugins.end(), failed) ? exit_code::kFailure : exit_code::kOk;
  }

 private:
  int change_trust(const GlobalOptions& globals) const {
    auto store = plugin_host::TrustStore::open();
    nlohmann::json out;
    if (!trust_.empty()) {
      const auto hash = store.trust(trust_);
      out = {{"trusted", shown(trust_.string())}, {"sha256", hash}, {"store", shown(store.file().string())}};
      if (!globals.json)
        fmt::print("trusted {} (sha256 {}), recorded in {}\n", shown(trust_.string()), hash,
                   shown(store.file().string()));
    } else {
      const bool removed = store.untrust(untrust_);
      out = {{"untrusted", shown(untrust_.string())}, {"was_trusted", removed}};
      if (!globals.json) {
        fmt::print("{} {}\n", removed ? "no longer trusted:" : "was not trusted:", shown(untrust_.string()));
      }
    }
    if (globals.json) fmt::print("{}\n", out.dump(2));
    return exit_code::kOk;
  }

  std::filesystem::path trust_;
  std::filesystem::path untrust_;
  bool config_reference_ = false;
};

}  // namespace

std::unique_ptr<Command> make_plugins_command() { return std::make_unique<PluginsCommand>(); }

}  // namespace prhost::cli
