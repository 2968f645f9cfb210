// Prepare's doctor step on recorded check outcomes: which outcome blocks an
// optimization, which makes it `needs review`, which is only shown, and what
// the report says prepare repaired or left — down to the status the report
// prints.
#include "prepare/doctor_step.hpp"

#include <gtest/gtest.h>

#include "evidence_samples.hpp"
#include "report/report.hpp"
#include "report/status.hpp"

namespace prhost::prepare {
namespace {

using doctor::AppliedStep;
using sdk::CheckStatus;

doctor::CheckOutcome outcome(const std::string& id, CheckStatus status, const std::string& message) {
  doctor::CheckOutcome check;
  check.id = id;
  check.plugin = "checks-core";
  check.title = id;
  check.result.status = status;
  check.result.message = message;
  return check;
}

doctor::TargetReport target(std::vector<doctor::CheckOutcome> checks) {
  doctor::TargetReport report;
  report.target.optimizations = {1};
  report.checks = std::move(checks);
  return report;
}

report::Status status_with(const pr_body::DoctorEvidence& doctor) {
  auto evidence = testing::ready_cpu_evidence();
  evidence.doctor = doctor;
  return report::decide_status(evidence);
}

TEST(DoctorStep, AllOkChecksLeaveAReadyOptimizationReady) {
  const auto evidence = doctor_evidence(target({outcome("uv.environment", CheckStatus::Ok, ".venv in the project"),
                                                outcome("core.codeflash-importable", CheckStatus::NotApplicable, "")}));
  EXPECT_TRUE(evidence.checked);
  EXPECT_TRUE(evidence.errors.empty());
  EXPECT_TRUE(evidence.review.empty());
  EXPECT_EQ(status_with(evidence).text(), "ready");
}

TEST(DoctorStep, AnErrorLeftAfterTheSafeRepairsBlocksWithTheCheckIdAndItsMessage) {
  const auto evidence =
      doctor_evidence(target({outcome("pip.environment", CheckStatus::Error, "no Python environment found"),
                              outcome("core.pytest-starts", CheckStatus::Error, "pytest cannot collect")}));
  EXPECT_EQ(evidence.errors, (std::vector<std::string>{"pip.environment: no Python environment found",
                                                       "core.pytest-starts: pytest cannot collect"}));
  EXPECT_EQ(status_with(evidence).text(), "blocked (pip.environment: no Python environment found)");
}

TEST(DoctorStep, TheHintsOfWhatCountsAreKeptOnesOfWhatIsOnlyShownAreNot) {
  auto pitfall = outcome("core.benchmark-pitfalls", CheckStatus::Error, "1 pitfall(s) in 1 benchmark file(s)");
  pitfall.result.hints = {"tests/benchmarks/test_benchmark_total.py:7: patches `total`"};
  auto xdist = outcome("core.xdist-addopts", CheckStatus::Warning, "addopts turns on pytest-xdist");
  xdist.result.hints = {"prhost drops the xdist options from its own runs"};
  const auto evidence = doctor_evidence(target({pitfall, xdist}));
  EXPECT_EQ(
      evidence.details,
      std::vector<std::string>{"core.benchmark-pitfalls: tests/benchmarks/test_benchmark_total.py:7: patches `total`"});
}

TEST(DoctorStep, AWarningThatCanChangeTheNumberNeedsReviewOneThatCannotIsOnlyShown) {
  const auto pins = doctor_evidence(
      target({outcome("core.dependency-pins", CheckStatus::Warning, "numpy 1.26 installed matches head only")}));
  EXPECT_EQ(status_with(pins).text(), "needs review (core.dependency-pins: numpy 1.26 installed matches head only)");

  const auto layout = doctor_evidence(
      target({outcome("core.benchmark-at-refs", CheckStatus::Warning, "not committed at base; compare injects it"),
              outcome("core.xdist-addopts", CheckStatus::Warning, "addopts turns on pytest-xdist")}));
  EXPECT_TRUE(layout.review.empty());
  EXPECT_EQ(status_with(layout).text(), "ready");

  EXPECT_TRUE(warning_threatens_number("inhouse.some-new-check")) << "an unknown check's warning counts";
  EXPECT_FALSE(warning_threatens_number("core.benchmarks-root"));
}

TEST(DoctorStep, ACrashedCheckNeedsReviewRatherThanBlocking) {
  const auto evidence = doctor_evidence(
      target({outcome("mem.mocks-allocate", CheckStatus::Crashed, "the check itself failed (plugin 'domain-mem')")}));
  EXPECT_TRUE(evidence.errors.empty());
  const auto status = status_with(evidence);
  EXPECT_EQ(status.kind, report::Status::Kind::NeedsReview);
  EXPECT_EQ(status.text(), "needs review (mem.mocks-allocate: the check itself failed (plugin 'domain-mem'))");
}

TEST(DoctorStep, RepairsAreReadFromTheFirstRunAndStatusesFromTheRunAfterThem) {
  auto before = outcome("core.benchmarks-root", CheckStatus::Warning, "no benchmarks-root in [tool.codeflash]");
  before.applied.push_back({"set benchmarks-root = \"tests/benchmarks\" in [tool.codeflash] of pyproject.toml",
                            AppliedStep::Outcome::Applied,
                            "backup of the original: .codeflash/backup/pyproject.toml.1"});
  auto install = outcome("uv.environment", CheckStatus::Error, "no .venv");
  install.applied.push_back({"run `uv sync` in /p (needs --yes)", AppliedStep::Outcome::NeedsYes, ""});
  auto report = target({outcome("core.benchmarks-root", CheckStatus::Ok, "benchmarks-root = \"tests/benchmarks\""),
                        outcome("uv.environment", CheckStatus::Error, "no .venv")});
  report.before_fix = {before, install};

  const auto evidence = doctor_evidence(report);
  ASSERT_EQ(evidence.applied.size(), 1U);
  EXPECT_EQ(evidence.applied[0],
            "core.benchmarks-root: set benchmarks-root = \"tests/benchmarks\" in [tool.codeflash] of pyproject.toml "
            "(backup of the original: .codeflash/backup/pyproject.toml.1)");
  ASSERT_EQ(evidence.not_applied.size(), 1U);
  EXPECT_NE(evidence.not_applied[0].find("uv.environment: run `uv sync`"), std::string::npos);
  EXPECT_NE(evidence.not_applied[0].find("prhost doctor --fix --yes"), std::string::npos) << evidence.not_applied[0];
  EXPECT_EQ(evidence.errors, std::vector<std::string>{"uv.environment: no .venv"}) << "the re-run decides";
  EXPECT_EQ(status_with(evidence).text(), "blocked (uv.environment: no .venv)");
}

TEST(DoctorStep, FindingsSurviveTheStoreRoundTripAndTheReportNamesTheRepairs) {
  pr_body::DoctorEvidence evidence;
  evidence.checked = true;
  evidence.review = {"async.loop-per-round: run_until_complete on a loop made outside the measured call"};
  evidence.applied = {"core.benchmarks-root: set benchmarks-root"};
  const auto back = report::doctor_from_json(report::to_json(evidence));
  EXPECT_EQ(back.checked, evidence.checked);
  EXPECT_EQ(back.review, evidence.review);
  EXPECT_EQ(back.applied, evidence.applied);
  EXPECT_TRUE(report::doctor_from_json(nlohmann::json("garbage")).review.empty());

  auto row = testing::ready_cpu_evidence();
  row.doctor = evidence;
  const auto text = report::render_markdown(report::build_report({row}, "a machine"));
  EXPECT_NE(text.find("- #1 doctor repaired core.benchmarks-root: set benchmarks-root"), std::string::npos) << text;
}

}  // namespace
}  // namespace prhost::prepare
