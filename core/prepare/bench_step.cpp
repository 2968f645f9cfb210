#include "prepare/bench_step.hpp"

#include <fmt/format.h>

#include "bench/bench_render.hpp"
#include "bench/bench_runner.hpp"
#include "bench/existing_validation.hpp"
#include "bench/session_context.hpp"
#include "git/history.hpp"
#include "util/read_file.hpp"

namespace prhost::prepare {
namespace {

// Bench's note on a class target ("the class layout change (L3) runs when
// the class is created, …"), or what such lines are in general.
std::string layout_note(const nlohmann::json& row) {
  for (const auto& note : row.value("notes", nlohmann::json::array())) {
    if (note.is_string() && note.get<std::string>().starts_with("the class layout change"))
      return note.get<std::string>();
  }
  return "the changed lines run when their class or module is created";
}

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
  if (changed <= 0) {
    // Measured, and nothing to execute in a call: a class layout (or a
    // module-level line) runs when the class or module is created.
    evidence.coverage = "no changed line runs inside a call (0/0): " + layout_note(row);
    evidence.coverage_reaches_change = true;
    return;
  }
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

// The commits bench validates a benchmark at: the optimization's commit and
// its first parent (bench_steps.hpp), whatever refs compare later uses.
BenchKey key_of(const inventory::Optimization& optimization, const std::string& blob) {
  const auto base = optimization.commit.parents.empty() ? std::string() : optimization.commit.parents.front();
  return {blob, base, optimization.commit.sha};
}

const inventory::Optimization* optimization_numbered(const inventory::Inventory& inventory, int number) {
  for (const auto& optimization : inventory.optimizations) {
    if (optimization.number == number) return &optimization;
  }
  return nullptr;
}

// What a validation of this file at these commits said, kept across runs:
// bench validates only the files it writes, so an existing benchmark's
// evidence comes from here or from validate_existing below.
bool recall(const ResultStore& store, const BenchKey& key, pr_body::BenchmarkEvidence& evidence) {
  const auto record = store.bench(evidence.test_name, key);
  if (!record) return false;
  if (evidence.inputs.empty() || evidence.inputs == "-") evidence.inputs = record->value("inputs", "");
  if (!evidence.coverage) read_coverage(*record, evidence);
  if (!evidence.equivalent) read_equivalence(*record, evidence);
  return true;
}

// A row bench wrote and ran this time: its validation is the record.
bool validated_now(const pr_body::BenchmarkEvidence& evidence) {
  return !evidence.blob.empty() && evidence.status != "exists" && evidence.status != "none";
}

struct Pending {
  int number = 0;         // the optimization's
  std::size_t index = 0;  // into outcome.by_number[number]: stable while the map is not touched
  BenchKey key;
};

// Existing benchmarks with no record for their content and commits run once
// at head and base now; their coverage and equivalence join the evidence and
// the store, and a validation that failed becomes a note (compare will say
// the same about a benchmark that fails).
void validate_pending(const bench::BenchContext& context, const std::vector<Pending>& pending, const ResultStore& store,
                      BenchOutcome& outcome) {
  std::vector<bench::ExistingBenchmark> benchmarks;
  for (const auto& one : pending) {
    const auto& evidence = outcome.by_number[one.number][one.index];
    benchmarks.push_back({one.number, evidence.function, evidence.path, evidence.test_name});
  }
  bench::BenchReport report;
  report.rows = bench::validate_existing(context, benchmarks);
  const auto rows = bench::to_json(report)["benchmarks"];
  for (std::size_t i = 0; i < pending.size() && i < rows.size(); ++i) {
    auto& evidence = outcome.by_number[pending[i].number][pending[i].index];
    read_coverage(rows[i], evidence);
    read_equivalence(rows[i], evidence);
    const auto status = rows[i].value("status", "");
    if (status != "exists") {
      outcome.notes.push_back(fmt::format("{}: running the existing benchmark at head and base: {}", evidence.path,
                                          rows[i].value("cause", status)));
    }
    store.save_bench(evidence.test_name, pending[i].key, rows[i]);
  }
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
                            const ResultStore& store, bool reuse) {
  BenchOutcome outcome;
  const auto context = bench::make_context(session, collected);
  std::vector<std::optional<int>> runs;
  if (plan.items.size() == collected.inventory.optimizations.size()) {
    runs.emplace_back();  // everything in one bench run: one analysis of the project's tests
  } else {
    for (const auto& item : plan.items) runs.emplace_back(item.optimization->number);
  }
  std::vector<Pending> pending;
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
      const auto* optimization = optimization_numbered(collected.inventory, number);
      auto& list = outcome.by_number[number];
      if (optimization != nullptr && !evidence.blob.empty()) {
        const auto key = key_of(*optimization, evidence.blob);
        if (validated_now(evidence)) {
          store.save_bench(evidence.test_name, key, row);
        } else if (evidence.status == "exists" && !(reuse && recall(store, key, evidence))) {
          pending.push_back({number, list.size(), key});
        }
      }
      list.push_back(std::move(evidence));
    }
  }
  if (!pending.empty()) validate_pending(context, pending, store, outcome);
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
      if (!evidence.blob.empty()) recall(store, key_of(*item.optimization, evidence.blob), evidence);
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
