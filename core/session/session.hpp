// A Session is what a subcommand works with: the project, its configuration,
// the loaded plugins and their contributions, and HostServices to hand to
// them. Built once per prhost invocation.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "git/repository.hpp"
#include "plugin_host/loader.hpp"
#include "plugin_host/plugin_registry.hpp"
#include "prhost/sdk/host_services.hpp"
#include "session/session_options.hpp"
#include "ui/reporter.hpp"

namespace prhost {

class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RunnerChoice {
  std::string id;                   // e.g. "uv"
  std::string reason;               // why it was chosen ("uv.lock present", "prhost.toml runner = ...")
  std::vector<std::string> python;  // argv prefix, e.g. {"uv", "run", "python"}
  const sdk::RunnerAdapter* adapter = nullptr;
  std::string plugin;  // the plugin that contributed the adapter (for services_for)
};

class Session {
 public:
  struct Options {
    bool require_repository = true;  // throw SessionError outside a git repository
    bool warn_plugin_errors = true;  // print each plugin load error as a warning
    bool check_runner = true;        // a `[prhost] runner` no loaded plugin provides is an error (ConfigError)
  };
  // Loads config and plugins. Throws SessionError (or config::ConfigError)
  // with a message that says what to do.
  static Session open(const SessionOptions& globals, Options options);
  static Session open(const SessionOptions& globals) { return open(globals, Options{}); }

  [[nodiscard]] const std::filesystem::path& project_root() const { return project_root_; }
  [[nodiscard]] const config::Config& config() const { return config_; }
  [[nodiscard]] std::shared_ptr<const git::Repository> repository() const { return repository_; }
  [[nodiscard]] const plugin_host::PluginRegistry& registry() const { return plugins_->registry; }
  [[nodiscard]] const plugin_host::PluginSet& plugins() const { return *plugins_; }
  [[nodiscard]] ui::Reporter& reporter() const { return *reporter_; }

  // HostServices for core code (no plugin options).
  [[nodiscard]] sdk::HostServices& services() const;
  // HostServices scoped to one plugin's option table.
  [[nodiscard]] sdk::HostServices& services_for(const std::string& plugin_name) const;

  // The runner: prhost.toml `[prhost] runner` if set, else the detected
  // runner with the highest confidence. Throws when none is available.
  [[nodiscard]] RunnerChoice runner() const;

 private:
  Session() = default;
  [[nodiscard]] std::string unknown_runner_message() const;
  std::filesystem::path project_root_;
  config::Config config_;
  std::shared_ptr<const git::Repository> repository_;
  std::shared_ptr<plugin_host::PluginSet> plugins_;
  std::shared_ptr<ui::Reporter> reporter_;
  struct ServicesCache;
  std::shared_ptr<ServicesCache> services_;
};

}  // namespace prhost
