#include "compare/run/compare_run.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <random>
#include <set>

#include "compare/codeflash/codeflash_backend.hpp"
#include "compare/codeflash/codeflash_regression.hpp"
#include "compare/codeflash/codeflash_worktrees.hpp"
#include "compare/engine/compare_engine.hpp"
#include "compare/engine/process_backend.hpp"
#include "compare/engine/worker_pair_backend.hpp"
#include "compare/measure/timing_worker.hpp"
#include "compare/report/compare_report.hpp"
#include "compare/report/cross_check.hpp"
#include "compare/run/backend_options.hpp"
#include "compare/run/benchmark_selection.hpp"
#include "compare/run/file_triage.hpp"
#include "compare/run/instruction_stage.hpp"
#include "pytest/benchmarks_root.hpp"
#include "worktree/own_code_proof.hpp"
#include "worktree/ref_checkout.hpp"
#include "worktree/ref_names.hpp"
#include "worktree/temp_branches.hpp"

namespace prhost::compare {
namespace {

// The built-in engine is the default, codeflash installed or not: codeflash
// gives point estimates without an interval (a 10% slow-down read as 0.51x
// under load), so it runs only when asked for. "auto" stays accepted for old
// configurations and means builtin.
std::string chosen_backend(const Session& session, const CompareOptions& options) {
  const std::string requested = options.backend.empty() ? session.config().backend : options.backend;
  return requested == "codeflash" ? "codeflash" : "builtin";
}

std::string python_version(sdk::HostServices& services, const std::vector<std::string>& python,
                           const std::filesystem::path& cwd, const std::map<std::string, std::string>& env) {
  sdk::ProcessRequest request;
  request.argv = python;
  request.argv.insert(request.argv.end(), {"-c", "import sys; print(sys.version.split()[0])"});
  request.cwd = cwd;
  request.env = env;
  request.timeout = std::chrono::seconds(60);
  const auto result = services.run(request);
  std::string version = result.out;
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
  return result.ok() ? version : "unknown";
}

std::vector<std::string> files_to_inject(const std::vector<std::string>& benchmark_files,
                                         const CompareOptions& options) {
  // The working tree's benchmark goes into both refs even where a ref has its
  // own copy: both sides must run the same benchmark code. With --branches the
  // committed benchmark is what runs, so only the --inject paths are copied.
  std::set<std::string> all(options.inject.begin(), options.inject.end());
  if (!options.branches) all.insert(benchmark_files.begin(), benchmark_files.end());
  return {all.begin(), all.end()};
}

// --branches: the temporary branches of the refs that lack a benchmark, made
// before anything is checked out; nullptr without --branches.
std::unique_ptr<worktree::BenchmarkBranches> benchmark_branches(const Session& session, const CompareOptions& options,
                                                                const std::vector<std::string>& benchmark_files) {
  if (!options.branches) return nullptr;
  auto branches = std::make_unique<worktree::BenchmarkBranches>(
      *session.repository(), std::vector<std::string>{options.base_ref, options.head_ref}, benchmark_files);
  for (const auto& branch : branches->branches()) {
    session.reporter().progress(
        fmt::format("{} lacks the benchmark: comparing temporary branch {} ({} + {} cherry-picked)", branch.ref,
                    branch.name, branch.ref, fmt::join(branch.picked, ", ")));
  }
  if (branches->branches().empty()) session.reporter().progress("--branches: both refs have the benchmarks committed");
  return branches;
}

std::vector<TemporaryBranchUse> branch_uses(const worktree::BenchmarkBranches* branches) {
  std::vector<TemporaryBranchUse> uses;
  if (branches == nullptr) return uses;
  for (const auto& branch : branches->branches()) uses.push_back({branch.ref, branch.name, branch.picked});
  return uses;
}

struct CodeflashOutcome {
  CompareOutcome outcome;
  codeflash::ParsedComparison parsed;
  nlohmann::json json;
};

// --fail-on-regression on codeflash's point estimates (codeflash_regression.hpp):
// records them in the JSON, warns about each, and says whether there was one.
bool gate_on_points(const Session& session, const codeflash::ParsedComparison& parsed, double margin_percent,
                    nlohmann::json& json) {
  const auto regressions = codeflash::point_regressions(parsed, margin_percent / 100.0);
  json["regression_gate"] = {{"margin_percent", margin_percent}, {"regressions", nlohmann::json::array()}};
  for (const auto& regression : regressions) {
    json["regression_gate"]["regressions"].push_back({{"name", regression.benchmark}, {"what", regression.what}});
    session.reporter().warning(
        fmt::format("{} got worse beyond the ±{}% margin: {} (codeflash point estimate, "
                    "no significance test)",
                    regression.benchmark, margin_percent, regression.what));
  }
  return !regressions.empty();
}

CodeflashOutcome run_codeflash(const Session& session, const CompareOptions& options, const RunnerChoice& runner,
                               const std::vector<std::string>& benchmark_files) {
  const auto inject = files_to_inject(benchmark_files, options);
  // The same refusal of an unknown or ambiguous ref (exit 3) as the built-in
  // engine's checkouts give, before codeflash prints git's usage text for it.
  for (const auto& ref : {options.base_ref, options.head_ref}) worktree::resolve_ref(*session.repository(), ref);
  const auto branches = benchmark_branches(session, options, benchmark_files);
  CodeflashRequest request;
  request.python = runner.python;
  request.project_root = session.project_root();
  request.base_ref = branches ? branches->ref_to_check_out(options.base_ref) : options.base_ref;
  request.head_ref = branches ? branches->ref_to_check_out(options.head_ref) : options.head_ref;
  request.memory = options.memory;
  request.timeout_seconds = options.timeout_seconds;
  request.inject = inject;
  session.reporter().progress(
      fmt::format("running codeflash compare {} {} (point estimates, no significance "
                  "test; --backend builtin gives confidence intervals)",
                  options.base_ref, options.head_ref));
  auto result = run_codeflash_compare(request, session.services_for(runner.plugin));
  CodeflashOutcome outcome;
  outcome.outcome.backend = "codeflash";
  outcome.outcome.markdown = result.markdown;
  outcome.outcome.json = to_json(request, result);
  const double margin_percent =
      options.margin_percent.value_or(session.config().margin_percent.value_or(default_margin_percent("codeflash")));
  outcome.outcome.regression = gate_on_points(session, result.parsed, margin_percent, outcome.outcome.json);
  outcome.json = outcome.outcome.json;
  outcome.parsed = result.parsed;
  return outcome;
}

// A cause doctor looks for ends with the doctor command that finds it (and
// repairs it where that is safe) before the next compare.
[[noreturn]] void rethrow_pointing_to_doctor(const MeasurementFailed& failure, const CompareOptions& options) {
  auto cause = failure.cause();
  if (cause.doctor_checks) {
    cause.fix += fmt::format(
        "\n  `prhost doctor --base {} --head {}` checks for this before comparing; `--fix` repairs what it safely "
        "can.",
        options.base_ref, options.head_ref);
  }
  throw MeasurementFailed(failure.side(), std::move(cause));
}

// A failing benchmark file is set aside and the others are measured; a
// failure with nothing to set aside (one file, or every file fails) stands.
EngineResult run_past_failing_files(PreparedComparison& prepared, const CompareOptions& options) {
  try {
    return prepared.run(prepared.context().seed);
  } catch (const MeasurementFailed& failure) {
    if (!prepared.set_aside_failing_files()) rethrow_pointing_to_doctor(failure, options);
  }
  try {
    return prepared.run(prepared.context().seed);
  } catch (const MeasurementFailed& failure) {
    rethrow_pointing_to_doctor(failure, options);
  }
}

CompareOutcome run_builtin(const Session& session, const CompareOptions& options, EngineResult* keep = nullptr) {
  auto prepared = PreparedComparison::prepare(session, options);
  // --metric instructions: no timing rounds, only the counts.
  const bool timed = options.metric != "instructions";
  const auto result = timed ? run_past_failing_files(prepared, options) : EngineResult{};
  CompareOutcome outcome;
  outcome.backend = "builtin";
  outcome.markdown = timed ? render_markdown(prepared.context(), result)
                           : fmt::format("# prhost compare: {} vs {}\n", options.base_ref, options.head_ref);
  outcome.json = to_json(prepared.context(), result);
  outcome.json["metric"] = options.metric;
  outcome.regression = has_regression(result);
  add_instruction_counts(prepared, options, session, outcome);
  if (keep != nullptr) *keep = result;
  return outcome;
}

// Built-in first (its checkouts are gone before codeflash makes its own
// worktrees), then codeflash; a codeflash failure is reported in the
// cross-check, it does not throw away the built-in result.
CompareOutcome run_cross_check(const Session& session, const CompareOptions& options, const RunnerChoice& runner,
                               const std::vector<std::string>& benchmark_files) {
  EngineResult result;
  auto outcome = run_builtin(session, options, &result);
  CrossCheck check;
  try {
    const auto codeflash = run_codeflash(session, options, runner, benchmark_files);
    check = cross_check(result, codeflash.parsed);
    outcome.json["cross_check_codeflash"] = codeflash.json;
  } catch (const CodeflashRunError& error) {
    check = cross_check(result, {});
    check.codeflash_error = error.what();
  }
  outcome.markdown += render_cross_check(check);
  outcome.json["cross_check"] = to_json(check);
  return outcome;
}

// What the two refs' pytest targets share: the runner's interpreter, the
// benchmark files and the options that shape a benchmark process.
struct TargetRecipe {
  const RunnerChoice& runner;
  const sdk::Project& project;
  const std::vector<std::string>& project_python;
  sdk::HostServices& services;
  ui::Reporter& reporter;
  const std::vector<std::string>& benchmark_files;
  const CompareOptions& options;
  std::filesystem::path process_tmp;
  int timeout_seconds = 0;
};

// One ref's pytest target, its interpreter proven to import that ref's own
// code (the modules the benchmarks import from the project).
pytest::PytestTarget measured_target(const TargetRecipe& recipe, const worktree::Checkout& checkout) {
  const auto modules = project_modules_imported_by(checkout.dir, recipe.benchmark_files);
  if (modules.empty()) {
    throw std::runtime_error(fmt::format(
        "the benchmarks ({}) import nothing from the project, so prhost cannot prove which code they measure; "
        "import the optimized function from its module (from pkg.mod import fn)",
        fmt::join(recipe.benchmark_files, ", ")));
  }
  auto interpreter = worktree::prepare_interpreter_for_checkout(*recipe.runner.adapter, recipe.project, checkout,
                                                                recipe.project_python, modules, recipe.services);
  recipe.reporter.progress(fmt::format("{} ({}) imports its own code: {}{}", checkout.ref, checkout.sha.substr(0, 12),
                                       fmt::join(modules, ", "),
                                       interpreter.per_ref_environment ? " (per-ref environment)" : ""));
  pytest::PytestTarget target;
  target.checkout = checkout.dir;
  target.python = interpreter.python;
  target.env = interpreter.env;
  target.env["TMPDIR"] = recipe.process_tmp.string();
  target.benchmark_files = recipe.benchmark_files;
  target.filter = recipe.options.filter;
  target.timeout = std::chrono::seconds(recipe.timeout_seconds);
  target.ref = checkout.ref;
  // codeflash's own pytest plugin also defines a `benchmark` fixture (and
  // writes into $TMPDIR); xdist silently disables pytest-benchmark. Neither
  // may take part in a measurement. Blocking an absent plugin is harmless.
  target.extra_pytest_args = {"-p", "no:codeflash-benchmark", "-p", "no:xdist"};
  return target;
}

// The sequential plan and memory runs: the command line, else prhost.toml.
EngineOptions engine_options(const CompareOptions& options, const config::Config& config, double margin) {
  EngineOptions engine;
  engine.min_pairs = options.min_pairs.value_or(config.min_pairs);
  engine.max_pairs = options.max_pairs.value_or(config.max_pairs);
  engine.margin = margin;
  engine.memory = options.memory;
  engine.memory_runs = options.memory_runs.value_or(config.memory_runs);
  return engine;
}

}  // namespace

double default_margin_percent(const std::string& layout) {
  // The pairs layout's intervals are narrow enough for 3% (0.88% half-width
  // at 40 pairs; 100% of ±5% changes decided, 0 false verdicts); the process
  // layout's are not (2.87%), and codeflash's gate has no interval at all.
  static const std::map<std::string, double> defaults{{"pairs", 3.0}, {"process", 5.0}, {"codeflash", 5.0}};
  const auto found = defaults.find(layout);
  return found != defaults.end() ? found->second : 5.0;
}

const std::map<std::string, LayoutFactory>& measurement_layouts() {
  static const std::map<std::string, LayoutFactory> layouts{
      {"pairs",
       [](const pytest::PytestTarget& base, const pytest::PytestTarget& head, ProcessBackendOptions process,
          std::uint64_t seed, sdk::HostServices& services) -> std::unique_ptr<MeasurementBackend> {
         return std::make_unique<WorkerPairBackend>(base, head, process, WorkerPairOptions{seed}, services);
       }},
      {"process",
       [](const pytest::PytestTarget& base, const pytest::PytestTarget& head, ProcessBackendOptions process,
          std::uint64_t /*seed: the engine orders the rounds*/,
          sdk::HostServices& services) -> std::unique_ptr<MeasurementBackend> {
         return std::make_unique<ProcessBackend>(base, head, process, services);
       }},
  };
  return layouts;
}

PreparedComparison PreparedComparison::prepare(const Session& session, const CompareOptions& options) {
  PreparedComparison prepared;
  prepared.session_ = &session;
  const auto runner = session.runner();
  auto& reporter = session.reporter();
  auto& services = session.services_for(runner.plugin);
  prepared.services_ = &services;
  const sdk::Project project{session.project_root()};
  const auto& config = session.config();
  const auto benchmark_files = select_benchmark_files(
      session.project_root(), pytest::benchmarks_root(session.project_root(), config), options.benchmark_files);
  const auto inject = files_to_inject(benchmark_files, options);
  prepared.branches_ = benchmark_branches(session, options, benchmark_files);
  auto checked_out = [&](const std::string& ref) {
    return prepared.branches_ ? prepared.branches_->ref_to_check_out(ref) : ref;
  };

  reporter.progress(
      fmt::format("checking out {} and {} (libgit2, temporary directories)", options.base_ref, options.head_ref));
  const std::vector<std::filesystem::path> inject_paths(inject.begin(), inject.end());
  prepared.checkouts_ = std::make_unique<worktree::CheckoutSet>(
      *session.repository(), std::vector<std::string>{checked_out(options.base_ref), checked_out(options.head_ref)},
      inject_paths);
  const auto& base = prepared.checkouts_->checkouts()[0];
  const auto& head = prepared.checkouts_->checkouts()[1];

  const auto project_python = worktree::resolve_project_python(*runner.adapter, project, services);
  reporter.progress(fmt::format("runner {} ({}): {}", runner.id, runner.reason, fmt::join(project_python, " ")));

  const int timeout = options.timeout_seconds.value_or(config.timeout_seconds);
  // Benchmark processes get their own TMPDIR inside the checkouts' directory:
  // whatever they leave there (a killed process cannot clean up) goes away
  // with the checkouts.
  const auto process_tmp = prepared.checkouts_->root() / "tmp";
  std::filesystem::create_directories(process_tmp);
  const TargetRecipe recipe{runner,          project, project_python, services, reporter,
                            benchmark_files, options, process_tmp,    timeout};
  prepared.base_target_ = measured_target(recipe, base);
  prepared.head_target_ = measured_target(recipe, head);

  auto& context = prepared.context_;
  context.base = {options.base_ref, base.sha};
  context.head = {options.head_ref, head.sha};
  context.backend = "builtin";
  context.interpreter = prepared.base_target_.python;
  context.python_version = python_version(services, prepared.base_target_.python, base.dir, prepared.base_target_.env);
  context.benchmark_files = benchmark_files;
  context.injected = inject;
  context.temporary_branches = branch_uses(prepared.branches_.get());
  context.seed = options.seed.value_or(std::random_device{}());
  const auto layout = options.layout.value_or(config.layout);
  context.margin =
      options.margin_percent.value_or(config.margin_percent.value_or(default_margin_percent(layout))) / 100.0;
  context.memory = options.memory;
  context.timeout_seconds = timeout;

  prepared.engine_ = engine_options(options, config, context.margin);
  prepared.rounds_per_process_ = options.rounds_per_process;
  prepared.layout_ = layout;
  prepared.margin_chosen_ = options.margin_percent.has_value() || config.margin_percent.has_value();
  prepared.on_pair_ = options.on_pair;
  return prepared;
}

bool PreparedComparison::set_aside_failing_files() {
  if (base_target_.benchmark_files.size() < 2) return false;
  auto* reporter = &session_->reporter();
  auto triage = triage_benchmark_files(base_target_, head_target_, *services_,
                                       [reporter](const std::string& line) { reporter->progress(line); });
  if (triage.set_aside.empty() || triage.runnable.empty()) return false;
  base_target_.benchmark_files = triage.runnable;
  head_target_.benchmark_files = triage.runnable;
  context_.benchmark_files = triage.runnable;
  for (auto& file : triage.set_aside) context_.set_aside.push_back(std::move(file));
  reporter->progress(fmt::format("comparing the {} benchmark file(s) that run at both refs; {} set aside",
                                 triage.runnable.size(), context_.set_aside.size()));
  return true;
}

EngineResult PreparedComparison::run(std::uint64_t seed) {
  auto options = engine_;
  options.seed = seed;
  auto* reporter = &session_->reporter();
  options.progress = [reporter](const std::string& line) { reporter->progress(line); };
  options.on_pair = on_pair_;
  const auto& make_backend = measurement_layouts().at(layout_);
  try {
    const auto backend = make_backend(base_target_, head_target_, {rounds_per_process_, {}}, seed, *services_);
    return run_engine(*backend, options);
  } catch (const measure::WorkerUnsupported& reason) {
    // A project whose benchmarks the worker cannot run still compares, one
    // pytest process per side and round, and the output says which layout.
    reporter->warning(
        fmt::format("the timing worker cannot run these benchmarks ({}); comparing with --layout "
                    "process instead",
                    reason.what()));
    layout_ = "process";
    // A default margin is the layout's own: the process layout's intervals
    // are too wide for the pairs layout's 3%.
    if (!margin_chosen_) options.margin = engine_.margin = context_.margin = default_margin_percent(layout_) / 100.0;
  }
  ProcessBackend backend(base_target_, head_target_, {rounds_per_process_, {}}, *services_);
  return run_engine(backend, options);
}

CompareOutcome run_compare(const Session& session, const CompareOptions& options) {
  codeflash::prune_worktrees_of_dead_runs(*session.repository());
  // Like the checkout directories: what a SIGKILLed compare --branches left.
  for (const auto& branch : worktree::remove_stale_temp_branches(*session.repository())) {
    session.reporter().progress("deleted " + branch + ", left by a prhost that no longer runs");
  }
  const bool codeflash_alone = !options.cross_check && chosen_backend(session, options) == "codeflash";
  if (codeflash_alone) refuse_options_codeflash_ignores(options);
  const auto runner = session.runner();
  const auto benchmarks_root = pytest::benchmarks_root(session.project_root(), session.config());
  const auto files = select_benchmark_files(session.project_root(), benchmarks_root, options.benchmark_files);
  if (options.cross_check) return run_cross_check(session, options, runner, files);
  if (codeflash_alone) return run_codeflash(session, options, runner, files).outcome;
  return run_builtin(session, options);
}

}  // namespace prhost::compare
