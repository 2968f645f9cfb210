// `prhost prepare`: the whole workflow in one command — inventory → bench →
// doctor (safe repairs) → unit tests at each head → compare (built-in engine,
// flags from the domain plugins) → PR bodies → report. It carries on past
// one optimization's failure, never pushes, never opens a PR, never moves
// the user's branch, and writes only under `.codeflash/` and the benchmarks
// root — besides the project files doctor's safe repairs edit (a key of
// pyproject.toml, the original kept in .codeflash/backup/), which the report
// lists. `report`, `pr-body` and `report --collect` run the same pipeline with
// some phases only reading what earlier runs (or CI jobs) left.
#pragma once

#include <string>
#include <vector>

#include "pr_body/template_source.hpp"
#include "prepare/compare_step.hpp"
#include "prepare/doctor_step.hpp"
#include "prepare/plan.hpp"
#include "report/report.hpp"
#include "session/session.hpp"

namespace prhost::prepare {

struct PrepareOptions {
  std::vector<int> only;         // optimization numbers; empty: all
  bool write_benchmarks = true;  // false: only benchmarks that exist
  bool run_unit_tests = true;    // false: only stored results
  bool reuse = true;             // take stored results whose key still matches
  bool write_pr_bodies = true;
  DoctorMode doctor = DoctorMode::Repair;  // StoredOnly: what the last prepare found
  CompareStepOptions compare;
  bool terminal = false;  // stderr is a terminal: live status line with ETA
};

struct PrepareResult {
  report::Report report;
  Plan plan;
};

// Throws inventory::InventoryError (unborn/shallow/unknown head),
// pr_body::TemplateError (a bad template: checked before anything runs),
// std::invalid_argument (--only names no optimization) and
// services::Interrupted; everything else becomes evidence in the report.
PrepareResult run_prepare(const Session& session, const PrepareOptions& options);

struct DryRun {
  Plan plan;
  std::string unit_test_command;
};

// The plan, and nothing written (`prepare --dry-run`).
DryRun plan_prepare(const Session& session, const std::vector<int>& only);

// For `--emit-ci`: inventory and bench (the CI jobs need the benchmark
// files), then the plan; nothing is measured here. `untracked` receives the
// benchmark files that are not committed at HEAD.
Plan prepare_for_ci(const Session& session, const std::vector<int>& only, std::vector<std::string>& untracked);

// "3.11.7": the version of the interpreter the runner starts; empty when it
// does not start.
std::string runner_python_version(const Session& session);

// The templates prhost.toml and the plugins provide (for checks and rendering).
pr_body::TemplateSources template_sources(const Session& session);

// True when every optimization is ready (prepare's exit code 0).
bool all_ready(const report::Report& report);

}  // namespace prhost::prepare
