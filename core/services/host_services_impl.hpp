// The real HostServices: processes through Boost.Process, git through
// libgit2, options from the plugin's own `[plugin.<name>]` table.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "git/repository.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::services {

using LogSink = std::function<void(sdk::LogLevel, const std::string&)>;

class HostServicesImpl : public sdk::HostServices {
 public:
  // `repository` may be null (outside a repository, git reads return nullopt);
  // `options` may be null (no table for this plugin).
  HostServicesImpl(std::filesystem::path project_root, std::shared_ptr<const git::Repository> repository,
                   const toml::table* options, std::string plugin_name, LogSink sink);

  sdk::ProcessResult run(const sdk::ProcessRequest& request) override;
  [[nodiscard]] std::optional<std::filesystem::path> which(const std::string& program) const override;
  [[nodiscard]] std::optional<std::string> read_file(const std::filesystem::path& path) const override;
  [[nodiscard]] bool exists(const std::filesystem::path& path) const override;
  [[nodiscard]] std::optional<std::string> read_git_file(const std::string& revision,
                                                         const std::string& path) const override;
  [[nodiscard]] std::optional<std::string> option_string(const std::string& key) const override;
  [[nodiscard]] std::optional<long long> option_int(const std::string& key) const override;
  [[nodiscard]] std::optional<bool> option_bool(const std::string& key) const override;
  [[nodiscard]] std::vector<std::string> option_strings(const std::string& key) const override;
  void log(sdk::LogLevel level, const std::string& message) override;

 private:
  [[nodiscard]] std::filesystem::path absolute(const std::filesystem::path& path) const;

  std::filesystem::path project_root_;
  std::shared_ptr<const git::Repository> repository_;
  const toml::table* options_;
  std::string plugin_name_;
  LogSink sink_;
};

}  // namespace prhost::services
