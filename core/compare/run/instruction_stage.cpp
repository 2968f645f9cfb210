#include "compare/run/instruction_stage.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "compare/engine/process_backend.hpp"
#include "compare/instructions/instruction_comparison.hpp"
#include "compare/instructions/instruction_report.hpp"
#include "session/session.hpp"

namespace prhost::compare {
namespace {

// The reason instructions cannot be counted here, or empty when they can.
std::string why_not(const PreparedComparison& prepared, const std::optional<std::filesystem::path>& valgrind) {
  if (!valgrind) return "valgrind is not on PATH (Debian: `apt-get install valgrind`)";
  for (const auto* target : {&prepared.base_target(), &prepared.head_target()}) {
    if (target->python.size() != 1) {
      return fmt::format("valgrind must start the interpreter itself, and this runner starts it through `{}`",
                         fmt::join(target->python, " "));
    }
  }
  return "";
}

void say_not_measured(const std::string& reason, const ui::Reporter& reporter, CompareOutcome& outcome) {
  reporter.warning("instruction counts not measured: " + reason);
  outcome.markdown += instructions::render_not_measured(reason);
  instructions::add_not_measured_to_json(reason, outcome.json);
}

}  // namespace

void add_instruction_counts(const PreparedComparison& prepared, const CompareOptions& options, const Session& session,
                            CompareOutcome& outcome) {
  const auto& reporter = session.reporter();
  if (options.metric == "time") return;
  const bool alone = options.metric == "instructions";
  const auto valgrind = instructions::find_valgrind(prepared.services());
  if (const auto reason = why_not(prepared, valgrind); !reason.empty()) {
    if (options.instructions_required) throw SessionError("--metric " + options.metric + " needs " + reason);
    say_not_measured(reason, reporter, outcome);
    return;
  }
  instructions::Options counting;
  counting.pairs = session.config().instruction_pairs;
  counting.progress = [&reporter](const std::string& line) { reporter.progress(line); };
  try {
    const auto comparison = instructions::compare_instructions(prepared.base_target(), prepared.head_target(),
                                                               *valgrind, counting, prepared.services());
    outcome.markdown += instructions::render_markdown(comparison);
    instructions::add_to_json(comparison, outcome.json);
    if (alone) {
      outcome.regression = std::any_of(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                                       [](const auto& b) { return b.decision == stats::Decision::Slower; });
    }
  } catch (const MeasurementFailed& failure) {
    if (alone) throw;
    say_not_measured(fmt::format("the {} run failed: {} — {}", stats::to_string(failure.side()), failure.cause().title,
                                 failure.cause().detail),
                     reporter, outcome);
  }
}

}  // namespace prhost::compare
