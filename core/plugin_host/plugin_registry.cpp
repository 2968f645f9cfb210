#include "plugin_host/plugin_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "plugin_host/shown_texts.hpp"
#include "util/printable.hpp"

namespace prhost::plugin_host {
namespace {

// One row per contribution kind: its display name and where it lives.
// Written once here so listing, lookup and merging cannot disagree.
template <typename T>
struct KindSlot {
  const char* kind;
  std::vector<Contribution<T>> PluginRegistry::*member;
};

template <typename Visitor>
void for_each_kind(Visitor&& visit) {
  visit(KindSlot<sdk::CompareFlagPolicy>{"flag-policy", &PluginRegistry::flag_policies});
  visit(KindSlot<sdk::DomainClassifier>{"classifier", &PluginRegistry::classifiers});
  visit(KindSlot<sdk::DiagnosticCheck>{"check", &PluginRegistry::checks});
  visit(KindSlot<sdk::BenchmarkGenerator>{"generator", &PluginRegistry::generators});
  visit(KindSlot<sdk::MockProvider>{"mock", &PluginRegistry::mocks});
  visit(KindSlot<sdk::InputRecipe>{"input-recipe", &PluginRegistry::input_recipes});
  visit(KindSlot<sdk::RunnerAdapter>{"runner", &PluginRegistry::runners});
  visit(KindSlot<sdk::PrBodyTemplate>{"pr-body-template", &PluginRegistry::pr_body_templates});
  visit(KindSlot<sdk::DomainDefinition>{"domain", &PluginRegistry::domains});
  visit(KindSlot<sdk::CheckDescription>{"check-description", &PluginRegistry::check_descriptions});
  visit(KindSlot<sdk::EnvironmentQuery>{"environment-query", &PluginRegistry::environment_queries});
}

// What a contribution must provide besides an id; empty when complete.
std::string missing_part(const sdk::CompareFlagPolicy& policy) { return policy.domain.empty() ? "a domain" : ""; }
std::string missing_part(const sdk::DomainClassifier& classifier) {
  if (classifier.domain.empty()) return "a domain";
  return classifier.classify ? "" : "a classify function";
}
std::string missing_part(const sdk::DiagnosticCheck& check) { return check.run ? "" : "a run function"; }
std::string missing_part(const sdk::BenchmarkGenerator& generator) {
  return generator.generate ? "" : "a generate function";
}
std::string missing_part(const sdk::MockProvider& mock) { return mock.python_source.empty() ? "python_source" : ""; }
std::string missing_part(const sdk::InputRecipe& recipe) {
  return recipe.expression.empty() || recipe.annotations.empty() ? "annotations and an expression" : "";
}
std::string missing_part(const sdk::RunnerAdapter& runner) {
  return runner.detect && runner.python ? "" : "detect and python functions";
}
std::string missing_part(const sdk::PrBodyTemplate& pr_body_template) {
  if (pr_body_template.variant != "cpu" && pr_body_template.variant != "memory") return "a variant (cpu or memory)";
  return pr_body_template.text.empty() ? "a text" : "";
}
std::string missing_part(const sdk::DomainDefinition& definition) {
  return definition.domain.empty() ? "a domain" : "";
}

std::string missing_part(const sdk::CheckDescription& description) {
  return description.looks_at.empty() ? "what it looks at (looks_at)" : "";
}
std::string missing_part(const sdk::EnvironmentQuery& query) { return query.query ? "" : "a query function"; }

// Options are keyed per plugin: a key twice in one plugin, or without a
// type, is an error; the same key in two plugins is not.
std::optional<std::string> option_error(const std::vector<Contribution<sdk::PluginOption>>& options,
                                        const Origin& origin) {
  std::set<std::string> seen;
  for (const auto& entry : options) {
    if (entry.value.key.empty() || entry.value.type.empty()) {
      return fmt::format("{}: plugin '{}' declared an option without a key or a type", origin.path.string(),
                         origin.plugin);
    }
    if (!seen.insert(entry.value.key).second) {
      return fmt::format("{}: plugin '{}' declared option '{}' twice", origin.path.string(), origin.plugin,
                         entry.value.key);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Origin> PluginRegistry::owner_of(const std::string& kind, const std::string& id) const {
  std::optional<Origin> found;
  for_each_kind([&](auto slot) {
    if (found || kind != slot.kind) return;
    for (const auto& entry : this->*slot.member) {
      if (entry.value.id == id) found = entry.origin;
    }
  });
  return found;
}

std::vector<std::string> PluginRegistry::ids_of(const std::string& plugin) const {
  std::vector<std::string> ids;
  for_each_kind([&](auto slot) {
    for (const auto& entry : this->*slot.member) {
      if (entry.origin.plugin == plugin) ids.push_back(std::string(slot.kind) + ":" + entry.value.id);
    }
  });
  return ids;
}

const sdk::RunnerAdapter* PluginRegistry::runner(const std::string& id) const {
  for (const auto& entry : runners) {
    if (entry.value.id == id) return &entry.value;
  }
  return nullptr;
}

const Contribution<sdk::EnvironmentQuery>* PluginRegistry::environment_query(const std::string& runner_id) const {
  for (const auto& entry : environment_queries) {
    if (entry.value.id == runner_id) return &entry;
  }
  return nullptr;
}

const sdk::CheckDescription* PluginRegistry::check_description(const std::string& check_id) const {
  for (const auto& entry : check_descriptions) {
    if (entry.value.id == check_id) return &entry.value;
  }
  return nullptr;
}

std::vector<const sdk::CompareFlagPolicy*> PluginRegistry::policies_for(const std::string& domain) const {
  std::vector<const sdk::CompareFlagPolicy*> found;
  for (const auto& entry : flag_policies) {
    if (entry.value.domain == domain) found.push_back(&entry.value);
  }
  return found;
}

void StagingRegistry::add_compare_flag_policy(sdk::CompareFlagPolicy policy) {
  staged_.flag_policies.push_back({std::move(policy), {}});
}
void StagingRegistry::add_domain_classifier(sdk::DomainClassifier classifier) {
  staged_.classifiers.push_back({std::move(classifier), {}});
}
void StagingRegistry::add_check(sdk::DiagnosticCheck check) {
  make_printable(check);
  staged_.checks.push_back({std::move(check), {}});
}
void StagingRegistry::add_benchmark_generator(sdk::BenchmarkGenerator generator) {
  staged_.generators.push_back({std::move(generator), {}});
}
void StagingRegistry::add_mock_provider(sdk::MockProvider mock) { staged_.mocks.push_back({std::move(mock), {}}); }
void StagingRegistry::add_input_recipe(sdk::InputRecipe recipe) {
  staged_.input_recipes.push_back({std::move(recipe), {}});
}
void StagingRegistry::add_runner(sdk::RunnerAdapter runner) { staged_.runners.push_back({std::move(runner), {}}); }
void StagingRegistry::add_pr_body_template(sdk::PrBodyTemplate pr_body_template) {
  staged_.pr_body_templates.push_back({std::move(pr_body_template), {}});
}
void StagingRegistry::add_domain(sdk::DomainDefinition definition) {
  staged_.domains.push_back({std::move(definition), {}});
}

void StagingRegistry::add_check_description(sdk::CheckDescription description) {
  make_printable(description);
  staged_.check_descriptions.push_back({std::move(description), {}});
}
void StagingRegistry::add_environment_query(sdk::EnvironmentQuery query) {
  staged_.environment_queries.push_back({std::move(query), {}});
}
void StagingRegistry::add_option(sdk::PluginOption option) {
  make_printable(option);
  staged_.options.push_back({std::move(option), {}});
}

std::optional<std::string> StagingRegistry::commit_into(PluginRegistry& target, const Origin& origin) const {
  // Validate everything before touching `target`: all or nothing.
  std::optional<std::string> error = option_error(staged_.options, origin);
  for_each_kind([&](auto slot) {
    std::set<std::string> seen;
    for (const auto& entry : staged_.*slot.member) {
      if (error) return;
      const auto& id = entry.value.id;
      if (id.empty()) {
        error = fmt::format("{}: plugin '{}' registered a {} without an id", origin.path.string(), origin.plugin,
                            slot.kind);
      } else if (!is_printable_id(id)) {
        error = fmt::format(
            "{}: plugin '{}' registered {} '{}', an id with control characters or bytes that are not UTF-8; "
            "ids are matched and shown, so they must be plain text",
            origin.path.string(), origin.plugin, slot.kind, util::printable(id));
      } else if (auto part = missing_part(entry.value); !part.empty()) {
        error = fmt::format("{}: plugin '{}' registered {} '{}' without {}", origin.path.string(), origin.plugin,
                            slot.kind, id, part);
      } else if (!seen.insert(id).second) {
        error =
            fmt::format("{}: plugin '{}' registered {} '{}' twice", origin.path.string(), origin.plugin, slot.kind, id);
      } else if (auto owner = target.owner_of(slot.kind, id)) {
        error = fmt::format(
            "{}: duplicate {} id '{}': plugin '{}' ({}) already registered it, so plugin '{}' was not "
            "loaded; disable one of them in prhost.toml [plugins] disable",
            origin.path.string(), slot.kind, id, owner->plugin, owner->path.string(), origin.plugin);
      }
    }
  });
  if (error) return error;

  for_each_kind([&](auto slot) {
    for (auto entry : staged_.*slot.member) {
      entry.origin = origin;
      (target.*slot.member).push_back(std::move(entry));
    }
  });
  for (auto entry : staged_.options) {
    entry.origin = origin;
    target.options.push_back(std::move(entry));
  }
  std::stable_sort(target.checks.begin(), target.checks.end(), [](const auto& a, const auto& b) {
    return a.value.order != b.value.order ? a.value.order < b.value.order : a.value.id < b.value.id;
  });
  return std::nullopt;
}

}  // namespace prhost::plugin_host
