#include "cli/commands/pr_body_command.hpp"

#include "cli/commands/pipeline_output.hpp"

namespace prhost::cli {
namespace {

class PrBodyCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "pr-body"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 4: fill the CPU or Memory template into .codeflash/pr-body-<function>.md from what was measured";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--only", only_, kOnlyHelp)->delimiter(',')->check(CLI::PositiveNumber);
    sub.add_option("--collect", collect_,
                   "Take the compare results from DIR (CI artifacts) instead of .codeflash/prhost/")
        ->type_name("DIR")
        ->check(CLI::ExistingDirectory);
    sub.footer(
        "Template: [pr-body] template in prhost.toml, else one a plugin contributes, else the built-in one\n"
        "(config/templates/cpu.md when compare produced timing tables, memory.md for a memory profile only).\n"
        "Placeholders: {{SUMMARY_BULLETS}}, {{TECHNICAL_DETAILS}}, {{PLATFORM_DESCRIPTION}},\n"
        "{{CODEFLASH_COMPARE_OUTPUT}}, {{COMPARE_FLAGS}}, {{BASE_REF}}, {{HEAD_REF}}, {{RUNNER}},\n"
        "{{BENCHMARK_PATH}}, {{TEST_ITEMS}}, {{CHANGELOG_SECTION}}, {{REPRODUCE}}; an unknown or unfilled one is\n"
        "an error naming it and its line (exit 3). Nothing is measured here: what `prhost prepare` has not\n"
        "measured is written as \"not measured\". See docs/pr-body.md.\n\n"
        "Examples:\n"
        "  prhost pr-body\n"
        "  prhost pr-body --only 2\n"
        "  prhost pr-body --collect prhost-compare");
  }

  int execute(const GlobalOptions& globals) override {
    prepare::PrepareOptions options;
    options.only = only_;
    options.write_benchmarks = false;
    options.doctor = prepare::DoctorMode::StoredOnly;  // what the last prepare found; nothing is repaired here
    options.run_unit_tests = !collect_.empty();
    options.compare.mode =
        collect_.empty() ? prepare::CompareStepOptions::Mode::ReuseOnly : prepare::CompareStepOptions::Mode::Directory;
    options.compare.directory = collect_;
    return run_pipeline(globals, options, {{}, true});
  }

 private:
  std::vector<int> only_;
  std::filesystem::path collect_;
};

}  // namespace

std::unique_ptr<Command> make_pr_body_command() { return std::make_unique<PrBodyCommand>(); }

}  // namespace prhost::cli
