#include "cli/commands/prepare_command.hpp"

#include <fmt/format.h>

#include "cli/commands/pipeline_output.hpp"
#include "cli/exit_codes.hpp"
#include "doctor/doctor_json.hpp"
#include "inventory/inventory_builder.hpp"
#include "prepare/doctor_step.hpp"
#include "prepare/emit_ci.hpp"
#include "session/session.hpp"
#include "util/atomic_write.hpp"

namespace prhost::cli {
namespace {

class PrepareCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "prepare"; }
  [[nodiscard]] std::string summary() const override {
    return "All phases: benchmarks, doctor, unit tests, compare, PR bodies and the report, per optimization";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--only", only_, kOnlyHelp)->delimiter(',')->check(CLI::PositiveNumber);
    sub.add_flag("--dry-run", dry_run_,
                 "Print the plan (refs, flags, benchmark files) and doctor's findings with the repairs it would "
                 "apply; write nothing");
    sub.add_flag("--no-reuse", no_reuse_, "Measure again even where a stored result is still valid");
    sub.add_option("--emit-ci", emit_ci_, "Write a CI workflow that compares on CI machines instead of here")
        ->check(CLI::IsMember({"github"}));
    sub.add_option("--ci-output", ci_output_,
                   std::string("Where --emit-ci writes (default ") + prepare::kCiDefaultPath + ")")
        ->type_name("FILE");
    sub.add_option("--html", html_, "Also write the report as a self-contained page with charts")->type_name("FILE");
    sub.footer(
        "Per optimization: base = its commit's first parent, head = the commit (an open pull request that\n"
        "contains the commit gives the PR's base and head; [[optimization]] in prhost.toml overrides both),\n"
        "so a stacked branch gives one isolated comparison per optimization. Then, in order: the benchmark\n"
        "(written when missing and run once), doctor's checks with its safe repairs (file edits such as\n"
        "pyproject.toml's benchmarks-root, never installs: an error left blocks that optimization), the\n"
        "project's unit tests at head (in a prhost-owned checkout), the built-in compare with the flags the\n"
        "domain plugins choose, the PR body (.codeflash/pr-body-<function>.md) and the report. A failure\n"
        "stops only its own optimization.\n"
        "Comparisons that share refs share their rounds; a re-run reuses every result whose commits, benchmark\n"
        "content and settings are unchanged (.codeflash/prhost/), so it finishes in seconds.\n"
        "Never pushes, never opens a PR, never moves your branch; writes only .codeflash/, the benchmarks\n"
        "and the files doctor's safe repairs edit (the report lists them).\n"
        "Exit 0 when every optimization is ready, 1 when any needs review or is blocked.\n\n"
        "Examples:\n"
        "  prhost prepare\n"
        "  prhost prepare --only 2,3 --dry-run\n"
        "  prhost prepare --json | jq '.optimizations[] | {number, status_text}'\n"
        "  prhost prepare --html report.html\n"
        "  prhost prepare --emit-ci github && cp .codeflash/ci/prhost-compare.yml .github/workflows/");
  }

  int execute(const GlobalOptions& globals) override {
    if (dry_run_) return dry_run(globals);
    if (!emit_ci_.empty()) return emit_ci(globals);
    prepare::PrepareOptions options;
    options.only = only_;
    options.reuse = !no_reuse_;
    options.compare.reuse = !no_reuse_;  // --no-reuse measures the comparisons again too
    return run_pipeline(globals, options, {html_, true});
  }

 private:
  int dry_run(const GlobalOptions& globals) const {
    const auto session = Session::open(globals);
    try {
      const auto plan = prepare::plan_prepare(session, only_);
      const auto doctor = prepare::preview_doctor(session, plan.plan);
      if (globals.json) {
        auto json = prepare::plan_json(plan.plan, plan.unit_test_command);
        json["doctor"] = doctor::to_json(doctor);
        fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      } else {
        fmt::print("{}{}", prepare::render_plan(plan.plan, plan.unit_test_command),
                   prepare::render_doctor_preview(doctor));
      }
    } catch (const inventory::InventoryError& error) {
      return report_error(globals, exit_code::kEnvironment, error.what());
    } catch (const std::invalid_argument& error) {
      return report_error(globals, exit_code::kUsage, error.what());
    }
    return exit_code::kOk;
  }

  int emit_ci(const GlobalOptions& globals) const {
    const auto session = Session::open(globals);
    std::vector<std::string> untracked;
    prepare::Plan plan;
    try {
      plan = prepare::prepare_for_ci(session, only_, untracked);
    } catch (const inventory::InventoryError& error) {
      return report_error(globals, exit_code::kEnvironment, error.what());
    } catch (const std::invalid_argument& error) {
      return report_error(globals, exit_code::kUsage, error.what());
    }
    const auto output = ci_output_.empty() ? session.project_root() / prepare::kCiDefaultPath : ci_output_;
    util::write_file_atomically(output,
                                prepare::github_workflow(plan, prepare::runner_python_version(session), untracked));
    if (globals.json) {
      fmt::print(
          "{}\n",
          nlohmann::json{{"workflow", output.string()}, {"matrix", prepare::ci_matrix(plan)}, {"untracked", untracked}}
              .dump(2));
    } else {
      fmt::print("{}\nwrote {} ({} job(s)); copy it to .github/workflows/ and set the PRHOST_INSTALL variable\n",
                 prepare::ci_matrix(plan)["include"].dump(2), output.string(), plan.groups.size());
      for (const auto& path : untracked)
        fmt::print("commit {} before pushing: the CI jobs check out the repository\n", path);
    }
    return exit_code::kOk;
  }

  std::vector<int> only_;
  bool dry_run_ = false;
  bool no_reuse_ = false;
  std::string emit_ci_;
  std::filesystem::path ci_output_;
  std::filesystem::path html_;
};

}  // namespace

std::unique_ptr<Command> make_prepare_command() { return std::make_unique<PrepareCommand>(); }

}  // namespace prhost::cli
