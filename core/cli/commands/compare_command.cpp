#include "cli/commands/compare_command.hpp"

#include <fmt/format.h>

#include "cli/exit_codes.hpp"
#include "cli/shared_checks.hpp"
#include "compare/run/compare_run.hpp"
#include "util/atomic_write.hpp"

namespace prhost::cli {
namespace {

class CompareCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "compare"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 3: compare benchmark time (and peak memory) between two refs, with confidence intervals";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("base", options_.base_ref, "Base ref: branch, tag, SHA or expression (main, HEAD~3)")->required();
    sub.add_option("head", options_.head_ref, "Head ref")->required();
    sub.add_flag("--memory", options_.memory, "Also measure peak memory (memray, else tracemalloc) in untimed runs");
    sub.add_option("--timeout", timeout_, "Seconds a benchmark process may run before it is killed")
        ->check(in_range("compare.timeout-seconds"));
    sub.add_option("--inject", options_.inject,
                   "Copy these working-tree paths into both refs (benchmark files always are)")
        ->check(inside_repository());
    sub.add_flag("--branches", options_.branches,
                 "A ref that lacks a benchmark is compared as a temporary branch prhost/tmp/<ref>-bench with the "
                 "benchmark commit cherry-picked (libgit2), deleted afterwards, instead of injecting the file");
    sub.add_option("--benchmark", options_.benchmark_files,
                   "Benchmark files to run (default: every test_*.py under the benchmarks root)")
        ->check(inside_repository());
    sub.add_option("-k", filter_, "Only benchmarks matching this pytest -k expression");
    sub.add_option("--backend", options_.backend,
                   "builtin (default: intervals and verdicts) or codeflash (the real codeflash compare, point "
                   "estimates); auto = builtin")
        ->check(CLI::IsMember({"auto", "builtin", "codeflash"}));
    sub.add_option("--layout", layout_,
                   "Built-in engine: pairs (default: a fresh base and head worker per pair, samples alternated, CPU "
                   "clock) or process (one pytest process per side and round)")
        ->check(CLI::IsMember({"pairs", "process"}));
    sub.add_flag("--cross-check", options_.cross_check,
                 "Run the built-in engine and codeflash compare; say whether codeflash's median lies inside "
                 "prhost's interval");
    sub.add_option("--min-pairs", min_pairs_, "Paired rounds before the first look (default 10)")
        ->check(in_range("compare.min-pairs"));
    sub.add_option("--max-pairs,--rounds", max_pairs_, "Most paired rounds (default 40)")
        ->check(in_range("compare.max-pairs"));
    sub.add_option(
           "--margin", margin_,
           "Changes within ±PCT percent count as no change (default 3 on the pairs layout, 5 on process and codeflash)")
        ->check(in_range("compare.margin-percent"));
    sub.add_option("--seed", seed_, "Seed of the ABBA/BAAB schedule (default: random, printed)");
    sub.add_option("--memory-runs", memory_runs_, "Untimed memory runs per ref (default 3)")
        ->check(in_range("compare.memory-runs"));
    sub.add_option("--metric", options_.metric,
                   "time (default), instructions, or both: instruction counts per call under valgrind "
                   "(callgrind), a second metric the neighbours on a shared core cannot move")
        ->check(CLI::IsMember({"time", "instructions", "both"}));
    sub.add_option("-o,--output", output_, "Also write the markdown to FILE")->type_name("FILE");
    sub.add_flag("--fail-on-regression", fail_on_regression_,
                 "Exit 5 when a benchmark is slower or uses more memory (for CI gates)");
    sub.footer(
        "Both refs are checked out with libgit2 into temporary directories (removed on every exit,\n"
        "Ctrl-C included); the working tree's benchmark files are copied into both, so both sides run\n"
        "the same benchmark. With --branches, a ref that lacks the committed benchmark is compared as\n"
        "prhost/tmp/<ref>-bench (the ref plus the benchmark commit, cherry-picked with libgit2), deleted\n"
        "after the comparison however it ends; HEAD, the index and the working tree never move.\n"
        "Before timing, prhost proves each checkout imports its own code.\n\n"
        "Built-in engine: each pair is a fresh base and a fresh head worker whose samples alternate\n"
        "ABBA/BAAB on the worker thread's CPU clock (wall clock for benchmarks that sleep or wait); the\n"
        "pair's value is p25 head / p25 base (--layout process: one pytest process per side and round).\n"
        "Looks at 10/20/40 pairs, 95% confidence intervals (Wilcoxon signed-rank, Bonferroni across\n"
        "looks, Holm across benchmarks).\n"
        "Verdicts: faster, slower, no significant change (CI inside ±margin), inconclusive.\n\n"
        "--metric both adds instruction counts (3 pairs of valgrind runs, ±0.5% margin): not time,\n"
        "but unmoved by load; --metric instructions counts only.\n\n"
        "Examples:\n"
        "  prhost compare main HEAD\n"
        "  prhost compare main codeflash/optimize --memory\n"
        "  prhost compare v1.2 HEAD --json > compare.json\n"
        "  prhost compare main HEAD --cross-check\n"
        "  prhost compare HEAD~1 HEAD --branches\n"
        "  prhost compare main HEAD --metric both\n"
        "  prhost compare main HEAD -o .codeflash/compare.md --fail-on-regression");
  }

  int execute(const GlobalOptions& globals) override {
    if (timeout_ > 0) options_.timeout_seconds = timeout_;
    if (!filter_.empty()) options_.filter = filter_;
    if (!layout_.empty()) options_.layout = layout_;
    if (min_pairs_ > 0) options_.min_pairs = min_pairs_;
    if (max_pairs_ > 0) options_.max_pairs = max_pairs_;
    if (margin_ > 0) options_.margin_percent = margin_;
    if (seed_) options_.seed = *seed_;
    if (memory_runs_ > 0) options_.memory_runs = memory_runs_;

    const auto session = Session::open(globals);
    // A failed comparison throws; app.cpp turns each error into its exit code.
    const auto outcome = compare::run_compare(session, options_);

    if (!output_.empty()) {
      util::write_file_atomically(output_, outcome.markdown);
      session.reporter().note("markdown written to " + output_.string());
    }
    if (globals.json) {
      fmt::print("{}\n", outcome.json.dump(2));
    } else {
      fmt::print("{}", outcome.markdown);
    }
    return fail_on_regression_ && outcome.regression ? exit_code::kRegression : exit_code::kOk;
  }

 private:
  compare::CompareOptions options_;
  int timeout_ = 0;
  std::string filter_;
  std::string layout_;
  int min_pairs_ = 0;
  int max_pairs_ = 0;
  double margin_ = 0;
  std::optional<std::uint64_t> seed_;
  int memory_runs_ = 0;
  std::filesystem::path output_;
  bool fail_on_regression_ = false;
};

}  // namespace

std::unique_ptr<Command> make_compare_command() { return std::make_unique<CompareCommand>(); }

}  // namespace prhost::cli
