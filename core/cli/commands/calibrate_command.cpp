#include "cli/commands/calibrate_command.hpp"

#include <fmt/format.h>

#include <random>

#include "cli/exit_codes.hpp"
#include "cli/shared_checks.hpp"
#include "compare/calibration/calibration.hpp"
#include "compare/run/compare_run.hpp"
#include "util/atomic_write.hpp"

namespace prhost::cli {
namespace {

class CalibrateCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "calibrate"; }
  [[nodiscard]] std::string summary() const override {
    return "A/A runs (a ref against itself) measuring the compare engine's false-positive rate and noise floor";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("ref", ref_, "The ref compared against itself (default HEAD)");
    sub.add_option("--runs", runs_, "A/A comparisons to run (default 5)")->check(in_range("calibrate.runs"));
    sub.add_option("--benchmark", options_.benchmark_files, "Benchmark files (default: all under the benchmarks root)")
        ->check(inside_repository());
    sub.add_option("-k", filter_, "Only benchmarks matching this pytest -k expression");
    sub.add_option("--max-pairs", max_pairs_, "Most paired rounds per comparison (default 40)")
        ->check(in_range("compare.max-pairs"));
    sub.add_option("--seed", seed_, "First seed; run i uses seed + i (default: random, printed)");
    sub.add_flag("--no-save", no_save_, "Do not store the result in .codeflash/prhost-calibration.json");
    sub.footer(
        "Both checkouts hold the same commit, so every 'faster' or 'slower' verdict is a false positive.\n"
        "The result (rate, its 95% upper bound, per-round noise, noise floor) is stored in\n"
        ".codeflash/prhost-calibration.json, where a PR body can quote it.\n\n"
        "Examples:\n  prhost calibrate\n  prhost calibrate main --runs 20 -k count_words --json");
  }

  int execute(const GlobalOptions& globals) override {
    const auto session = Session::open(globals);
    options_.base_ref = ref_;
    options_.head_ref = ref_;
    options_.backend = "builtin";
    if (!filter_.empty()) options_.filter = filter_;
    if (max_pairs_ > 0) options_.max_pairs = max_pairs_;
    const std::uint64_t first_seed = seed_.value_or(std::random_device{}());
    auto prepared = compare::PreparedComparison::prepare(session, options_);
    std::vector<compare::EngineResult> results;
    std::vector<std::uint64_t> seeds;
    for (int run = 0; run < runs_; ++run) {
      seeds.push_back(first_seed + static_cast<std::uint64_t>(run));
      session.reporter().progress(fmt::format("A/A comparison {}/{} (seed {})", run + 1, runs_, seeds.back()));
      results.push_back(prepared.run(seeds.back()));
    }
    const auto summary = compare::summarize_calibration(ref_, prepared.context().base.sha, seeds, results);
    auto json = compare::to_json(summary);
    json["margin"] = prepared.context().margin;
    json["python_version"] = prepared.context().python_version;
    if (!no_save_) {
      const auto file = compare::calibration_file(session.project_root());
      util::write_file_atomically(file, json.dump(2) + "\n");
      session.reporter().note("stored in " + file.string());
    }
    if (globals.json) {
      fmt::print("{}\n", json.dump(2));
    } else {
      fmt::print("{}", compare::render_calibration(summary));
    }
    return exit_code::kOk;
  }

 private:
  std::string ref_ = "HEAD";
  int runs_ = 5;
  compare::CompareOptions options_;
  std::string filter_;
  int max_pairs_ = 0;
  std::optional<std::uint64_t> seed_;
  bool no_save_ = false;
};

}  // namespace

std::unique_ptr<Command> make_calibrate_command() { return std::make_unique<CalibrateCommand>(); }

}  // namespace prhost::cli
