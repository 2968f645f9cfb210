// What `prhost prepare` will do, decided before anything runs: per
// optimization the refs (own commit, PR or prhost.toml override), the compare
// flags its domains ask for, its benchmark files, and which comparisons share
// refs and therefore share their rounds. `--dry-run` prints exactly this and
// writes nothing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "inventory/collect.hpp"
#include "inventory/optimization_refs.hpp"
#include "prhost/sdk/domain.hpp"
#include "session/session.hpp"

namespace prhost::prepare {

struct PlannedBenchmark {
  std::string function;  // module:Qualname
  std::string function_file;
  bool is_method = false;
  std::string test_name;
  std::string path;     // relative to the project root
  bool exists = false;  // in the working tree or at head already
};

struct PlanItem {
  const inventory::Optimization* optimization = nullptr;  // into the collected inventory
  inventory::OptimizationRefs refs;
  sdk::CompareFlags flags;
  std::string flags_text;  // "--memory --timeout 120"
  std::vector<std::string> policy_ids;
  std::vector<PlannedBenchmark> benchmarks;
};

// One comparison: every optimization measured on the same two commits, with
// all their benchmarks in one set of interleaved rounds.
struct ComparisonGroup {
  std::string base_sha;
  std::string head_sha;
  std::vector<std::size_t> items;  // indexes into Plan::items
  std::vector<std::string> benchmark_paths;
  bool memory = false;
  std::optional<int> timeout_seconds;
  bool instructions = false;  // count instructions beside time (a domain policy asked)
};

struct Plan {
  // The inventory the items point into, kept alive as long as the plan.
  std::shared_ptr<const inventory::CollectedInventory> inventory;
  std::vector<PlanItem> items;
  std::vector<ComparisonGroup> groups;
  std::vector<std::string> checks;  // doctor check ids, in order
  std::string benchmarks_root;
};

// The plan for the selected optimizations (all when `only` is empty). Throws
// std::invalid_argument naming a number in `only` that the inventory lacks.
Plan make_plan(const Session& session, std::shared_ptr<const inventory::CollectedInventory> collected,
               const std::vector<int>& only);

// Recomputes the groups from the items' refs and benchmark paths (after bench
// has written or found the benchmarks).
void group_comparisons(Plan& plan);

// The plan as people read it (`--dry-run`) and as JSON.
std::string render_plan(const Plan& plan, const std::string& unit_test_command);
nlohmann::json plan_json(const Plan& plan, const std::string& unit_test_command);

}  // namespace prhost::prepare
