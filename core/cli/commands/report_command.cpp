#include "cli/commands/report_command.hpp"

#include "cli/commands/pipeline_output.hpp"

namespace prhost::cli {
namespace {

class ReportCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "report"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 5: ready / needs review / blocked per optimization, from what was measured";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--only", only_, kOnlyHelp)->delimiter(',')->check(CLI::PositiveNumber);
    sub.add_option("--html", html_, "Also write a self-contained page with the charts (no network, no JavaScript)")
        ->type_name("FILE");
    sub.add_option("--collect", collect_,
                   "Take the compare results from DIR (the JSON files the CI jobs of `prepare --emit-ci` upload), "
                   "run the unit tests and write the PR bodies")
        ->type_name("DIR")
        ->check(CLI::ExistingDirectory);
    sub.footer(
        "| # | Optimization | Benchmark | Compare | PR body | Status |: `ready` only with a working benchmark,\n"
        "a decided improvement of the metric the change is about, unit tests passing at head, the proof that\n"
        "each side ran its own code, the changed lines reached and the same results at base and head; else\n"
        "`needs review (why)` or `blocked (why)`. Claims from HANDOFF.md, commit messages and results.tsv are\n"
        "shown beside the measurements, flagged when outside the measured interval.\n"
        "Without --collect nothing runs: the report reads what `prhost prepare` stored in .codeflash/prhost/.\n"
        "Exit 0 when every optimization is ready, 1 otherwise.\n\n"
        "Examples:\n"
        "  prhost report\n"
        "  prhost report --html report.html\n"
        "  prhost report --collect prhost-compare --json");
  }

  int execute(const GlobalOptions& globals) override {
    prepare::PrepareOptions options;
    options.only = only_;
    options.write_benchmarks = false;
    options.doctor = prepare::DoctorMode::StoredOnly;  // what the last prepare found; nothing is repaired here
    if (collect_.empty()) {
      options.run_unit_tests = false;
      options.write_pr_bodies = false;
      options.compare.mode = prepare::CompareStepOptions::Mode::ReuseOnly;
    } else {
      options.compare.mode = prepare::CompareStepOptions::Mode::Directory;
      options.compare.directory = collect_;
    }
    return run_pipeline(globals, options, {html_, !collect_.empty()});
  }

 private:
  std::vector<int> only_;
  std::filesystem::path html_;
  std::filesystem::path collect_;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace prhost::cli
