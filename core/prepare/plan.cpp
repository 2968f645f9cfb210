#include "prepare/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "bench/benchmark_files.hpp"
#include "domains/domain_resolver.hpp"

namespace prhost::prepare {
namespace {

const inventory::ChangedFunction* function_named(const inventory::Optimization& optimization, const std::string& id) {
  for (const auto& function : optimization.functions) {
    if (function.id() == id) return &function;
  }
  return nullptr;
}

// Where each function's benchmark is (or will be): the inventory already knows
// which functions get one and where an existing one lives.
std::vector<PlannedBenchmark> planned_benchmarks(const inventory::Optimization& optimization,
                                                 const std::string& benchmarks_root, std::set<std::string>& seen) {
  std::vector<PlannedBenchmark> planned;
  for (const auto& benchmark : optimization.benchmarks) {
    // The same function changed twice gets one benchmark, under the first.
    if (benchmark.test_names.empty() || !seen.insert(benchmark.function).second) continue;
    PlannedBenchmark item;
    item.function = benchmark.function;
    item.test_name = benchmark.test_names.front();
    const auto* function = function_named(optimization, benchmark.function);
    if (function != nullptr) {
      // The name bench gives the test, when the inventory looked for it too.
      const auto named = bench::benchmark_test_name(function->name, function->class_name);
      const auto& names = benchmark.test_names;
      if (std::find(names.begin(), names.end(), named) != names.end()) item.test_name = named;
    }
    const auto existing = benchmark.in_worktree ? benchmark.in_worktree : benchmark.at_head;
    item.exists = existing.has_value();
    item.path = existing ? *existing : benchmarks_root + "/" + item.test_name + ".py";
    if (function != nullptr) {
      item.function_file = function->file;
      item.is_method = function->is_method;
    }
    planned.push_back(std::move(item));
  }
  return planned;
}

std::string listed(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "none" : text;
}

}  // namespace

Plan make_plan(const Session& session, std::shared_ptr<const inventory::CollectedInventory> inventory,
               const std::vector<int>& only) {
  Plan plan;
  plan.inventory = std::move(inventory);
  const auto& collected = *plan.inventory;
  plan.benchmarks_root = collected.benchmarks_root.path;
  const auto& registry = session.registry();
  for (const auto& check : registry.checks) plan.checks.push_back(check.value.id);
  for (const int number : only) {
    const auto& all = collected.inventory.optimizations;
    if (std::none_of(all.begin(), all.end(), [&](const auto& o) { return o.number == number; })) {
      throw std::invalid_argument(fmt::format(
          "there is no optimization #{}: the inventory has {} (run `prhost inventory` to see their numbers)", number,
          all.size()));
    }
  }
  std::set<std::string> seen;
  for (const auto& optimization : collected.inventory.optimizations) {
    if (!only.empty() && std::find(only.begin(), only.end(), optimization.number) == only.end()) continue;
    PlanItem item;
    item.optimization = &optimization;
    item.refs = inventory::choose_refs(*session.repository(), optimization, session.config().optimizations);
    const auto& domains = optimization.domains_or_declared();
    const auto resolved = domains::resolve_flags(registry, domains);
    item.flags = resolved.flags;
    item.flags_text = domains::flags_text(resolved.flags);
    item.policy_ids = resolved.policy_ids;
    item.benchmarks = planned_benchmarks(optimization, plan.benchmarks_root, seen);
    plan.items.push_back(std::move(item));
  }
  group_comparisons(plan);
  return plan;
}

void group_comparisons(Plan& plan) {
  plan.groups.clear();
  std::map<std::string, std::size_t> by_refs;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    if (!item.refs.ok() || item.benchmarks.empty()) continue;
    auto [found, inserted] = by_refs.emplace(item.refs.key(), plan.groups.size());
    if (inserted) plan.groups.push_back({item.refs.base_sha, item.refs.head_sha, {}, {}, false, std::nullopt});
    auto& group = plan.groups[found->second];
    group.items.push_back(i);
    for (const auto& benchmark : item.benchmarks) {
      if (std::find(group.benchmark_paths.begin(), group.benchmark_paths.end(), benchmark.path) ==
          group.benchmark_paths.end()) {
        group.benchmark_paths.push_back(benchmark.path);
      }
    }
    // Shared rounds must satisfy every member: memory if any wants it, the
    // longest timeout any asks for.
    group.memory = group.memory || item.flags.memory;
    group.instructions = group.instructions || item.flags.instructions;
    if (item.flags.timeout_seconds) {
      group.timeout_seconds = std::max(group.timeout_seconds.value_or(0), *item.flags.timeout_seconds);
    }
  }
}

std::string render_plan(const Plan& plan, const std::string& unit_test_command) {
  std::string text = "prhost prepare --dry-run: nothing is written.\n\n";
  for (const auto& item : plan.items) {
    const auto& o = *item.optimization;
    text += fmt::format("#{} {} ({})\n", o.number, o.description.empty() ? o.commit.subject : o.description,
                        o.commit.short_sha);
    if (item.refs.ok()) {
      text += fmt::format("  refs:       {} → {} ({})\n", item.refs.base_label, item.refs.head_label, item.refs.origin);
    } else {
      text += "  refs:       none — " + item.refs.error + "\n";
    }
    for (const auto& note : item.refs.notes) text += "              " + note + "\n";
    text += fmt::format("  flags:      {} (policies: {})\n", item.flags_text.empty() ? "none" : item.flags_text,
                        listed(item.policy_ids));
    if (item.benchmarks.empty())
      text += "  benchmark:  none (" +
              (o.functions_note.empty() ? std::string("no importable function changed") : o.functions_note) + ")\n";
    for (const auto& benchmark : item.benchmarks) {
      text += fmt::format("  benchmark:  {} ({})\n", benchmark.path, benchmark.exists ? "exists" : "would be written");
    }
  }
  text += "\nComparisons (optimizations on the same refs share their rounds):\n";
  for (const auto& group : plan.groups) {
    std::vector<std::string> numbers;
    for (const auto index : group.items)
      numbers.push_back("#" + std::to_string(plan.items[index].optimization->number));
    text += fmt::format("  {} {}..{}: {}{}{}\n", listed(numbers), group.base_sha.substr(0, 12),
                        group.head_sha.substr(0, 12), listed(group.benchmark_paths), group.memory ? " --memory" : "",
                        group.timeout_seconds ? " --timeout " + std::to_string(*group.timeout_seconds) : "");
  }
  text += "\nDoctor checks (safe repairs only): " + listed(plan.checks) + "\n";
  text += "Unit tests at each head, in a prhost-owned checkout: " + unit_test_command + "\n";
  return text;
}

nlohmann::json plan_json(const Plan& plan, const std::string& unit_test_command) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : plan.items) {
    nlohmann::json benchmarks = nlohmann::json::array();
    for (const auto& benchmark : item.benchmarks) {
      benchmarks.push_back({{"function", benchmark.function},
                            {"test_name", benchmark.test_name},
                            {"path", benchmark.path},
                            {"exists", benchmark.exists}});
    }
    items.push_back({{"number", item.optimization->number},
                     {"commit", item.optimization->commit.sha},
                     {"refs",
                      {{"base", item.refs.base_sha},
                       {"head", item.refs.head_sha},
                       {"base_label", item.refs.base_label},
                       {"head_label", item.refs.head_label},
                       {"origin", item.refs.origin},
                       {"error", item.refs.error},
                       {"notes", item.refs.notes}}},
                     {"flags", item.flags_text},
                     {"benchmarks", benchmarks}});
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : plan.groups) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto index : group.items) members.push_back(plan.items[index].optimization->number);
    groups.push_back(
        {{"base", group.base_sha},
         {"head", group.head_sha},
         {"optimizations", members},
         {"benchmarks", group.benchmark_paths},
         {"memory", group.memory},
         {"timeout_seconds", group.timeout_seconds ? nlohmann::json(*group.timeout_seconds) : nlohmann::json()}});
  }
  return {{"dry_run", true},
          {"optimizations", items},
          {"comparisons", groups},
          {"checks", plan.checks},
          {"unit_tests", unit_test_command}};
}

}  // namespace prhost::prepare
