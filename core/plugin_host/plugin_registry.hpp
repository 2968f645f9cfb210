// The host's registry of contributions, each remembering which plugin gave
// it. A plugin registers into a staging registry first; its contributions are
// committed only if none of its ids is already taken, so a bad plugin never
// leaves half of itself behind.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prhost/sdk/registry.hpp"

namespace prhost::plugin_host {

struct Origin {
  std::string plugin;
  std::filesystem::path path;
};

template <typename T>
struct Contribution {
  T value;
  Origin origin;
};

// The kinds of contribution, used in listings ("check", "runner", ...).
struct PluginRegistry {
  std::vector<Contribution<sdk::CompareFlagPolicy>> flag_policies;
  std::vector<Contribution<sdk::DomainClassifier>> classifiers;
  std::vector<Contribution<sdk::DiagnosticCheck>> checks;  // sorted by order, then id
  std::vector<Contribution<sdk::BenchmarkGenerator>> generators;
  std::vector<Contribution<sdk::MockProvider>> mocks;
  std::vector<Contribution<sdk::InputRecipe>> input_recipes;
  std::vector<Contribution<sdk::RunnerAdapter>> runners;
  std::vector<Contribution<sdk::PrBodyTemplate>> pr_body_templates;
  std::vector<Contribution<sdk::DomainDefinition>> domains;
  std::vector<Contribution<sdk::CheckDescription>> check_descriptions;
  std::vector<Contribution<sdk::EnvironmentQuery>> environment_queries;
  // Per plugin, not global: two plugins may each read an option "python".
  std::vector<Contribution<sdk::PluginOption>> options;

  // Where an id is registered (any kind), if anywhere.
  [[nodiscard]] std::optional<Origin> owner_of(const std::string& kind, const std::string& id) const;
  // "kind:id" of every contribution of `plugin`.
  [[nodiscard]] std::vector<std::string> ids_of(const std::string& plugin) const;
  [[nodiscard]] const sdk::RunnerAdapter* runner(const std::string& id) const;
  [[nodiscard]] const Contribution<sdk::EnvironmentQuery>* environment_query(const std::string& runner_id) const;
  [[nodiscard]] const sdk::CheckDescription* check_description(const std::string& check_id) const;
  // Policies for a domain (any number of plugins may contribute one).
  [[nodiscard]] std::vector<const sdk::CompareFlagPolicy*> policies_for(const std::string& domain) const;
};

// Collects one plugin's registrations (sdk::Registry) before they are merged.
class StagingRegistry : public sdk::Registry {
 public:
  void add_compare_flag_policy(sdk::CompareFlagPolicy policy) override;
  void add_domain_classifier(sdk::DomainClassifier classifier) override;
  void add_check(sdk::DiagnosticCheck check) override;
  void add_benchmark_generator(sdk::BenchmarkGenerator generator) override;
  void add_mock_provider(sdk::MockProvider mock) override;
  void add_input_recipe(sdk::InputRecipe recipe) override;
  void add_runner(sdk::RunnerAdapter runner) override;
  void add_pr_body_template(sdk::PrBodyTemplate pr_body_template) override;
  void add_domain(sdk::DomainDefinition definition) override;
  void add_check_description(sdk::CheckDescription description) override;
  void add_environment_query(sdk::EnvironmentQuery query) override;
  void add_option(sdk::PluginOption option) override;

  // Merges into `target` with `origin`. On a duplicate id (within the plugin
  // or against `target`) nothing is merged and the error names both sides.
  // Also rejects empty ids and missing callbacks.
  [[nodiscard]] std::optional<std::string> commit_into(PluginRegistry& target, const Origin& origin) const;

 private:
  PluginRegistry staged_;
};

}  // namespace prhost::plugin_host
