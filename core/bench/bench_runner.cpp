#include "bench/bench_runner.hpp"

#include "util/atomic_write.hpp"
#include "util/read_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "bench/analysis.hpp"
#include "bench/benchmark_files.hpp"
#include "bench/hints.hpp"
#include "bench/input_planner.hpp"
#include "bench/validation.hpp"
#include "domains/domain_resolver.hpp"
#include "plugin_host/guarded_call.hpp"

namespace prhost::bench {
namespace {

bool under(const std::string& path, const std::string& directory) {
  return path == directory || path.starts_with(directory + "/");
}

// Files that are tests themselves: benchmarking a test makes no sense.
bool is_test_path(const std::string& path, const std::string& benchmarks_root) {
  const auto name = path.substr(path.rfind('/') + 1);
  return under(path, benchmarks_root) || name.starts_with("test_") || name.ends_with("_test.py") ||
         name == "conftest.py" || under(path, "tests") || under(path, "test");
}

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

}  // namespace

std::string status_text(const BenchRow& row) {
  switch (row.status) {
    case BenchStatus::Created:
      return "created";
    case BenchStatus::Exists:
      return "exists";
    case BenchStatus::NeedsReview:
      break;
  }
  return "needs review: " + row.cause;
}

BenchReport run_bench(const BenchContext& context, const BenchOptions& options) {
  const auto& inventory = *context.inventory;
  const auto& registry = *context.registry;
  const auto progress = [&](const std::string& message) {
    if (context.progress) context.progress(message);
  };
  BenchReport report;
  report.benchmarks_root = context.benchmarks_root;

  std::vector<const inventory::Optimization*> selected;
  for (const auto& optimization : inventory.optimizations) {
    if (!options.only || optimization.number == *options.only) selected.push_back(&optimization);
  }
  if (options.only && selected.empty()) {
    throw BenchError(
        fmt::format("there is no optimization #{}: the inventory has {} (run `prhost inventory` to see "
                    "their numbers)",
                    *options.only, inventory.optimizations.size()));
  }

  // One row per function; the same function changed by two optimizations
  // gets one benchmark, under the first.
  std::vector<Candidate> candidates;
  std::set<std::string> seen;
  for (const auto* optimization : selected) {
    bool any = false;
    for (const auto& function : optimization->functions) {
      if (function.is_nested || is_test_path(function.file, context.benchmarks_root)) continue;
      if (!seen.insert(function.id()).second) continue;
      any = true;
      BenchRow row;
      row.number = optimization->number;
      row.optimization = optimization->description;
      row.function = function.id();
      row.domains = optimization->domains.empty() ? optimization->declared_domains : optimization->domains;
      row.test_name = benchmark_test_name(function.name, function.class_name);
      row.path = context.benchmarks_root + "/" + row.test_name + ".py";
      candidates.push_back({optimization, &function, report.rows.size()});
      report.rows.push_back(std::move(row));
    }
    if (!any) {
      BenchRow row;
      row.number = optimization->number;
      row.optimization = optimization->description;
      row.domains = optimization->domains;
      row.cause = optimization->functions_note.empty()
                      ? "no importable Python function changed in " + optimization->commit.short_sha
                      : optimization->functions_note;
      report.rows.push_back(std::move(row));
    }
  }

  // What exists already. A test defined elsewhere is the user's: never
  // touched. A file of ours is regenerated only with --force.
  std::vector<Candidate> to_write;
  for (const auto& candidate : candidates) {
    auto& row = report.rows[candidate.row];
    const auto file = context.project_root / row.path;
    std::optional<std::string> defined_in;
    for (const auto& benchmark : candidate.optimization->benchmarks) {
      if (benchmark.function != row.function) continue;
      defined_in = benchmark.in_worktree ? benchmark.in_worktree : benchmark.at_head;
    }
    const auto existing = util::read_text_file(file);
    if (defined_in && (*defined_in != row.path || !options.force)) {
      row.path = *defined_in;
      row.status = BenchStatus::Exists;
      row.inputs = "-";
      if (const auto source = util::read_text_file(context.project_root / *defined_in)) {
        if (const auto reason = needs_input_reason(*source)) {
          row.status = BenchStatus::NeedsReview;
          row.cause = "still missing an input: " + *reason;
          row.fix = "edit " + *defined_in + ", or add a [[benchmark]] hint and run `prhost bench --force`";
        }
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
  if (to_write.empty()) return report;

  if (registry.generators.empty()) {
    for (const auto& candidate : to_write) {
      report.rows[candidate.row].cause = "no benchmark generator is loaded (the domain-* plugins provide them)";
      report.rows[candidate.row].fix = "run `prhost plugins` to see why the domain plugins did not load";
    }
    return report;
  }

  // One helper run for every function: parameters, call sites, boundaries.
  AnalysisRequest request;
  request.root = context.project_root;
  request.benchmarks_root = context.benchmarks_root;
  std::set<std::string> modules{"anyio"};
  for (const auto& recipe : registry.input_recipes) {
    if (!recipe.value.requires_module.empty()) modules.insert(recipe.value.requires_module);
  }
  request.modules.assign(modules.begin(), modules.end());
  for (const auto& mock : registry.mocks) {
    request.boundaries.insert(request.boundaries.end(), mock.value.boundaries.begin(), mock.value.boundaries.end());
  }
  for (std::size_t i = 0; i < to_write.size(); ++i) {
    const auto& function = *to_write[i].function;
    request.targets.push_back({std::to_string(i), function.file, function.module, function.qualname});
  }
  progress(fmt::format("analysing {} function(s) and the project's tests", to_write.size()));
  AnalysisResult analysis;
  if (context.python.empty()) {
    analysis.failure = "no project interpreter: " + context.python_unavailable;
  } else {
    analysis = analyse(context.python, request, context.run_process);
  }
  if (!analysis.failure.empty()) {
    for (const auto& candidate : to_write) {
      report.rows[candidate.row].cause = "cannot analyse the function: " + analysis.failure;
      report.rows[candidate.row].fix = "run `prhost doctor` to check the project's interpreter";
    }
    return report;
  }
  const bool uses_anyio = analysis.modules["anyio"] &&
                          std::find(analysis.project_imports.begin(), analysis.project_imports.end(), "anyio") !=
                              analysis.project_imports.end();

  PlanSources sources;
  for (const auto& recipe : registry.input_recipes) sources.recipes.push_back(recipe.value);
  for (const auto& mock : registry.mocks) sources.mocks.push_back(mock.value);
  sources.modules = analysis.modules;

  const auto root_directory = context.project_root / context.benchmarks_root;
  try {
    for (const auto& path : ensure_benchmarks_root(root_directory, analysis.tests_use_packages)) {
      report.created_paths.push_back(std::filesystem::relative(path, context.project_root).string());
    }
  } catch (const std::exception& error) {
    for (const auto& candidate : to_write) report.rows[candidate.row].cause = error.what();
    return report;
  }

  for (std::size_t i = 0; i < to_write.size(); ++i) {
    const auto& candidate = to_write[i];
    auto& row = report.rows[candidate.row];
    const auto& function = *candidate.function;
    const auto& target_analysis = analysis.targets[std::to_string(i)];
    if (!target_analysis.found) {
      row.cause = "cannot read the function: " + target_analysis.error;
      continue;
    }
    progress(fmt::format("#{} {}: choosing inputs", row.number, row.function));

    auto hint = config_hint(context.hints, function.module, function.qualname, function.name);
    if (!hint && context.handoff_text) {
      hint = handoff_hint(*context.handoff_text, candidate.optimization->commit.sha, function.name);
    }
    const auto plan = plan_inputs({function.module, function.qualname, function.name, &target_analysis}, hint, sources);

    sdk::BenchmarkRequest bench_request;
    bench_request.project.root = context.project_root;
    bench_request.target = to_target(function, &target_analysis);
    bench_request.domains = row.domains;
    bench_request.test_name = row.test_name;
    bench_request.imports = plan.imports;
    bench_request.setup_code = plan.setup;
    bench_request.instance_expression = plan.instance_expression;
    bench_request.call_expression = plan.call;
    bench_request.mocks = plan.mocks;
    bench_request.patches = plan.patches;
    bench_request.missing_input_reason = plan.missing;
    bench_request.input_notes = plan.notes;
    bench_request.project_uses_anyio = uses_anyio;
    bench_request.benchmark_path = row.path;
    bench_request.compare_flags = domains::flags_text(domains::resolve_flags(registry, row.domains).flags);
    row.inputs = plan.summary;
    row.notes = plan.notes;

    const auto* generator = choose_generator(registry, row.domains);
    row.generator = generator->value.id;
    sdk::GeneratedBenchmark generated;
    try {
      generated = plugin_host::guarded_call(generator->origin, "writing the benchmark for " + row.function, [&] {
        return generator->value.generate(bench_request, context.services_for(generator->origin.plugin));
      });
      util::write_file_atomically(context.project_root / row.path, generated.source);
    } catch (const std::exception& error) {
      row.cause = error.what();
      continue;
    }
    row.notes.insert(row.notes.end(), generated.notes.begin(), generated.notes.end());
    report.created_paths.push_back(row.path);
    if (!plan.missing.empty()) {
      row.cause = "missing input: " + plan.missing;
      row.fix =
          "add a [[benchmark]] entry to prhost.toml (or a ```python block under the optimization in "
          ".codeflash/HANDOFF.md) and run `prhost bench --only " +
          std::to_string(row.number) + " --force`, or edit " + row.path;
      continue;
    }
    if (!options.validate) {
      row.status = BenchStatus::Created;
      continue;
    }
    progress(fmt::format("#{} {}: running {} once at head", row.number, row.function, row.path));
    const auto validation = validate_benchmark(context.python, context.project_root, row.path, row.test_name,
                                               context.validation_timeout, context.run_process);
    if (validation.passed) {
      row.status = BenchStatus::Created;
    } else {
      row.cause = validation.cause;
      row.fix = validation.fix.empty() ? "fix " + row.path + " (it is kept) and run it with pytest" : validation.fix;
      row.notes.push_back("kept " + row.path + " for you to fix");
    }
  }
  return report;
}

}  // namespace prhost::bench
