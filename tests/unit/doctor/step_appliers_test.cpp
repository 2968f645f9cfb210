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

TEST(StepAppliers, SetTomlKeyUsesAnInstalledEditorInsteadOfTheBuiltInOne) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const sdk::RepairStep step = sdk::SetTomlKeyStep{"pyproject.toml", "tool.codeflash", "benchmarks-root", "\"b\""};
  set_toml_key_editor({});
  const auto missing = apply_step(step, {dir.path(), false}, services);
  EXPECT_EQ(missing.outcome, AppliedStep::Outcome::Failed) << "the built-in editor finds no pyproject.toml";
  EXPECT_NE(missing.detail.find("pyproject.toml"), std::string::npos) << missing.detail;
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

TEST(StepAppliers, BuiltInTomlEditorKeepsEveryOtherByteAndBacksTheOriginalUp) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const std::string original =
      "[project]  # the package\r\nname = 'shop'\r\n\r\n[tool.codeflash]\r\n# where the code is\r\n"
      "module-root = \"shop\"\r\n\r\n[tool.ruff]\r\nline-length = 100\r\n";
  testing::write_file(dir / "pyproject.toml", original);
  set_toml_key_editor({});
  const sdk::RepairStep step =
      sdk::SetTomlKeyStep{"pyproject.toml", "tool.codeflash", "benchmarks-root", "\"tests/benchmarks\""};
  const auto applied = apply_step(step, {dir.path(), false}, services);
  ASSERT_EQ(applied.outcome, AppliedStep::Outcome::Applied) << applied.detail;
  EXPECT_EQ(testing::read_file(dir / "pyproject.toml"),
            "[project]  # the package\r\nname = 'shop'\r\n\r\n[tool.codeflash]\r\n# where the code is\r\n"
            "module-root = \"shop\"\r\nbenchmarks-root = \"tests/benchmarks\"\r\n\r\n[tool.ruff]\r\n"
            "line-length = 100\r\n");
  std::vector<std::filesystem::path> backups;
  for (const auto& entry : std::filesystem::directory_iterator(dir / ".codeflash" / "backup")) {
    backups.push_back(entry.path());
  }
  ASSERT_EQ(backups.size(), 1u);
  EXPECT_EQ(testing::read_file(backups[0]), original) << "the backup is the file as it was";
  EXPECT_NE(applied.detail.find(backups[0].string()), std::string::npos) << applied.detail;
}

TEST(StepAppliers, BuiltInTomlEditorNeverTouchesAMalformedFile) {
  ScratchDir dir;
  testing::FakeHostServices services;
  const std::string broken = "[project]\nname = \"shop\"\n[tool.codeflash\n";
  testing::write_file(dir / "pyproject.toml", broken);
  set_toml_key_editor({});
  const auto applied = apply_step(sdk::SetTomlKeyStep{"pyproject.toml", "tool.codeflash", "benchmarks-root", "\"b\""},
                                  {dir.path(), false}, services);
  EXPECT_EQ(applied.outcome, AppliedStep::Outcome::Failed);
  EXPECT_NE(applied.detail.find("pyproject.toml:3:"), std::string::npos) << applied.detail;
  EXPECT_EQ(testing::read_file(dir / "pyproject.toml"), broken);
  EXPECT_FALSE(std::filesystem::exists(dir / ".codeflash")) << "no backup of a file that was not edited";
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
