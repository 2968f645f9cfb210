// One `prhost compare`: picks the backend, prepares both refs and runs the
// built-in engine or the real codeflash compare. Shared by the compare
// command and (later) prepare, which passes the domain plugins' flags.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/engine/compare_engine.hpp"
#include "compare/engine/process_backend.hpp"
#include "compare/report/compare_report.hpp"
#include "pytest/pytest_target.hpp"
#include "session/session.hpp"
#include "worktree/benchmark_branches.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::compare {

struct CompareOptions {
  std::string base_ref;
  std::string head_ref;
  bool memory = false;
  std::optional<int> timeout_seconds;  // per benchmark process; config default when unset
  std::vector<std::string> inject;     // extra working-tree paths copied into both refs
  // A ref that lacks a benchmark file is compared as a temporary branch
  // prhost/tmp/<ref>-bench with the benchmark commit cherry-picked onto it,
  // instead of copying the working-tree file in (worktree/benchmark_branches.hpp).
  bool branches = false;
  std::vector<std::string> benchmark_files;  // empty: every test_*.py under the benchmarks root
  std::optional<std::string> filter;         // pytest -k
  std::string backend;                       // builtin | codeflash ("auto" = builtin); empty: config
  std::optional<std::string> layout;         // builtin engine: pairs | process; empty: config
  bool cross_check = false;                  // builtin, then codeflash; is codeflash's point inside our interval?
  std::optional<int> min_pairs;
  std::optional<int> max_pairs;
  std::optional<double> margin_percent;
  std::optional<std::uint64_t> seed;  // empty: a fresh one, recorded in the output
  std::optional<int> memory_runs;
  int rounds_per_process = 5;
  // time | instructions | both: instruction counts under valgrind beside (or
  // instead of) time, builtin only. With `instructions_required` false (a
  // domain policy asked, not the user) a missing valgrind is a note, not an error.
  std::string metric = "time";
  bool instructions_required = true;
  // Called after every paired round (see EngineOptions::on_pair); builtin only.
  std::function<void(int pairs, int next_look, int max_pairs)> on_pair;
};

struct CompareOutcome {
  std::string backend;   // the one that ran
  std::string markdown;  // codeflash-shaped tables (+ verdict lines for builtin)
  nlohmann::json json;
  // A benchmark got slower or used more memory: by its interval (builtin),
  // by codeflash's point estimate beyond the margin (codeflash).
  bool regression = false;
};

// Both refs checked out, each proven to import its own code, ready to run
// the built-in engine any number of times (calibrate runs it repeatedly on
// the same pair of checkouts). The checkouts live as long as this object.
class PreparedComparison {
 public:
  static PreparedComparison prepare(const Session& session, const CompareOptions& options);
  // One full engine run with `seed` (context().seed for a normal compare).
  EngineResult run(std::uint64_t seed);
  [[nodiscard]] const ComparisonContext& context() const { return context_; }
  [[nodiscard]] const pytest::PytestTarget& base_target() const { return base_target_; }
  [[nodiscard]] const pytest::PytestTarget& head_target() const { return head_target_; }
  [[nodiscard]] sdk::HostServices& services() const { return *services_; }
  // After a failed run: runs each benchmark file alone at both refs and keeps
  // only those that pass, recording the others in context().set_aside.
  // False (nothing changed) when there is nothing to set aside or nothing left.
  bool set_aside_failing_files();

 private:
  PreparedComparison() = default;
  const Session* session_ = nullptr;
  sdk::HostServices* services_ = nullptr;
  std::unique_ptr<worktree::BenchmarkBranches> branches_;  // --branches only; outlives the checkouts
  std::unique_ptr<worktree::CheckoutSet> checkouts_;
  pytest::PytestTarget base_target_;
  pytest::PytestTarget head_target_;
  ComparisonContext context_;
  EngineOptions engine_;
  int rounds_per_process_ = 5;
  std::function<void(int, int, int)> on_pair_;
  std::string layout_ = "pairs";
  bool margin_chosen_ = false;  // --margin or [compare] margin-percent; else the layout's default
};

// The built-in engine's process layouts by name (`--layout`, `[compare]
// layout`): each makes the MeasurementBackend that measures that way.
using LayoutFactory = std::function<std::unique_ptr<MeasurementBackend>(
    const pytest::PytestTarget& base, const pytest::PytestTarget& head, ProcessBackendOptions process,
    std::uint64_t seed, sdk::HostServices& services)>;
const std::map<std::string, LayoutFactory>& measurement_layouts();

// The margin (percent) when neither --margin nor `[compare] margin-percent`
// sets one: per layout ("pairs", "process"), and "codeflash" for its gate.
double default_margin_percent(const std::string& layout);

// Errors: worktree::UnknownRefError, worktree::AmbiguousRefError (bad ref),
// UnsupportedOptionError (an option codeflash cannot honour), MeasurementFailed (a
// benchmark process failed; carries cause and fix), CodeflashRunError,
// worktree::OwnCodeError, std::runtime_error with an actionable message.
CompareOutcome run_compare(const Session& session, const CompareOptions& options);

}  // namespace prhost::compare
