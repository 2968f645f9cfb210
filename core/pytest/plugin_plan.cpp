#include "pytest/plugin_plan.hpp"

#include <nlohmann/json.hpp>

#include "embedded/prhost_pytest_config.hpp"

namespace prhost::pytest {
namespace {

std::string text_of(const nlohmann::json& item, const char* key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings_of(const nlohmann::json& item, const char* key) {
  std::vector<std::string> out;
  const auto it = item.find(key);
  if (it == item.end() || !it->is_array()) return out;
  for (const auto& value : *it) {
    if (value.is_string()) out.push_back(value.get<std::string>());
  }
  return out;
}

}  // namespace

std::vector<std::string> PluginPlan::pytest_args() const {
  std::vector<std::string> args;
  for (const auto& plugin : plugins) {
    if (plugin.loaded_by_addopts) continue;
    args.emplace_back("-p");
    args.push_back(plugin.module);
  }
  return args;
}

std::vector<std::string> PluginPlan::modules() const {
  std::vector<std::string> out;
  for (const auto& plugin : plugins) {
    if (!plugin.loaded_by_addopts) out.push_back(plugin.module);
  }
  return out;
}

PluginPlan parse_plugin_plan(const nlohmann::json& reply) {
  PluginPlan plan;
  if (!reply.is_object()) return plan;
  plan.config_file = text_of(reply, "config_file");
  plan.addopts = strings_of(reply, "addopts");
  plan.addopts_for_prhost = strings_of(reply, "addopts_for_prhost");
  plan.conftest_plugins = strings_of(reply, "conftest_plugins");
  if (const auto it = reply.find("plugins"); it != reply.end() && it->is_array()) {
    for (const auto& item : *it) {
      plan.plugins.push_back({text_of(item, "module"), text_of(item, "name"), text_of(item, "reason"),
                              item.value("loaded_by_addopts", false)});
    }
  }
  if (const auto it = reply.find("unavailable"); it != reply.end() && it->is_array()) {
    for (const auto& item : *it) {
      plan.unavailable.push_back({text_of(item, "name"), text_of(item, "reason"), text_of(item, "error")});
    }
  }
  return plan;
}

std::string_view plugin_plan_helper_source() { return python::prhost_pytest_config(); }

tl::expected<PluginPlan, std::string> plan_pytest_plugins(const std::vector<std::string>& python,
                                                          const std::filesystem::path& project_root,
                                                          const std::vector<std::string>& extra,
                                                          const ProcessRunner& run_process) {
  HelperRun run;
  run.python = python;
  run.cwd = project_root;
  run.modules = {{"prhost_pytest_config", python::prhost_pytest_config()}};
  run.request = {{"root", project_root.string()}, {"extra", extra}};
  run.timeout = std::chrono::minutes(1);
  run.what = "read the project's pytest configuration";
  auto reply = run_python_helper(run, run_process);
  if (!reply) return tl::make_unexpected(reply.error());
  return parse_plugin_plan(reply->reply);
}

}  // namespace prhost::pytest
