// "mem.memray-importable" run for real against interpreters the test
// controls: `python3 -S` (no site-packages, so memray is only importable
// when the test puts a memray.py in the project root).
#include <gtest/gtest.h>

#include <variant>

#include "domain-mem/mem_module.hpp"
#include "fake_host_services.hpp"
#include "test_support.hpp"

namespace prhost::plugins::mem {
namespace {

using testing::FakeHostServices;
using testing::ScratchDir;

sdk::CheckContext context(const ScratchDir& project, std::vector<std::string> python, std::string runner = "pip") {
  sdk::CheckContext ctx;
  ctx.project.root = project.path();
  ctx.runner_id = std::move(runner);
  ctx.python = std::move(python);
  ctx.memory = true;  // a mem optimization will be compared with --memory
  return ctx;
}

TEST(MemrayCheck, IsNotApplicableWithoutAProjectInterpreter) {
  ScratchDir project;
  FakeHostServices services;
  const auto result = make_memray_check().run(context(project, {}), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::NotApplicable);
  EXPECT_TRUE(services.requests.empty()) << "nothing to run without an interpreter";
}

TEST(MemrayCheck, IsNotApplicableWhenNothingIsComparedWithMemory) {
  ScratchDir project;
  FakeHostServices services;
  auto ctx = context(project, {"python3", "-S"});
  ctx.memory = false;
  EXPECT_EQ(make_memray_check().run(ctx, services).status, sdk::CheckStatus::NotApplicable);
  EXPECT_TRUE(services.requests.empty()) << "nothing to probe without --memory";
}

TEST(MemrayCheck, IsOkWhenTheProjectInterpreterImportsMemray) {
  ScratchDir project;
  testing::write_file(project / "memray.py", "");
  testing::write_file(project / "pytest_memray.py", "");
  FakeHostServices services;
  const auto result = make_memray_check().run(context(project, {"python3", "-S"}), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Ok) << result.message;
  ASSERT_EQ(services.requests.size(), 1u);
  EXPECT_EQ(services.requests[0].argv,
            (std::vector<std::string>{"python3", "-S", "-c", "import memray, pytest_memray"}));
  EXPECT_EQ(services.requests[0].cwd, project.path());
  EXPECT_FALSE(result.repair.has_value());
}

TEST(MemrayCheck, WarnsWithAPipRepairThroughTheSameInterpreterWhenMemrayIsMissing) {
  ScratchDir project;
  FakeHostServices services;
  const auto result = make_memray_check().run(context(project, {"python3", "-S"}), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning);
  EXPECT_NE(result.message.find("tracemalloc"), std::string::npos) << result.message;
  ASSERT_FALSE(result.hints.empty());
  EXPECT_NE(result.hints[0].find("No module named 'memray'"), std::string::npos) << result.hints[0];
  ASSERT_TRUE(result.repair.has_value());
  ASSERT_EQ(result.repair->steps.size(), 1u);
  EXPECT_TRUE(sdk::needs_yes(result.repair->steps[0])) << "installing packages needs --yes";
  const auto* step = std::get_if<sdk::ConfirmedCommandStep>(&result.repair->steps[0]);
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->command.argv,
            (std::vector<std::string>{"python3", "-S", "-m", "pip", "install", "memray", "pytest-memray"}));
  EXPECT_EQ(step->command.cwd, project.path());
}

TEST(MemrayCheck, RepairsThroughTheRunnersInstallerForTheEnvironment) {
  ScratchDir project;
  FakeHostServices services;
  auto ctx = context(project, {"python3", "-S"}, "uv");
  ctx.environment.package_install = {"uv", "pip", "install", "--python", "/p/.venv/bin/python"};
  const auto result = make_memray_check().run(ctx, services);
  ASSERT_EQ(result.status, sdk::CheckStatus::Warning);
  ASSERT_TRUE(result.repair.has_value());
  const auto& step = std::get<sdk::ConfirmedCommandStep>(result.repair->steps.at(0));
  EXPECT_EQ(step.command.argv, (std::vector<std::string>{"uv", "pip", "install", "--python", "/p/.venv/bin/python",
                                                         "memray", "pytest-memray"}));
}

TEST(MemrayCheck, OffersNoRepairWhenTheInterpreterDoesNotStart) {
  ScratchDir project;
  FakeHostServices services;
  const auto result = make_memray_check().run(context(project, {(project / "missing/bin/python").string()}), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning);
  EXPECT_NE(result.message.find("did not start"), std::string::npos) << result.message;
  EXPECT_FALSE(result.repair.has_value());
}

}  // namespace
}  // namespace prhost::plugins::mem
