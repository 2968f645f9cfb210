#include "report/status.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

namespace prhost::report {
namespace {

using pr_body::OptimizationEvidence;
using Reason = std::optional<std::string>;

struct Rule {
  Status::Kind kind;
  std::function<Reason(const OptimizationEvidence&)> check;
};

bool is_working(const pr_body::BenchmarkEvidence& benchmark) {
  return benchmark.status == "created" || benchmark.status == "exists";
}

bool has_working_benchmark(const OptimizationEvidence& e) {
  return std::any_of(e.benchmarks.begin(), e.benchmarks.end(), is_working);
}

// What the measurement says about the metrics the change is about (its
// domains' compare flags: --memory means memory, a timeout or no flag means
// time). `improved` needs a decided improvement; `unsure` collects
// inconclusive primaries.
struct Effect {
  bool improved = false;
  std::vector<std::string> regressed;
  std::vector<std::string> unsure;
  std::vector<std::string> secondary_regressions;
};

Effect effect_of(const OptimizationEvidence& e) {
  Effect effect;
  for (const auto& measured : e.compare.benchmarks) {
    if (measured.timing) {
      const auto& timing = *measured.timing;
      auto& regressions = e.time_primary ? effect.regressed : effect.secondary_regressions;
      if (timing.decision == "faster" && e.time_primary) effect.improved = true;
      if (timing.decision == "slower") regressions.push_back(measured.name + " " + timing.verdict);
      if (timing.decision == "inconclusive" && e.time_primary) {
        effect.unsure.push_back(fmt::format("{} time inconclusive ({:.2f}–{:.2f}x)", measured.name, timing.speedup_low,
                                            timing.speedup_high));
      }
    }
    if (measured.memory) {
      const auto& memory = *measured.memory;
      auto& regressions = e.memory_primary ? effect.regressed : effect.secondary_regressions;
      if (memory.direction == "lower" && e.memory_primary) effect.improved = true;
      if (memory.direction == "higher") {
        regressions.push_back(fmt::format("{} peak memory {:+.1f}%", measured.name, memory.delta_fraction * 100));
      }
    }
  }
  return effect;
}

std::string first(const std::vector<std::string>& items) { return items.empty() ? "" : items.front(); }

// The rules, one named check each: the reason it keeps an optimization from
// `ready`, or nothing when it passes.
using State = pr_body::UnitTestEvidence::State;

Reason no_refs(const OptimizationEvidence& e) {
  if (e.refs.error.empty()) return std::nullopt;
  return "no refs to compare: " + e.refs.error;
}

// "<check id>: <message>": an error doctor's safe repairs left.
Reason doctor_error(const OptimizationEvidence& e) {
  if (e.doctor.errors.empty()) return std::nullopt;
  return e.doctor.errors.front();
}

// A warning that can change the number (prepare's doctor step chose it).
Reason doctor_warning(const OptimizationEvidence& e) {
  if (e.doctor.review.empty()) return std::nullopt;
  return e.doctor.review.front();
}

// The failing test is named: a test this machine cannot pass (a network
// test) must not block an optimization without saying which one it was.
Reason unit_tests_fail(const OptimizationEvidence& e) {
  if (e.unit_tests.state != State::Failed) return std::nullopt;
  const auto test = failing_test_id(e.unit_tests.first_failure);
  return "unit tests fail" + (test.empty() ? std::string() : ": " + test);
}

Reason no_working_benchmark(const OptimizationEvidence& e) {
  if (has_working_benchmark(e)) return std::nullopt;
  const std::string why = e.benchmarks.empty() ? "" : e.benchmarks.front().cause;
  return "no working benchmark" + (why.empty() ? std::string() : ": " + why);
}

Reason results_differ(const OptimizationEvidence& e) {
  for (const auto& benchmark : e.benchmarks) {
    if (benchmark.equivalent && !*benchmark.equivalent) return std::string("head returns a different result than base");
  }
  return std::nullopt;
}

Reason compare_failed(const OptimizationEvidence& e) {
  if (!e.compare.failed) return std::nullopt;
  return e.compare.missing;
}

Reason primary_regression(const OptimizationEvidence& e) {
  const auto effect = effect_of(e);
  if (effect.regressed.empty()) return std::nullopt;
  return "regression: " + first(effect.regressed);
}

Reason compare_not_measured(const OptimizationEvidence& e) {
  if (e.compare.measured || e.compare.failed || !has_working_benchmark(e)) return std::nullopt;
  return e.compare.missing;
}

Reason no_decided_improvement(const OptimizationEvidence& e) {
  if (!e.compare.measured) return std::nullopt;
  const auto effect = effect_of(e);
  if (!effect.unsure.empty()) return "effect inconclusive: " + first(effect.unsure);
  if (!effect.improved) return std::string("no significant change measured");
  return std::nullopt;
}

Reason trade_off(const OptimizationEvidence& e) {
  const auto effect = effect_of(e);
  if (effect.secondary_regressions.empty()) return std::nullopt;
  return "trade-off: " + first(effect.secondary_regressions);
}

Reason unit_tests_not_passed(const OptimizationEvidence& e) {
  switch (e.unit_tests.state) {
    case State::NotRun:
      return "unit tests not run" + (e.unit_tests.why.empty() ? std::string() : ": " + e.unit_tests.why);
    case State::CouldNotRun:
      return "unit tests could not run: " + e.unit_tests.why;
    case State::NoTests:
      return std::string("no unit tests collected");
    default:
      return std::nullopt;
  }
}

Reason no_own_code_proof(const OptimizationEvidence& e) {
  if (!e.compare.measured || !e.compare.own_code.empty() || e.compare.own_code_enforced) return std::nullopt;
  return "no proof that each side ran its own code (" + e.compare.backend + " backend)";
}

Reason changed_lines_not_reached(const OptimizationEvidence& e) {
  for (const auto& benchmark : e.benchmarks) {
    if (!is_working(benchmark)) continue;
    if (!benchmark.coverage) return std::string("changed-line coverage not measured");
    if (!benchmark.coverage_reaches_change) return benchmark.test_name + " does not reach the changed lines";
  }
  return std::nullopt;
}

Reason results_not_compared(const OptimizationEvidence& e) {
  for (const auto& benchmark : e.benchmarks) {
    if (is_working(benchmark) && !benchmark.equivalent) return std::string("base/head results not compared");
  }
  return std::nullopt;
}

Reason benchmark_needs_review(const OptimizationEvidence& e) {
  for (const auto& benchmark : e.benchmarks) {
    if (benchmark.status == "needs review" || benchmark.status == "blocked") {
      return benchmark.test_name + " needs review: " + benchmark.cause;
    }
  }
  return std::nullopt;
}

// Checked in this order, so the reasons read in it: blockers first, then
// what a reviewer should look at.
const std::vector<Rule>& rules() {
  using Kind = Status::Kind;
  static const std::vector<Rule> table{
      {Kind::Blocked, no_refs},
      {Kind::Blocked, doctor_error},
      {Kind::Blocked, unit_tests_fail},
      {Kind::Blocked, no_working_benchmark},
      {Kind::Blocked, results_differ},
      {Kind::Blocked, compare_failed},
      {Kind::Blocked, primary_regression},
      {Kind::NeedsReview, doctor_warning},
      {Kind::NeedsReview, compare_not_measured},
      {Kind::NeedsReview, no_decided_improvement},
      {Kind::NeedsReview, trade_off},
      {Kind::NeedsReview, unit_tests_not_passed},
      {Kind::NeedsReview, no_own_code_proof},
      {Kind::NeedsReview, changed_lines_not_reached},
      {Kind::NeedsReview, results_not_compared},
      {Kind::NeedsReview, benchmark_needs_review},
  };
  return table;
}

}  // namespace

std::string Status::id() const {
  switch (kind) {
    case Kind::Ready:
      return "ready";
    case Kind::NeedsReview:
      return "needs review";
    case Kind::Blocked:
      break;
  }
  return "blocked";
}

std::string Status::text() const {
  if (kind == Kind::Ready) return id();
  std::string why;
  for (const auto& reason : reasons) why += (why.empty() ? "" : "; ") + reason;
  return id() + " (" + why + ")";
}

std::string failing_test_id(const std::string& first_failure) {
  auto id = first_failure;
  for (const std::string prefix : {"FAILED ", "ERROR "}) {
    if (id.starts_with(prefix)) id = id.substr(prefix.size());
  }
  return id.substr(0, id.find(" - "));
}

Status decide_status(const OptimizationEvidence& evidence) {
  Status status;
  for (const auto& rule : rules()) {
    const auto reason = rule.check(evidence);
    if (!reason) continue;
    if (rule.kind == Status::Kind::Blocked) {
      if (status.kind == Status::Kind::NeedsReview) status.review_reasons = std::exchange(status.reasons, {});
      status.kind = Status::Kind::Blocked;
      status.reasons.push_back(*reason);
    } else if (status.kind == Status::Kind::Blocked) {
      status.review_reasons.push_back(*reason);
    } else {
      status.kind = Status::Kind::NeedsReview;
      status.reasons.push_back(*reason);
    }
  }
  return status;
}

}  // namespace prhost::report
