#include <gtest/gtest.h>

#include "doctor/doctor_json.hpp"
#include "doctor/doctor_render.hpp"

namespace prhost::doctor {
namespace {

DoctorReport sample() {
  DoctorReport report;
  TargetReport target;
  target.target.label = "#1 aaaa..bbbb";
  target.target.base_ref = "aaaa";
  target.target.head_ref = "bbbb";
  sdk::CheckResult error{
      sdk::CheckStatus::Error,
      "no poetry environment",
      {"prhost never creates one"},
      sdk::Repair{"create it",
                  {sdk::ConfirmedCommandStep{sdk::Command{{"poetry", "install"}, "/p"}, "creates the environment"}}}};
  target.checks.push_back({"poetry.environment", "runner-poetry", "poetry environment", error, {}});
  target.checks.push_back({"core.xdist-addopts", "checks-core", "xdist", {sdk::CheckStatus::Ok, "fine", {}, {}}, {}});
  target.checks.push_back({"x.crash", "buggy", "crashes", {sdk::CheckStatus::Crashed, "boom", {}, {}}, {}});
  target.checks.push_back(
      {"mem.memray", "domain-mem", "memray", {sdk::CheckStatus::NotApplicable, "no --memory", {}, {}}, {}});
  target.checks.push_back({"w", "p", "warn", {sdk::CheckStatus::Warning, "careful", {"a hint"}, {}}, {}});
  report.targets.push_back(target);
  return report;
}

TEST(DoctorRender, OneMarkedLinePerCheckThenHintsAndTheExactRepair) {
  const auto text = render_text(sample(), "prhost doctor --fix");
  EXPECT_NE(text.find("[✗] poetry environment — no poetry environment  (poetry.environment, runner-poetry)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("      hint: prhost never creates one\n"), std::string::npos) << text;
  EXPECT_NE(text.find("        run `poetry install` in /p: creates the environment (needs --yes)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("[✓] xdist — fine"), std::string::npos) << text;
  EXPECT_NE(text.find("[☠] crashes — boom  (x.crash, buggy)"), std::string::npos) << text;
  EXPECT_NE(text.find("[-] memray — no --memory"), std::string::npos) << text;
  EXPECT_NE(text.find("[!] warn — careful"), std::string::npos) << text;
  EXPECT_NE(text.find("1 ok, 1 warnings, 1 errors, 1 not applicable, 1 crashed"), std::string::npos) << text;
  EXPECT_NE(text.find("Apply the repairs: prhost doctor --fix"), std::string::npos) << text;
  EXPECT_EQ(text.find("hint: a hint"), text.rfind("hint: a hint")) << "each hint once";
}

TEST(DoctorJson, CarriesEveryCheckStatusRepairAndWhatWasApplied) {
  auto report = sample();
  report.fix = true;
  report.targets[0].checks[0].applied.push_back(
      {"run `poetry install` in /p", AppliedStep::Outcome::NeedsYes, "run again with --fix --yes"});
  const auto json = to_json(report);
  EXPECT_FALSE(json["ok"].get<bool>());
  const auto& checks = json["targets"][0]["checks"];
  ASSERT_EQ(checks.size(), 5u);
  EXPECT_EQ(checks[0]["status"], "error");
  EXPECT_EQ(checks[0]["plugin"], "runner-poetry");
  EXPECT_EQ(checks[0]["repair"]["steps"][0]["needs_yes"], true);
  EXPECT_EQ(checks[0]["applied"][0]["outcome"], "needs-yes");
  EXPECT_EQ(checks[2]["status"], "crashed");
  EXPECT_EQ(checks[3]["status"], "not-applicable");
  EXPECT_TRUE(checks[1]["repair"].is_null());
}

}  // namespace
}  // namespace prhost::doctor
