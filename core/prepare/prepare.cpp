#include "prepare/prepare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "inventory/collect.hpp"
#include "pr_body/platform.hpp"
#include "prepare/bench_step.hpp"
#include "prepare/evidence_builder.hpp"
#include "prepare/pr_body_step.hpp"
#include "prepare/progress.hpp"
#include "prepare/result_store.hpp"
#include "prepare/unit_tests.hpp"
#include "services/cancellation.hpp"
#include "util/read_file.hpp"

namespace prhost::prepare {
namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

using UnitTests = std::map<std::string, pr_body::UnitTestEvidence>;  // by head SHA

std::vector<inventory::ResultsRow> results_rows(const std::filesystem::path& root) {
  const auto text = util::read_text_file(root / inventory::kResultsPath);
  return text ? inventory::parse_results_tsv(*text, inventory::kResultsPath).kept
              : std::vector<inventory::ResultsRow>{};
}

std::string runner_python(const Session& session) {
  try {
    return display_python(session.runner().python, session.project_root());
  } catch (const std::exception&) {
    return "python";
  }
}

// The platform line: this machine, the interpreter compare ran (else the
// runner's), and the runner tool's own version.
pr_body::Platform platform_of(const Session& session, std::string python_version) {
  auto platform = pr_body::machine_platform();
  platform.python_version = std::move(python_version);
  try {
    const auto runner = session.runner();
    auto& services = session.services_for(runner.plugin);
    const sdk::Project project{session.project_root()};
    const auto run_first_line = [&](std::vector<std::string> argv) {
      sdk::ProcessRequest request;
      request.argv = std::move(argv);
      request.cwd = session.project_root();
      request.timeout = std::chrono::seconds(60);
      const auto result = services.run(request);
      return result.ok() ? first_line(result.out.empty() ? result.err : result.out) : std::string();
    };
    if (platform.python_version.empty()) platform.python_version = runner_python_version(session);
    const auto version = runner.adapter->version_command ? runner.adapter->version_command(project, services)
                                                         : std::vector<std::string>{};
    platform.runner = pr_body::runner_with_version(runner.id, version.empty() ? "" : run_first_line(version));
  } catch (const services::Interrupted&) {
    throw;
  } catch (const std::exception&) {
    // No runner: the line says "unknown runner" rather than guessing one.
  }
  return platform;
}

std::vector<std::string> modules_of(const PlanItem& item) {
  std::set<std::string> modules;
  for (const auto& function : item.optimization->functions) {
    if (!function.is_nested && !function.module.empty()) modules.insert(function.module);
  }
  return {modules.begin(), modules.end()};
}

std::vector<std::string> unit_test_arguments_of(const Session& session, const Plan& plan) {
  return unit_test_arguments(session.project_root(), plan.benchmarks_root, session.config().unit_test_args);
}

UnitTests unit_test_step(const Session& session, const Plan& plan, const PrepareOptions& options,
                         const ResultStore& store, Progress& progress) {
  UnitTests results;
  const auto arguments = unit_test_arguments_of(session, plan);
  const auto command = unit_test_command(runner_python(session), arguments);
  std::vector<const PlanItem*> heads;
  for (const auto& item : plan.items) {
    if (!item.refs.ok() || results.count(item.refs.head_sha) != 0) continue;
    results[item.refs.head_sha] = {};
    heads.push_back(&item);
  }
  int index = 0;
  for (const auto* item : heads) {
    const auto& head = item->refs.head_sha;
    progress.step(++index, static_cast<int>(heads.size()), "unit tests at " + head.substr(0, 12));
    const auto stored = options.reuse ? store.unit_tests(head) : std::nullopt;
    if (stored && stored->value("command", "") == command && stored->value("format", 0) == kUnitTestFormat) {
      results[head] = unit_tests_from_json(*stored);
      continue;
    }
    if (!options.run_unit_tests) {
      results[head].head_sha = head;
      results[head].why = "run `prhost prepare` to run them";
      continue;
    }
    const UnitTestRequest request{head, modules_of(*item), arguments,
                                  std::chrono::seconds(session.config().unit_test_timeout_seconds)};
    results[head] = run_unit_tests(session, request, command);
    using State = pr_body::UnitTestEvidence::State;
    if (results[head].state != State::CouldNotRun) store.save_unit_tests(head, to_json(results[head]));
  }
  return results;
}

using DoctorFindings = std::map<std::size_t, pr_body::DoctorEvidence>;  // by plan item

// Not worth the machine time: an optimization whose unit tests fail at head
// is blocked whatever its speed, one with an error doctor could not repair
// would measure a broken set-up, and a benchmark bench could not make work
// fails on purpose (it names its missing input).
std::map<std::size_t, std::string> items_not_to_measure(const Plan& plan, const UnitTests& unit_tests,
                                                        const DoctorFindings& doctor, BenchOutcome& bench) {
  std::map<std::size_t, std::string> skip;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    if (const auto found = doctor.find(i); found != doctor.end() && !found->second.errors.empty()) {
      skip[i] = "blocked by " + found->second.errors.front();
      continue;
    }
    const auto found = unit_tests.find(plan.items[i].refs.head_sha);
    if (found != unit_tests.end() && found->second.state == pr_body::UnitTestEvidence::State::Failed) {
      skip[i] = "the project's unit tests fail at head";
      continue;
    }
    const auto& benchmarks = bench.by_number[plan.items[i].optimization->number];
    const bool working = std::any_of(benchmarks.begin(), benchmarks.end(), [](const auto& benchmark) {
      return benchmark.status == "created" || benchmark.status == "exists";
    });
    if (!working) skip[i] = "no working benchmark";
  }
  return skip;
}

std::vector<pr_body::OptimizationEvidence> assemble(const Session& session, const Plan& plan, BenchOutcome& bench,
                                                    std::map<std::size_t, pr_body::CompareEvidence>& compared,
                                                    const UnitTests& unit_tests, const DoctorFindings& doctor) {
  const auto rows = results_rows(session.project_root());
  const auto runner = runner_python(session);
  std::vector<pr_body::OptimizationEvidence> evidence;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    EvidenceParts parts;
    parts.benchmarks = std::move(bench.by_number[item.optimization->number]);
    if (const auto found = compared.find(i); found != compared.end()) {
      parts.compare = std::move(found->second);
    } else {
      parts.compare.missing = item.refs.ok() ? "no benchmark to compare" : "no refs to compare";
    }
    if (const auto found = unit_tests.find(item.refs.head_sha); found != unit_tests.end()) {
      parts.unit_tests = found->second;
    } else {
      parts.unit_tests.why = "no head commit to run them at";
    }
    if (const auto found = doctor.find(i); found != doctor.end()) parts.doctor = found->second;
    evidence.push_back(build_evidence(item, std::move(parts), runner, rows));
  }
  return evidence;
}

std::string measured_python(const std::vector<pr_body::OptimizationEvidence>& evidence) {
  for (const auto& item : evidence) {
    if (!item.compare.python_version.empty()) return item.compare.python_version;
  }
  return {};
}

std::shared_ptr<const inventory::CollectedInventory> collect(const Session& session) {
  return std::make_shared<const inventory::CollectedInventory>(inventory::collect_inventory(session, {}));
}

BenchOutcome bench_phase(const Session& session, const inventory::CollectedInventory& collected, Plan& plan,
                         const PrepareOptions& options, const ResultStore& store) {
  if (options.write_benchmarks) return run_bench_step(session, collected, plan, store, options.reuse);
  return existing_benchmarks(session, plan, store);
}

}  // namespace

std::string runner_python_version(const Session& session) {
  try {
    const auto runner = session.runner();
    sdk::ProcessRequest request;
    request.argv = runner.python;
    request.argv.insert(request.argv.end(), {"-c", "import sys; print(sys.version.split()[0])"});
    request.cwd = session.project_root();
    request.timeout = std::chrono::seconds(60);
    const auto result = session.services_for(runner.plugin).run(request);
    return result.ok() ? first_line(result.out) : "";
  } catch (const services::Interrupted&) {
    throw;
  } catch (const std::exception&) {
    return "";
  }
}

pr_body::TemplateSources template_sources(const Session& session) {
  pr_body::TemplateSources sources;
  sources.configured = session.config().pr_body_template;
  for (const auto& contribution : session.registry().pr_body_templates) {
    sources.contributed.push_back({contribution.value.variant, contribution.value.text,
                                   "plugin " + contribution.origin.plugin + " (" + contribution.value.id + ")"});
  }
  return sources;
}

DryRun plan_prepare(const Session& session, const std::vector<int>& only) {
  DryRun dry_run{make_plan(session, collect(session), only), {}};
  dry_run.unit_test_command = unit_test_command(runner_python(session), unit_test_arguments_of(session, dry_run.plan));
  return dry_run;
}

PrepareResult run_prepare(const Session& session, const PrepareOptions& options) {
  const auto templates = template_sources(session);
  pr_body::check_templates(templates);  // a bad template fails now, not after the measurements
  Progress progress(session.reporter(), options.terminal);
  const ResultStore store(session.project_root());

  progress.phase("inventory");
  PrepareResult result{{}, make_plan(session, collect(session), options.only)};
  auto& plan = result.plan;
  const auto& collected = *plan.inventory;

  progress.phase("bench");
  auto bench = bench_phase(session, collected, plan, options, store);

  progress.phase("doctor");
  const auto doctor =
      run_doctor_step(session, plan, store, options.doctor, options.reuse && options.compare.reuse, progress);

  progress.phase("unit tests");
  const auto unit_tests = unit_test_step(session, plan, options, store, progress);

  progress.phase("compare");
  auto compared = run_compare_step(session, plan, store, options.compare,
                                   items_not_to_measure(plan, unit_tests, doctor, bench), progress);

  auto evidence = assemble(session, plan, bench, compared, unit_tests, doctor);
  const auto platform = platform_of(session, measured_python(evidence));
  if (options.write_pr_bodies) {
    progress.phase("pr bodies");
    write_pr_bodies(evidence, session.project_root(), platform, templates);
  } else {
    find_pr_bodies(evidence, session.project_root());
  }
  result.report = report::build_report(std::move(evidence), platform.line());
  result.report.notes.insert(result.report.notes.end(), bench.notes.begin(), bench.notes.end());
  return result;
}

Plan prepare_for_ci(const Session& session, const std::vector<int>& only, std::vector<std::string>& untracked) {
  const ResultStore store(session.project_root());
  auto plan = make_plan(session, collect(session), only);
  (void)run_bench_step(session, *plan.inventory, plan, store);
  for (const auto& group : plan.groups) {
    for (const auto& path : group.benchmark_paths) {
      if (!session.repository()->read_file("HEAD", path)) untracked.push_back(path);
    }
  }
  return plan;
}

bool all_ready(const report::Report& report) {
  for (const auto& row : report.rows) {
    if (row.status.kind != report::Status::Kind::Ready) return false;
  }
  return !report.rows.empty();
}

}  // namespace prhost::prepare
