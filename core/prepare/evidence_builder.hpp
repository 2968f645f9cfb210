// Puts together one optimization's evidence from what each phase produced:
// the inventory (description, commit, functions, PR status), the plan (refs,
// flags), bench, compare, the unit tests and the claims written in HANDOFF.md,
// the commit message and results.tsv.
#pragma once

#include <string>
#include <vector>

#include "inventory/collect.hpp"
#include "inventory/results_tsv.hpp"
#include "pr_body/evidence.hpp"
#include "prepare/plan.hpp"

namespace prhost::prepare {

// "uv run python" for {"uv", "run", "--project", "/abs/root", "python"};
// "/abs/root/.venv/bin/python" becomes ".venv/bin/python": a PR body names
// the command, not the path of somebody's clone.
std::string display_python(const std::vector<std::string>& python, const std::filesystem::path& project_root);

// Every claim made about `optimization`, each with where it was written.
std::vector<pr_body::Claim> claims_for(const inventory::Optimization& optimization,
                                       const std::vector<inventory::ResultsRow>& results_rows);

struct EvidenceParts {
  std::vector<pr_body::BenchmarkEvidence> benchmarks;
  pr_body::CompareEvidence compare;
  pr_body::UnitTestEvidence unit_tests;
  pr_body::DoctorEvidence doctor;
};

pr_body::OptimizationEvidence build_evidence(const PlanItem& item, EvidenceParts parts,
                                             const std::string& runner_python,
                                             const std::vector<inventory::ResultsRow>& results_rows);

}  // namespace prhost::prepare
