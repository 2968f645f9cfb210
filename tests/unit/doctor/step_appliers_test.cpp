// Repair steps applied for real: files in a scratch directory, commands
// through the real process runner.
#include "doctor/step_appliers.hpp"

#include <gtest/gtest.h>

#include "doctor/doctor.hpp"
#include "doctor/repair_text.hpp"
#include "fake_host_services.hpp"
#include "test_support.hpp"

namespace prhost::doctor {
namespace {

using testing::ScratchDir;

TEST(StepAppliers, WritesAFileOnlyWhenMissingAndLeavesAnExistingOneByteForByte) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const sdk::RepairStep step = sdk::WriteFileStep{"tests/benchmarks/conftest.py", "import pytest\n", true};
  const auto first = apply_step(step, {dir.path(), false}, services);
  EXPECT_EQ(first.outcome, AppliedStep::Outcome::Applied) << first.detail;
  EXPECT_EQ(testing::read_file(dir / "tests/benchmarks/conftest.py"), "import pytest\n");

  testing::write_file(dir / "tests/benchmarks/conftest.py", "# mine\r\n");
  const auto second = apply_step(step, {dir.path(), false}, services);
  EXPECT_EQ(second.outcome, AppliedStep::Outcome::Applied);
  EXPECT_NE(second.detail.find("exists already"), std::string::npos) << second.detail;
  EXPECT_EQ(testing::read_file(dir / "tests/benchmarks/conftest.py"), "# mine\r\n");
}

TEST(StepAppliers, AConfirmedCommandRunsOnlyWithYes) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const sdk::RepairStep step =
      sdk::ConfirmedCommandStep{sdk::Command{{"touch", "installed"}, dir.path()}, "creates a file"};
  const auto without = apply_step(step, {dir.path(), false}, services);
  EXPECT_EQ(without.outcome, AppliedStep::Outcome::NeedsYes);
  EXPECT_TRUE(services.requests.empty()) << "nothing may run without --yes";
  EXPECT_FALSE(std::filesystem::exists(dir / "installed"));

  const auto with = apply_step(step, {dir.path(), true}, services);
  EXPECT_EQ(with.outcome, AppliedStep::Outcome::Applied) << with.detail;
  EXPECT_TRUE(std::filesystem::exists(dir / "installed"));
  EXPECT_EQ(services.requests.at(0).argv, (std::vector<std::string>{"touch", "installed"}));
}

TEST(StepAppliers, AFailingCommandSaysHowItFailed) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const sdk::RepairStep step =
      sdk::RunCommandStep{sdk::Command{{"python3", "-c", "import sys; sys.exit('no network')"}, {}}};
  const auto applied = apply_step(step, {dir.path(), false}, services);
  EXPECT_EQ(applied.outcome, AppliedStep::Outcome::Failed);
  EXPECT_NE(applied.detail.find("no network"), std::string::npos) << applied.detail;
  EXPECT_EQ(services.requests.at(0).cwd, dir.path()) << "an empty cwd means the project root";
}

TEST(StepAppliers, SetTomlKeyUsesTheInstalledEditorAndIsNotAvailableWithout) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const sdk::RepairStep step = sdk::SetTomlKeyStep{"pyproject.toml", "tool.codeflash", "benchmarks-root", "\"b\""};
  set_toml_key_editor({});
  EXPECT_EQ(apply_step(step, {dir.path(), false}, services).outcome, AppliedStep::Outcome::NotAvailable);
  std::filesystem::path edited;
  set_toml_key_editor([&](const std::filesystem::path& file, const std::string& table, const std::string& key,
                          const std::string& value) -> std::optional<std::string> {
    edited = file;
    EXPECT_EQ(table + " " + key + " " + value, "tool.codeflash benchmarks-root \"b\"");
    return std::nullopt;
  });
  EXPECT_EQ(apply_step(step, {dir.path(), false}, services).outcome, AppliedStep::Outcome::Applied);
  EXPECT_EQ(edited, dir / "pyproject.toml");
  set_toml_key_editor({});
}

TEST(RepairText, ShowsTheExactCommandQuotedForAShell) {
  const sdk::RepairStep step = sdk::ConfirmedCommandStep{
      sdk::Command{{"uv", "pip", "install", "--python", "/my env/bin/python", "memray"}, "/p"}, "installs memray"};
  EXPECT_EQ(describe_step(step, "/root"),
            "run `uv pip install --python '/my env/bin/python' memray` in /p: installs memray (needs --yes)");
  EXPECT_EQ(
      describe_step(sdk::SetTomlKeyStep{"pyproject.toml", "tool.codeflash", "benchmarks-root", "\"tests/b\""}, ""),
      "set benchmarks-root = \"tests/b\" in [tool.codeflash] of pyproject.toml");
}

TEST(ApplyRepairs, StopsARepairAtItsFirstFailedStepAndSkipsOkChecks) {
  ScratchDir dir;
  testing::FakeHostServices services;
  sdk::Repair repair{"two steps",
                     {sdk::RunCommandStep{sdk::Command{{"false"}, {}}}, sdk::WriteFileStep{"after.txt", "x", true}}};
  std::vector<CheckOutcome> outcomes{
      {"a", "p", "t", {sdk::CheckStatus::Error, "", {}, repair}, {}},
      {"b",
       "p",
       "t",
       {sdk::CheckStatus::Ok, "", {}, sdk::Repair{"never", {sdk::WriteFileStep{"ok.txt", "x", true}}}},
       {}}};
  EXPECT_FALSE(apply_repairs(outcomes, dir.path(), false, services));
  ASSERT_EQ(outcomes[0].applied.size(), 1u);
  EXPECT_EQ(outcomes[0].applied[0].outcome, AppliedStep::Outcome::Failed);
  EXPECT_FALSE(std::filesystem::exists(dir / "after.txt"));
  EXPECT_TRUE(outcomes[1].applied.empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "ok.txt"));
}

}  // namespace
}  // namespace prhost::doctor
