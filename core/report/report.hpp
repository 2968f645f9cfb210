// Phase 5, the report: one row per optimization with its benchmark, what
// compare measured, its PR body and its status, plus the claims people made
// set beside the measurements. Printed at the end of `prhost prepare`, by
// `prhost report`, as JSON (`--json`) and as a page (`--html`, html_report).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pr_body/evidence.hpp"
#include "report/status.hpp"

namespace prhost::report {

struct ReportRow {
  pr_body::OptimizationEvidence evidence;
  Status status;
};

struct Report {
  std::vector<ReportRow> rows;
  std::string platform;            // the platform line the numbers were measured on
  std::vector<std::string> notes;  // what the run reused, skipped or could not do
};

// Decides each row's status.
Report build_report(std::vector<pr_body::OptimizationEvidence> evidence, std::string platform);

// "1.53x faster (1.47–1.60x)", "peak −42.0 MiB (−67.6%)", "not measured: …".
std::string compare_cell(const pr_body::OptimizationEvidence& evidence);

// | # | Optimization | Benchmark | Compare | PR body | Status |, then the
// claims beside the measurements and one line per blocker's detail.
std::string render_markdown(const Report& report);

nlohmann::json to_json(const Report& report);
nlohmann::json to_json(const pr_body::OptimizationEvidence& evidence);

// Doctor's findings as the report's JSON shows them (and prepare stores them
// for `prhost report`); from_json ignores what it does not know.
nlohmann::json to_json(const pr_body::DoctorEvidence& doctor);
pr_body::DoctorEvidence doctor_from_json(const nlohmann::json& doctor);

// Counts by status: {"ready": 2, "needs review": 1, "blocked": 1}.
nlohmann::json status_counts(const Report& report);

}  // namespace prhost::report
