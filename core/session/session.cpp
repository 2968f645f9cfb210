#include "session/session.hpp"

#include <fmt/format.h>

#include <map>

#include "git/git_error.hpp"
#include "plugin_host/guarded_call.hpp"
#include "services/host_services_impl.hpp"

namespace prhost {

struct Session::ServicesCache {
  std::filesystem::path root;
  std::shared_ptr<const git::Repository> repository;
  const config::Config* config = nullptr;
  services::LogSink sink;
  std::unique_ptr<services::HostServicesImpl> core;
  std::map<std::string, std::unique_ptr<services::HostServicesImpl>> per_plugin;

  sdk::HostServices& for_plugin(const std::string& name) {
    auto& slot = per_plugin[name];
    if (!slot) {
      slot = std::make_unique<services::HostServicesImpl>(root, repository, config->options_for(name), name, sink);
    }
    return *slot;
  }
};

Session Session::open(const SessionOptions& globals, Options options) {
  Session session;
  const auto start = std::filesystem::absolute(globals.project_dir).lexically_normal();
  if (!std::filesystem::is_directory(start)) {
    throw SessionError(start.string() + ": no such directory (given with -C)");
  }
  try {
    auto repository = std::make_shared<git::Repository>(git::Repository::discover(start));
    if (repository->is_bare()) {
      throw SessionError(repository->gitdir().string() + " is a bare repository; run prhost in a checkout");
    }
    session.project_root_ = repository->workdir();
    session.repository_ = std::move(repository);
  } catch (const git::GitError& error) {
    if (options.require_repository) throw SessionError(error.what());
    session.project_root_ = start;
  }

  session.config_ = config::load_config(session.project_root_, globals.config_file);
  session.reporter_ = std::make_shared<ui::Reporter>(globals.verbose, globals.quiet);

  auto cache = std::make_shared<ServicesCache>();
  cache->root = session.project_root_;
  cache->repository = session.repository_;
  cache->config = &session.config_;
  auto reporter = session.reporter_;
  cache->sink = [reporter](sdk::LogLevel level, const std::string& message) {
    switch (level) {
      case sdk::LogLevel::Debug:
        reporter->debug(message);
        break;
      case sdk::LogLevel::Info:
        reporter->note(message);
        break;
      case sdk::LogLevel::Warning:
        reporter->warning(message);
        break;
      case sdk::LogLevel::Error:
        reporter->error(message);
        break;
    }
  };
  cache->core =
      std::make_unique<services::HostServicesImpl>(cache->root, cache->repository, nullptr, "prhost", cache->sink);
  session.services_ = cache;

  const auto search_paths = plugin_host::plugin_search_paths(globals.plugin_dirs, session.config_.search_paths,
                                                             session.config_.file, session.project_root_);
  session.plugins_ = plugin_host::load_plugins(
      search_paths, {session.config_.enable, session.config_.disable},
      [cache](const std::string& name) -> sdk::HostServices& { return cache->for_plugin(name); });
  if (options.warn_plugin_errors) {
    for (const auto& plugin : session.plugins_->plugins) {
      if (!plugin.error.empty()) session.reporter_->warning(plugin.error + (plugin.untrusted ? "" : " (skipped)"));
    }
  }
  if (options.check_runner && session.config_.runner && session.registry().runner(*session.config_.runner) == nullptr) {
    throw config::ConfigError(session.unknown_runner_message());
  }
  return session;
}

std::string Session::unknown_runner_message() const {
  std::string available;
  for (const auto& entry : registry().runners) available += (available.empty() ? "" : ", ") + entry.value.id;
  return fmt::format(
      "{}: [prhost] runner = \"{}\", but no loaded plugin provides that runner (available: {}); fix the name, "
      "or run `prhost plugins` to see why its plugin did not load",
      config_.file.empty() ? std::string("prhost.toml") : config_.file.string(), *config_.runner,
      available.empty() ? "none" : available);
}

sdk::HostServices& Session::services() const { return *services_->core; }

sdk::HostServices& Session::services_for(const std::string& plugin_name) const {
  return services_->for_plugin(plugin_name);
}

RunnerChoice Session::runner() const {
  const auto& runners = registry().runners;
  if (runners.empty()) {
    throw SessionError(
        "no runner plugin is loaded (runner-uv, runner-poetry, runner-pip); run `prhost plugins` to see "
        "why");
  }
  const sdk::Project project{project_root_};
  const plugin_host::Contribution<sdk::RunnerAdapter>* chosen = nullptr;
  std::string reason;
  if (config_.runner) {
    for (const auto& entry : runners) {
      if (entry.value.id == *config_.runner) chosen = &entry;
    }
    if (chosen == nullptr) throw config::ConfigError(unknown_runner_message());
    reason = "set in " + config_.file.string();
  } else {
    int best = -1;
    for (const auto& entry : runners) {
      const auto detection = plugin_host::guarded_call(entry.origin, "detecting the project's runner", [&] {
        return entry.value.detect(project, services_for(entry.origin.plugin));
      });
      if (detection.detected && detection.confidence > best) {
        best = detection.confidence;
        chosen = &entry;
        reason = detection.reason;
      }
    }
    if (chosen == nullptr) {
      throw SessionError("no runner plugin recognises " + project_root_.string() +
                         "; set [prhost] runner in prhost.toml");
    }
  }
  RunnerChoice choice;
  choice.id = chosen->value.id;
  choice.reason = reason;
  choice.adapter = &chosen->value;
  choice.plugin = chosen->origin.plugin;
  choice.python = plugin_host::guarded_call(chosen->origin, "choosing the Python command", [&] {
    return chosen->value.python(project, services_for(chosen->origin.plugin));
  });
  return choice;
}

}  // namespace prhost
