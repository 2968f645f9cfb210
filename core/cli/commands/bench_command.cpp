#include "cli/commands/bench_command.hpp"

#include <fmt/format.h>

#include "bench/bench_render.hpp"
#include "bench/bench_runner.hpp"
#include "bench/inventory_source.hpp"
#include "bench/session_context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shared_checks.hpp"
#include "inventory/inventory_builder.hpp"
#include "session/session.hpp"

namespace prhost::cli {
namespace {

class BenchCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "bench"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 1: write test_benchmark_<function> for each optimized function without one, and run it once";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--only", only_, "Only the optimization with this number (as `prhost inventory` shows it)")
        ->check(CLI::PositiveNumber);
    sub.add_flag("--force", force_,
                 "Regenerate benchmark files prhost wrote before (a test defined elsewhere is "
                 "never touched)");
    sub.add_flag("--no-validate", no_validate_, "Write the files but do not run them at head and base");
    sub.add_flag("--no-record", no_record_,
                 "Do not run the project's tests to record calls of the functions (static inputs only)");
    sub.add_option("--timeout", timeout_, "Seconds one validation run may take (default 60)")
        ->check(in_range("bench.timeout"));
    sub.footer(
        "Writes <benchmarks root>/test_benchmark_<function>.py (methods: test_benchmark_<Class>_<method>); the\n"
        "root is [tool.codeflash] benchmarks-root in pyproject.toml, else tests/benchmarks. The domain plugins\n"
        "write the test (cpu: one timed call; mem: peak memory; async: fresh event loop per round; struct: many\n"
        "instances, time and memory). Inputs, in order: [[benchmark]] in prhost.toml or a ```python block under\n"
        "the optimization in .codeflash/HANDOFF.md; input recipes by parameter annotation (plugins); values\n"
        "the project's tests pass (scaled up when safe); otherwise the test fails on purpose, naming the\n"
        "missing input. Mocks only replace inference boundaries registered by plugins.\n"
        "Before the static sources, the project's tests that reach a function run once per ref with a call\n"
        "recorder, and the benchmark replays a recorded call. Each new test then runs once at head and once\n"
        "at base (pytest --benchmark-disable): it must reach the changed lines, and both refs must return the\n"
        "same result (else \"blocked\"); a failure is explained and the file kept. See docs/benchmarks.md.\n"
        " Exit 0 when every benchmark was created or exists, 1 when any needs review.\n\n"
        "Examples:\n  prhost bench\n  prhost bench --only 2 --force\n"
        "  prhost bench --json | jq '.benchmarks[] | {function, status, cause}'");
  }

  int execute(const GlobalOptions& globals) override {
    const auto session = Session::open(globals);
    auto& reporter = session.reporter();
    bench::InventorySnapshot snapshot;
    try {
      snapshot = bench::load_inventory(session);
    } catch (const inventory::InventoryError& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return error.kind() == inventory::InventoryError::Kind::UnknownHead ? exit_code::kBadInput
                                                                          : exit_code::kEnvironment;
    }

    auto context = bench::make_context(session, snapshot);
    context.validation_timeout = std::chrono::seconds(timeout_);
    bench::BenchReport report;
    try {
      report =
          bench::run_bench(context, {.only = only_, .force = force_, .validate = !no_validate_, .record = !no_record_});
    } catch (const bench::BenchError& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return exit_code::kBadInput;
    }

    if (globals.json) {
      fmt::print("{}\n", bench::to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("{}", bench::render_table(report));
      if (report.rows.empty()) {
        reporter.note("no kept optimizations found: run `prhost inventory` to see what prhost reads");
      }
      for (const auto& row : report.rows) {
        const bool open = row.status == bench::BenchStatus::NeedsReview || row.status == bench::BenchStatus::Blocked;
        if (open && !row.fix.empty()) {
          reporter.note(fmt::format("#{} {}: {}", row.number, row.function, row.fix));
        }
      }
    }
    return bench::all_ready(report) ? exit_code::kOk : exit_code::kFailure;
  }

 private:
  std::optional<int> only_;
  bool force_ = false;
  bool no_validate_ = false;
  bool no_record_ = false;
  int timeout_ = 60;
};

}  // namespace

std::unique_ptr<Command> make_bench_command() { return std::make_unique<BenchCommand>(); }

}  // namespace prhost::cli
