#include "prepare/bench_step.hpp"

#include <fmt/format.h>

#include "bench/bench_render.hpp"
#include "bench/bench_runner.hpp"
#include "bench/session_context.hpp"
#include "git/history.hpp"
#include "util/read_file.hpp"

namespace prhost::prepare {
namespace {

// The coverage line from a bench row, when bench measured it: either its
// own sentence or the counts.
void read_coverage(const nlohmann::json& row, pr_body::BenchmarkEvidence& evidence) {
  const auto found = row.find("coverage");
  if (found == row.end() || found->is_null()) return;
  if (found->is_string()) {
    evidence.coverage = found->get<std::string>();
    return;
  }
  if (!found->is_object()) return;
  const int changed = found->value("changed_lines", 0);
  const int executed = found->value("executed_lines", 0);
  if (changed <= 0) return;
  evidence.coverage = fmt::format("the benchmark executes {}/{} changed lines{}", executed, changed,
                                  found->contains("file") ? " of " + found->value("file", std::string()) : "");
  evidence.coverage_reaches_change = executed > 0;
}

void read_equivalence(const nlohmann::json& row, pr_body::BenchmarkEvidence& evidence) {
  const auto found = row.find("equivalence");
  if (found == row.end() || !found->is_object()) return;
  const auto status = found->value("status", "");
  if (status == "same") {
    evidence.equivalent = true;
    evidence.equivalence_detail = found->value("how", "");
  } else if (status == "different") {
    evidence.equivalent = false;
    evidence.equivalence_detail =
        fmt::format("base returned {}, head returned {}", found->value("base", "?"), found->value("head", "?"));
  }
}

std::string blob_of(const std::filesystem::path& file) {
  const auto content = util::read_text_file(file);
  return content ? git::blob_id(*content) : "";
}

void fill_from_plan(const Plan& plan, int number, pr_body::BenchmarkEvidence& evidence) {
  for (const auto& item : plan.items) {
    if (item.optimization->number != number) continue;
    for (const auto& benchmark : item.benchmarks) {
      if (benchmark.function != evidence.function) continue;
      evidence.function_file = benchmark.function_file;
      evidence.is_method = benchmark.is_method;
    }
  }
}

// What bench said about a file whose content has not changed since, kept
// across runs (bench itself only validates the files it writes).
void remember(const ResultStore& store, const pr_body::BenchmarkEvidence& evidence, const nlohmann::json& row) {
  if (evidence.test_name.empty() || evidence.blob.empty()) return;
  auto record = row;
  record["blob"] = evidence.blob;
  store.save_bench(evidence.test_name, record);
}

void recall(const ResultStore& store, pr_body::BenchmarkEvidence& evidence) {
  const auto record = store.bench(evidence.test_name, evidence.blob);
  if (!record) return;
  if (evidence.inputs.empty() || evidence.inputs == "-") evidence.inputs = record->value("inputs", "");
  if (!evidence.coverage) read_coverage(*record, evidence);
  if (!evidence.equivalent) read_equivalence(*record, evidence);
}

void update_plan_paths(Plan& plan, const BenchOutcome& outcome) {
  for (auto& item : plan.items) {
    const auto found = outcome.by_number.find(item.optimization->number);
    if (found == outcome.by_number.end()) continue;
    for (auto& planned : item.benchmarks) {
      for (const auto& evidence : found->second) {
        if (evidence.function == planned.function && !evidence.path.empty()) {
          planned.path = evidence.path;
          if (!evidence.test_name.empty()) planned.test_name = evidence.test_name;
          planned.exists = evidence.status == "created" || evidence.status == "exists";
        }
      }
    }
  }
  group_comparisons(plan);
}

}  // namespace

pr_body::BenchmarkEvidence benchmark_from_row(const nlohmann::json& row) {
  pr_body::BenchmarkEvidence evidence;
  evidence.function = row.value("function", "");
  evidence.test_name = row.value("test_name", "");
  evidence.path = row.value("path", "");
  evidence.status = row.value("status", "needs review");
  evidence.cause = row.value("cause", "");
  evidence.fix = row.value("fix", "");
  evidence.inputs = row.value("inputs", "");
  evidence.public_entry = row.value("public_entry", "");
  if (evidence.function.empty()) evidence.status = "none";  // nothing to benchmark in this optimization
  read_coverage(row, evidence);
  read_equivalence(row, evidence);
  return evidence;
}

BenchOutcome run_bench_step(const Session& session, const inventory::CollectedInventory& collected, Plan& plan,
                            const ResultStore& store) {
  BenchOutcome outcome;
  const auto context = bench::make_context(session, collected);
  std::vector<std::optional<int>> runs;
  if (plan.items.size() == collected.inventory.optimizations.size()) {
    runs.emplace_back();  // everything in one bench run: one analysis of the project's tests
  } else {
    for (const auto& item : plan.items) runs.emplace_back(item.optimization->number);
  }
  for (const auto& only : runs) {
    const auto report = bench::run_bench(context, {.only = only, .force = false, .validate = true});
    const auto rows = bench::to_json(report);
    outcome.created_paths.insert(outcome.created_paths.end(), report.created_paths.begin(), report.created_paths.end());
    outcome.notes.insert(outcome.notes.end(), report.notes.begin(), report.notes.end());
    for (const auto& row : rows["benchmarks"]) {
      auto evidence = benchmark_from_row(row);
      const int number = row.value("number", 0);
      fill_from_plan(plan, number, evidence);
      if (!evidence.path.empty()) evidence.blob = blob_of(session.project_root() / evidence.path);
      if (evidence.status == "created") remember(store, evidence, row);
      recall(store, evidence);
      outcome.by_number[number].push_back(std::move(evidence));
    }
  }
  update_plan_paths(plan, outcome);
  return outcome;
}

BenchOutcome existing_benchmarks(const Session& session, const Plan& plan, const ResultStore& store) {
  BenchOutcome outcome;
  for (const auto& item : plan.items) {
    auto& list = outcome.by_number[item.optimization->number];
    for (const auto& planned : item.benchmarks) {
      pr_body::BenchmarkEvidence evidence;
      evidence.function = planned.function;
      evidence.function_file = planned.function_file;
      evidence.is_method = planned.is_method;
      evidence.test_name = planned.test_name;
      evidence.path = planned.path;
      evidence.status = planned.exists ? "exists" : "none";
      if (!planned.exists) evidence.cause = "not written yet (run `prhost prepare` or `prhost bench`)";
      if (planned.exists) evidence.blob = blob_of(session.project_root() / planned.path);
      recall(store, evidence);
      list.push_back(std::move(evidence));
    }
    if (item.benchmarks.empty()) {
      pr_body::BenchmarkEvidence none;
      none.status = "none";
      none.cause = item.optimization->functions_note.empty() ? "no importable Python function changed"
                                                             : item.optimization->functions_note;
      list.push_back(std::move(none));
    }
  }
  return outcome;
}

}  // namespace prhost::prepare
