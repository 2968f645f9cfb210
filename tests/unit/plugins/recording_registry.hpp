// A Registry that keeps whatever a plugin registers, so a test can look at a
// plugin's contributions without the host.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "prhost/sdk/registry.hpp"

namespace prhost::testing {

class RecordingRegistry : public sdk::Registry {
 public:
  std::vector<sdk::CompareFlagPolicy> policies;
  std::vector<sdk::DomainClassifier> classifiers;
  std::vector<sdk::DiagnosticCheck> checks;
  std::vector<sdk::BenchmarkGenerator> generators;
  std::vector<sdk::MockProvider> mocks;
  std::vector<sdk::InputRecipe> recipes;
  std::vector<sdk::RunnerAdapter> runners;
  std::vector<sdk::PrBodyTemplate> pr_body_templates;
  std::vector<sdk::DomainDefinition> domains;
  std::vector<sdk::CheckDescription> check_descriptions;
  std::vector<sdk::EnvironmentQuery> environment_queries;
  std::vector<sdk::PluginOption> options;

  void add_compare_flag_policy(sdk::CompareFlagPolicy policy) override { policies.push_back(std::move(policy)); }
  void add_domain_classifier(sdk::DomainClassifier classifier) override {
    classifiers.push_back(std::move(classifier));
  }
  void add_check(sdk::DiagnosticCheck check) override { checks.push_back(std::move(check)); }
  void add_benchmark_generator(sdk::BenchmarkGenerator generator) override {
    generators.push_back(std::move(generator));
  }
  void add_mock_provider(sdk::MockProvider mock) override { mocks.push_back(std::move(mock)); }
  void add_input_recipe(sdk::InputRecipe recipe) override { recipes.push_back(std::move(recipe)); }
  void add_runner(sdk::RunnerAdapter runner) override { runners.push_back(std::move(runner)); }
  void add_pr_body_template(sdk::PrBodyTemplate pr_body_template) override {
    pr_body_templates.push_back(std::move(pr_body_template));
  }
  void add_domain(sdk::DomainDefinition definition) override { domains.push_back(std::move(definition)); }
  void add_check_description(sdk::CheckDescription description) override {
    check_descriptions.push_back(std::move(description));
  }
  void add_environment_query(sdk::EnvironmentQuery query) override { environment_queries.push_back(std::move(query)); }
  void add_option(sdk::PluginOption option) override { options.push_back(std::move(option)); }

  // Every id registered, of every kind, for uniqueness checks.
  [[nodiscard]] std::vector<std::string> all_ids() const {
    std::vector<std::string> ids;
    for (const auto& item : policies) ids.push_back(item.id);
    for (const auto& item : classifiers) ids.push_back(item.id);
    for (const auto& item : checks) ids.push_back(item.id);
    for (const auto& item : generators) ids.push_back(item.id);
    for (const auto& item : mocks) ids.push_back(item.id);
    for (const auto& item : recipes) ids.push_back(item.id);
    for (const auto& item : runners) ids.push_back(item.id);
    for (const auto& item : pr_body_templates) ids.push_back(item.id);
    for (const auto& item : domains) ids.push_back(item.id);
    return ids;
  }

  [[nodiscard]] std::optional<sdk::CompareFlagPolicy> policy_for(const std::string& domain) const {
    auto it = std::find_if(policies.begin(), policies.end(), [&](const auto& p) { return p.domain == domain; });
    if (it == policies.end()) return std::nullopt;
    return *it;
  }
};

}  // namespace prhost::testing
