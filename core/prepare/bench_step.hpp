// Phase 1 inside prepare: runs bench for the planned optimizations (or, for
// `report` and `pr-body`, only looks at what exists) and turns each benchmark
// into the evidence the PR body and the report read. Bench's result is read
// through its JSON rows (`prhost bench --json`), so whatever bench adds there
// — the changed-line coverage, the base/head equivalence — reaches the PR
// body without a change here; absent fields stay "not measured".
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "inventory/collect.hpp"
#include "pr_body/evidence.hpp"
#include "prepare/plan.hpp"
#include "prepare/result_store.hpp"
#include "session/session.hpp"

namespace prhost::prepare {

struct BenchOutcome {
  std::map<int, std::vector<pr_body::BenchmarkEvidence>> by_number;  // optimization number → its benchmarks
  std::vector<std::string> created_paths;
  std::vector<std::string> notes;
};

// Writes missing benchmarks and runs each new one once (bench's own rules:
// an existing test is never touched), then updates `plan`'s benchmark paths.
BenchOutcome run_bench_step(const Session& session, const inventory::CollectedInventory& collected, Plan& plan,
                            const ResultStore& store);

// Only what exists: benchmarks in the working tree or at head, with what the
// last bench run recorded for the same file content.
BenchOutcome existing_benchmarks(const Session& session, const Plan& plan, const ResultStore& store);

// One `prhost bench --json` row as evidence (exposed for tests).
pr_body::BenchmarkEvidence benchmark_from_row(const nlohmann::json& row);

}  // namespace prhost::prepare
