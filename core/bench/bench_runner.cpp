#include "bench/bench_runner.hpp"

#include "util/atomic_write.hpp"
#include "util/read_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "bench/analysis.hpp"
#include "bench/bench_steps.hpp"
#include "bench/benchmark_files.hpp"
#include "bench/hints.hpp"
#include "bench/input_planner.hpp"
#include "bench/recorded_inputs.hpp"
#include "bench/validation.hpp"
#include "domains/domain_resolver.hpp"
#include "inventory/test_code.hpp"
#include "plugin_host/guarded_call.hpp"

namespace prhost::bench {
namespace {

// The generator for a change: the highest precedence among its domains'
// generators, else the fallback one, else none.
const plugin_host::Contribution<sdk::BenchmarkGenerator>* choose_generator(const plugin_host::PluginRegistry& registry,
                                                                           const std::vector<std::string>& domains) {
  const plugin_host::Contribution<sdk::BenchmarkGenerator>* best = nullptr;
  for (const auto& generator : registry.generators) {
    if (std::find(domains.begin(), domains.end(), generator.value.domain) == domains.end()) continue;
    if (best == nullptr || generator.value.precedence > best->value.precedence) best = &generator;
  }
  if (best != nullptr) return best;
  for (const auto& generator : registry.generators) {
    if (generator.value.fallback) return &generator;
  }
  return registry.generators.empty() ? nullptr : &registry.generators.front();
}

sdk::FunctionTarget to_target(const inventory::ChangedFunction& function, const TargetAnalysis* analysis) {
  sdk::FunctionTarget target;
  target.module = function.module;
  target.qualname = function.qualname;
  target.file = function.file;
  target.is_async = analysis != nullptr && analysis->found ? analysis->is_async : function.is_async;
  target.is_method = function.is_method;
  for (const auto& param : function.params) {
    target.parameters.push_back({param.name, param.annotation.value_or(""), param.default_value.value_or("")});
  }
  target.return_annotation = function.return_annotation.value_or("");
  return target;
}

struct Candidate {
  const inventory::Optimization* optimization = nullptr;
  const inventory::ChangedFunction* function = nullptr;
  std::size_t row = 0;
};

std::vector<const inventory::Optimization*> selected_optimizations(const BenchContext& context,
                                                                   const BenchOptions& options) {
  std::vector<const inventory::Optimization*> selected;
  for (const auto& optimization : context.inventory->optimizations) {
    if (!options.only || optimization.number == *options.only) selected.push_back(&optimization);
  }
  if (options.only && selected.empty()) {
    throw BenchError(
        fmt::format("there is no optimization #{}: the inventory has {} (run `prhost inventory` to see "
                    "their numbers)",
                    *options.only, context.inventory->optimizations.size()));
  }
  return selected;
}

BenchRow row_for(const inventory::Optimization& optimization, const inventory::ChangedFunction& function,
                 const std::string& benchmarks_root) {
  BenchRow row;
  row.number = optimization.number;
  row.optimization = optimization.description;
  row.function = function.id();
  row.domains = optimization.domains_or_declared();
  row.test_name = benchmark_test_name(function.name, function.class_name);
  row.path = benchmarks_root + "/" + row.test_name + ".py";
  return row;
}

// One row per function; the same function changed by two optimizations gets
// one benchmark, under the first.
std::vector<Candidate> collect_candidates(const BenchContext& context, const BenchOptions& options,
                                          BenchReport& report) {
  std::vector<Candidate> candidates;
  std::set<std::string> seen;
  // collect_inventory leaves test code out; an inventory given some other way may not.
  const auto test_roots = inventory::test_roots(context.project_root, context.benchmarks_root);
  for (const auto* optimization : selected_optimizations(context, options)) {
    bool any = false;
    for (const auto& function : optimization->functions) {
      if (function.is_nested || inventory::is_test_code(function.file, test_roots)) continue;
      if (!seen.insert(function.id()).second) continue;
      any = true;
      candidates.push_back({optimization, &function, report.rows.size()});
      report.rows.push_back(row_for(*optimization, function, context.benchmarks_root));
    }
    if (any) continue;
    BenchRow row;
    row.number = optimization->number;
    row.optimization = optimization->description;
    row.domains = optimization->domains;
    row.cause = optimization->functions_note.empty()
                    ? "no importable Python function changed in " + optimization->commit.short_sha
                    : optimization->functions_note;
    report.rows.push_back(std::move(row));
  }
  return candidates;
}

// What exists already. A test defined elsewhere is the user's: never
// touched. A file of ours is regenerated only with --force.
std::vector<Candidate> files_to_write(const BenchContext& context, const BenchOptions& options,
                                      const std::vector<Candidate>& candidates, BenchReport& report) {
  std::vector<Candidate> to_write;
  for (const auto& candidate : candidates) {
    auto& row = report.rows[candidate.row];
    std::optional<std::string> defined_in;
    for (const auto& benchmark : candidate.optimization->benchmarks) {
      if (benchmark.function == row.function)
        defined_in = benchmark.in_worktree ? benchmark.in_worktree : benchmark.at_head;
    }
    const auto existing = util::read_text_file(context.project_root / row.path);
    if (defined_in && (*defined_in != row.path || !options.force)) {
      row.path = *defined_in;
      row.status = BenchStatus::Exists;
      row.inputs = "-";
      const auto source = util::read_text_file(context.project_root / *defined_in);
      if (const auto reason = source ? needs_input_reason(*source) : std::nullopt) {
        row.status = BenchStatus::NeedsReview;
        row.cause = "still missing an input: " + *reason;
        row.fix = "edit " + *defined_in + ", or add a [[benchmark]] hint and run `prhost bench --force`";
      }
      continue;
    }
    if (existing && !defined_in && !options.force) {
      row.cause = row.path + " exists but does not define " + row.test_name;
      row.fix = "rename that file, or run `prhost bench --force` to replace it";
      continue;
    }
    to_write.push_back(candidate);
  }
  return to_write;
}

void fail_all(BenchReport& report, const std::vector<Candidate>& candidates, const std::string& cause,
              const std::string& fix = {}) {
  for (const auto& candidate : candidates) {
    report.rows[candidate.row].cause = cause;
    report.rows[candidate.row].fix = fix;
  }
}

// One helper run for every function: parameters, call sites, boundaries.
AnalysisResult analyse_candidates(const BenchContext& context, const std::vector<Candidate>& to_write) {
  AnalysisRequest request;
  request.root = context.project_root;
  request.benchmarks_root = context.benchmarks_root;
  std::set<std::string> modules{"anyio"};
  for (const auto& recipe : context.registry->input_recipes) {
    if (!recipe.value.requires_module.empty()) modules.insert(recipe.value.requires_module);
  }
  request.modules.assign(modules.begin(), modules.end());
  for (const auto& mock : context.registry->mocks) {
    request.boundaries.insert(request.boundaries.end(), mock.value.boundaries.begin(), mock.value.boundaries.end());
  }
  for (std::size_t i = 0; i < to_write.size(); ++i) {
    const auto& function = *to_write[i].function;
    request.targets.push_back({std::to_string(i), function.file, function.module, function.qualname});
  }
  if (context.progress)
    context.progress(fmt::format("analysing {} function(s) and the project's tests", to_write.size()));
  if (context.python.empty()) {
    AnalysisResult result;
    result.failure = "no project interpreter: " + context.python_unavailable;
    return result;
  }
  return analyse(context.python, request, context.run_process);
}

PlanSources plan_sources(const plugin_host::PluginRegistry& registry, const AnalysisResult& analysis) {
  PlanSources sources;
  for (const auto& recipe : registry.input_recipes) sources.recipes.push_back(recipe.value);
  for (const auto& mock : registry.mocks) sources.mocks.push_back(mock.value);
  sources.modules = analysis.modules;
  return sources;
}

std::optional<InputHint> hint_for(const BenchContext& context, const Candidate& candidate) {
  const auto& function = *candidate.function;
  auto hint = config_hint(context.hints, function.module, function.qualname, function.name);
  if (!hint && context.handoff_text) {
    hint = handoff_hint(*context.handoff_text, candidate.optimization->commit.sha, function.name);
  }
  return hint;
}

// Everything one bench run shares once the analysis is done.
struct RunState {
  AnalysisResult analysis;
  PlanSources sources;
  bool uses_anyio = false;
  Recordings recordings;
};

// Inputs, best first: a hint, a recorded call, then the static sources.
InputPlan choose_inputs(const BenchContext& context, const Candidate& candidate, const std::string& key,
                        const RunState& state, BenchRow& row) {
  const auto& function = *candidate.function;
  const auto& target_analysis = state.analysis.targets.at(key);
  const PlanTarget target{function.module, function.qualname, function.name, &target_analysis};
  const auto hint = hint_for(context, candidate);
  if (!hint) {
    if (const auto found = state.recordings.chosen.find(key); found != state.recordings.chosen.end()) {
      row.input_source = "recorded";
      row.public_entry = found->second.entry;  // the public caller timed, when the target is private
      return plan_recorded(target, found->second, function.file);
    }
  }
  auto plan = plan_inputs(target, hint, state.sources);
  row.input_source = hint ? "hint" : plan.missing.empty() ? "static" : "missing";
  if (const auto why = state.recordings.why_not.find(key); !hint && why != state.recordings.why_not.end()) {
    plan.notes.push_back("no recorded call: " + why->second);
  }
  return plan;
}

sdk::BenchmarkRequest generator_request(const BenchContext& context, const Candidate& candidate,
                                        const TargetAnalysis& analysis, const InputPlan& plan, const BenchRow& row,
                                        bool uses_anyio) {
  sdk::BenchmarkRequest request;
  request.project.root = context.project_root;
  request.target = to_target(*candidate.function, &analysis);
  request.domains = row.domains;
  request.test_name = row.test_name;
  request.imports = plan.imports;
  request.setup_code = plan.setup;
  request.instance_expression = plan.instance_expression;
  request.call_expression = plan.call;
  request.mocks = plan.mocks;
  request.patches = plan.patches;
  request.missing_input_reason = plan.missing;
  request.input_notes = plan.notes;
  request.project_uses_anyio = uses_anyio;
  request.benchmark_path = row.path;
  request.compare_flags = domains::flags_text(domains::resolve_flags(*context.registry, row.domains).flags);
  return request;
}

// Writes the benchmark file; false (with the row's cause) when it could not.
bool write_benchmark(const BenchContext& context, const Candidate& candidate, const std::string& key,
                     const RunState& state, BenchRow& row, BenchReport& report) {
  const auto& analysis = state.analysis.targets.at(key);
  const auto plan = choose_inputs(context, candidate, key, state, row);
  row.inputs = plan.summary;
  row.notes = plan.notes;
  // Without an input, where the tests reach it (for the fix); a benchmark
  // timed some other way names no entry point it did not go through.
  if (row.public_entry.empty() && row.input_source == "missing") {
    for (const auto& caller : analysis.public_callers) {
      row.public_entry += (row.public_entry.empty() ? "" : ", ") + caller;
    }
  }
  const auto* generator = choose_generator(*context.registry, row.domains);
  row.generator = generator->value.id;
  try {
    const auto request = generator_request(context, candidate, analysis, plan, row, state.uses_anyio);
    const auto generated = plugin_host::guarded_call(
        generator->origin, "writing the benchmark for " + row.function,
        [&] { return generator->value.generate(request, context.services_for(generator->origin.plugin)); });
    util::write_file_atomically(context.project_root / row.path, generated.source);
    row.notes.insert(row.notes.end(), generated.notes.begin(), generated.notes.end());
  } catch (const std::exception& error) {
    row.cause = error.what();
    return false;
  }
  report.created_paths.push_back(row.path);
  if (!plan.missing.empty()) {
    row.cause = "missing input: " + plan.missing;
    row.fix =
        "add a [[benchmark]] entry to prhost.toml (or a ```python block under the optimization in "
        ".codeflash/HANDOFF.md) and run `prhost bench --only " +
        std::to_string(row.number) + " --force`, or edit " + row.path + " (docs/benchmarks.md lists every key)";
    return false;
  }
  return true;
}

std::vector<StepTarget> recording_targets(const BenchContext& context, const std::vector<Candidate>& to_write,
                                          const AnalysisResult& analysis) {
  std::vector<StepTarget> targets;
  for (std::size_t i = 0; i < to_write.size(); ++i) {
    const auto key = std::to_string(i);
    const auto found = analysis.targets.find(key);
    if (found == analysis.targets.end() || !found->second.found || hint_for(context, to_write[i])) continue;
    targets.push_back({key, to_write[i].optimization, to_write[i].function});
  }
  return targets;
}

}  // namespace

const char* status_id(BenchStatus status) {
  switch (status) {
    case BenchStatus::Created:
      return "created";
    case BenchStatus::Exists:
      return "exists";
    case BenchStatus::Blocked:
      return "blocked";
    case BenchStatus::NeedsReview:
      break;
  }
  return "needs review";
}

std::string status_text(const BenchRow& row) {
  const std::string id = status_id(row.status);
  const bool carries_cause = row.status == BenchStatus::Blocked || row.status == BenchStatus::NeedsReview;
  return carries_cause ? id + ": " + row.cause : id;
}

BenchReport run_bench(const BenchContext& context, const BenchOptions& options) {
  BenchReport report;
  report.benchmarks_root = context.benchmarks_root;
  const auto candidates = collect_candidates(context, options, report);
  const auto to_write = files_to_write(context, options, candidates, report);
  if (to_write.empty()) return report;
  if (context.registry->generators.empty()) {
    fail_all(report, to_write, "no benchmark generator is loaded (the domain-* plugins provide them)",
             "run `prhost plugins` to see why the domain plugins did not load");
    return report;
  }
  RunState state;
  state.analysis = analyse_candidates(context, to_write);
  if (!state.analysis.failure.empty()) {
    fail_all(report, to_write, "cannot analyse the function: " + state.analysis.failure,
             "run `prhost doctor` to check the project's interpreter");
    return report;
  }
  const auto& imports = state.analysis.project_imports;
  state.uses_anyio =
      state.analysis.modules["anyio"] && std::find(imports.begin(), imports.end(), "anyio") != imports.end();
  state.sources = plan_sources(*context.registry, state.analysis);
  try {
    for (const auto& path :
         ensure_benchmarks_root(context.project_root / context.benchmarks_root, state.analysis.tests_use_packages)) {
      report.created_paths.push_back(std::filesystem::relative(path, context.project_root).string());
    }
  } catch (const std::exception& error) {
    fail_all(report, to_write, error.what());
    return report;
  }

  RefCheckouts refs(context.repository, context.project_root, context.make_side);
  if (options.record && context.make_side) {
    state.recordings =
        record_targets(context, refs, recording_targets(context, to_write, state.analysis), state.analysis);
  }
  for (std::size_t i = 0; i < to_write.size(); ++i) {
    const auto& candidate = to_write[i];
    auto& row = report.rows[candidate.row];
    const auto key = std::to_string(i);
    const auto& target_analysis = state.analysis.targets[key];
    if (!target_analysis.found) {
      row.cause = "cannot read the function: " + target_analysis.error;
      continue;
    }
    if (context.progress) context.progress(fmt::format("#{} {}: choosing inputs", row.number, row.function));
    if (!write_benchmark(context, candidate, key, state, row, report)) continue;
    if (!options.validate) {
      row.status = BenchStatus::Created;
      continue;
    }
    if (context.progress)
      context.progress(fmt::format("#{} {}: running {} once at head and base", row.number, row.function, row.path));
    validate_at_both_refs(context, refs, {key, candidate.optimization, candidate.function}, row);
  }
  return report;
}

}  // namespace prhost::bench
