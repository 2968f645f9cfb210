// Phase 1 inside prepare: runs bench for the planned optimizations (or, for
// `report` and `pr-body`, only looks at what exists) and turns each benchmark
// into the evidence the PR body and the report read. Bench's result is read
// through its JSON rows (`prhost bench --json`), so whatever bench adds there
// — the changed-line coverage, the base/head equivalence — reaches the PR
// body without a change here; absent fields stay "not measured". Those rows
// are kept in the result store keyed by the file's blob and both commits.
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
// An existing benchmark brings the evidence of its last validation at the
// same content and commits, or is run at head and base now (always, when
// `reuse` is false) — so its coverage and equivalence reach the PR body
// whether this run, an earlier `prhost bench` or the user wrote the file.
BenchOutcome run_bench_step(const Session& session, const inventory::CollectedInventory& collected, Plan& plan,
                            const ResultStore& store, bool reuse = true);

// Only what exists: benchmarks in the working tree or at head, with what the
// last validation recorded for the same file content and commits.
BenchOutcome existing_benchmarks(const Session& session, const Plan& plan, const ResultStore& store);

// One `prhost bench --json` row as evidence (exposed for tests).
pr_body::BenchmarkEvidence benchmark_from_row(const nlohmann::json& row);

}  // namespace prhost::prepare
