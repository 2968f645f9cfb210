#include "cli/commands/doctor_command.hpp"

#include <fmt/format.h>

#include "cli/commands/doctor_targets.hpp"
#include "cli/commands/pipeline_output.hpp"
#include "cli/exit_codes.hpp"
#include "doctor/check_list.hpp"
#include "doctor/doctor.hpp"
#include "doctor/doctor_json.hpp"
#include "doctor/doctor_render.hpp"
#include "inventory/inventory_builder.hpp"
#include "session/session.hpp"

namespace prhost::cli {
namespace {

constexpr const char* kFooter =
    "Checks come from the plugins (runner-* for the environment, domain-* for a domain's tools,\n"
    "checks-core for pytest, codeflash, benchmarks-root and the benchmarks at both refs) and run in\n"
    "their order, once per pair of refs. Each prints one line:\n"
    "  [✓] ok   [!] warning   [✗] error   [-] not applicable   [☠] the check itself failed\n"
    "then its hints and, for every failure, the exact repair: the command or the edit.\n\n"
    "No check creates or changes anything: environments are found by looking (.venv,\n"
    "UV_PROJECT_ENVIRONMENT, `poetry env info -p`), never through `uv run` or `poetry run`.\n"
    "--fix applies the repairs that edit project files (pyproject.toml is edited key by key, the rest\n"
    "of the file byte for byte unchanged), then runs the checks again; repairs that install packages\n"
    "or create an environment (`uv sync`, `poetry install`) also need --yes.\n\n"
    "Without --base/--head: every optimization of the inventory, base = its commit's first parent,\n"
    "head = the commit (as prepare compares it). Exit 0 when no error remains, 1 otherwise.\n\n"
    "Examples:\n"
    "  prhost doctor\n"
    "  prhost doctor --only 2 --fix\n"
    "  prhost doctor --base main --head HEAD --backend codeflash\n"
    "  prhost doctor --fix --yes\n"
    "  prhost doctor --json | jq '.targets[].checks[] | select(.status != \"ok\")'\n"
    "  prhost doctor --list > docs/doctor.md";

class DoctorCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "doctor"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 2: every check that would stop a comparison, with the exact repair; --fix applies them";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--base", base_, "Base ref to check (with --head); default: each optimization's first parent");
    sub.add_option("--head", head_, "Head ref to check (with --base); default: each optimization's commit");
    sub.add_flag("--memory", memory_, "With --base/--head: the comparison will run with --memory (checks memray)");
    sub.add_option("--only", only_, kOnlyHelp)->delimiter(',')->check(CLI::PositiveNumber);
    sub.add_option("--check", checks_, "Only these check ids (see --list)")->delimiter(',');
    sub.add_flag("--fix", fix_, "Apply the safe repairs (file edits), then check again");
    sub.add_flag("--yes", yes_, "With --fix: also run repairs that install packages or create an environment");
    sub.add_option("--backend", backend_, "The compare backend to check for: builtin (default) or codeflash")
        ->check(CLI::IsMember({"auto", "builtin", "codeflash"}));
    sub.add_flag("--list", list_, "Print every check (id, plugin, what it looks at, its repair) as markdown");
    sub.footer(kFooter);
  }

  int execute(const GlobalOptions& globals) override {
    if (yes_ && !fix_) return report_error(globals, exit_code::kUsage, "--yes only goes with --fix");
    if (base_.empty() != head_.empty()) {
      return report_error(globals, exit_code::kUsage, "give both --base and --head, or neither");
    }
    Session::Options options;
    options.require_repository = !list_;
    options.check_runner = !list_;
    const auto session = Session::open(globals, options);
    if (list_) {
      fmt::print("{}", doctor::render_check_list(session.registry()));
      return exit_code::kOk;
    }
    std::vector<std::string> notes;
    std::vector<doctor::DoctorTarget> targets;
    try {
      targets = base_.empty() ? inventory_targets(session, only_, notes)
                              : std::vector<doctor::DoctorTarget>{explicit_target(session, base_, head_, memory_)};
    } catch (const inventory::InventoryError& error) {
      return report_error(globals, exit_code::kEnvironment, error.what());
    } catch (const std::invalid_argument& error) {
      return report_error(globals, base_.empty() ? exit_code::kUsage : exit_code::kBadInput, error.what());
    }
    const auto report = doctor::run_doctor(session, targets, {fix_, yes_, backend(session), checks_});
    print(globals, session, report, notes);
    return report.has_errors() ? exit_code::kFailure : exit_code::kOk;
  }

 private:
  [[nodiscard]] std::string backend(const Session& session) const {
    if (!backend_.empty()) return backend_;
    return session.config().backend.empty() ? "builtin" : session.config().backend;
  }

  void print(const GlobalOptions& globals, const Session& session, const doctor::DoctorReport& report,
             const std::vector<std::string>& notes) const {
    if (globals.json) {
      auto json = doctor::to_json(report);
      json["notes"] = notes;
      fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    std::string fix_command = "prhost doctor --fix";
    if (!base_.empty()) fix_command += " --base " + base_ + " --head " + head_;
    fmt::print("{}", doctor::render_text(report, fix_command));
    for (const auto& note : notes) session.reporter().note("note: " + note);
  }

  std::string base_;
  std::string head_;
  std::vector<int> only_;
  std::vector<std::string> checks_;
  bool fix_ = false;
  bool yes_ = false;
  bool list_ = false;
  bool memory_ = false;
  std::string backend_;
};

}  // namespace

std::unique_ptr<Command> make_doctor_command() { return std::make_unique<DoctorCommand>(); }

}  // namespace prhost::cli
