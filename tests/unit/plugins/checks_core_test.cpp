// checks-core's checks on real project layouts the tests build, with the
// machine's real python3 (which has pytest and pytest-benchmark, not
// pytest-cov) as the environment's interpreter.
#include <gtest/gtest.h>

#include <variant>

#include "checks-core/checks_core_module.hpp"
#include "fake_host_services.hpp"
#include "recording_registry.hpp"
#include "test_support.hpp"

namespace prhost::plugins::checks_core {
namespace {

using testing::FakeHostServices;
using testing::ScratchDir;
using testing::write_file;

sdk::CheckContext context(const ScratchDir& project) {
  sdk::CheckContext ctx;
  ctx.project.root = project.path();
  ctx.runner_id = "pip";
  ctx.python = {"python3"};
  ctx.environment.found = true;
  ctx.environment.python = {"python3"};
  ctx.environment.package_install = {"python3", "-m", "pip", "install"};
  ctx.benchmarks_root = "tests/benchmarks";
  ctx.backend = "builtin";
  return ctx;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ChecksCore, RegistersEveryCheckWithADescription) {
  testing::RecordingRegistry registry;
  FakeHostServices services;
  register_contributions(registry, services);
  ASSERT_GE(registry.checks.size(), 6u);
  for (const auto& check : registry.checks) {
    EXPECT_EQ(check.id.rfind("core.", 0), 0u) << check.id;
    const auto described = std::any_of(registry.check_descriptions.begin(), registry.check_descriptions.end(),
                                       [&](const auto& d) { return d.id == check.id && !d.looks_at.empty(); });
    EXPECT_TRUE(described) << check.id << " has no description for doctor --list";
  }
}

TEST(BenchmarksRootCheck, MissingKeyIsRepairedBySettingItInToolCodeflash) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[project]\nname = \"x\"\n");
  FakeHostServices services;
  const auto result = make_benchmarks_root_check().run(context(project), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning);
  ASSERT_TRUE(result.repair.has_value());
  const auto& step = std::get<sdk::SetTomlKeyStep>(result.repair->steps.at(0));
  EXPECT_EQ(step.file, "pyproject.toml");
  EXPECT_EQ(step.table, "tool.codeflash");
  EXPECT_EQ(step.key, "benchmarks-root");
  EXPECT_EQ(step.value_toml, "\"tests/benchmarks\"");
  EXPECT_FALSE(sdk::needs_yes(result.repair->steps.at(0))) << "a file edit is a safe repair";
}

TEST(BenchmarksRootCheck, IsAnErrorWhenCodeflashIsTheBackend) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[project]\nname = \"x\"\n");
  FakeHostServices services;
  auto ctx = context(project);
  ctx.backend = "codeflash";
  EXPECT_EQ(make_benchmarks_root_check().run(ctx, services).status, sdk::CheckStatus::Error);
}

TEST(BenchmarksRootCheck, MalformedPyprojectIsReportedWithLineAndColumnAndNotRepaired) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[project]\nname = \"x\"\n[tool.codeflash\n");
  FakeHostServices services;
  const auto result = make_benchmarks_root_check().run(context(project), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Error);
  EXPECT_TRUE(contains(result.message, "pyproject.toml:3:")) << result.message;
  EXPECT_FALSE(result.repair.has_value());
}

TEST(BenchmarksRootCheck, OkWhenSetToAnExistingDirectoryHoldingTheBenchmarks) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \"bench\"\n");
  write_file(project / "bench/test_benchmark_f.py", "");
  FakeHostServices services;
  auto ctx = context(project);
  ctx.benchmark_files = {"bench/test_benchmark_f.py"};
  EXPECT_EQ(make_benchmarks_root_check().run(ctx, services).status, sdk::CheckStatus::Ok);
  ctx.benchmark_files = {"tests/test_benchmark_f.py"};
  const auto stray = make_benchmarks_root_check().run(ctx, services);
  EXPECT_EQ(stray.status, sdk::CheckStatus::Warning);
  EXPECT_TRUE(contains(stray.message, "tests/test_benchmark_f.py is not under")) << stray.message;
}

TEST(PytestStartCheck, ReportsPytestsOwnUsageErrorForCovWithoutPytestCov) {
  ScratchDir project;
  write_file(project / "pytest.ini", "[pytest]\naddopts = --cov=shop\n");
  write_file(project / "tests/benchmarks/test_benchmark_x.py", "def test_benchmark_x():\n    pass\n");
  FakeHostServices services;
  auto ctx = context(project);
  ctx.benchmark_files = {"tests/benchmarks/test_benchmark_x.py"};
  const auto result = make_pytest_start_check().run(ctx, services);
  ASSERT_EQ(result.status, sdk::CheckStatus::Error) << result.message;
  EXPECT_TRUE(contains(result.message, "usage error (exit 4)")) << result.message;
  EXPECT_TRUE(contains(result.message, "unrecognized arguments: --cov=shop")) << result.message;
  ASSERT_TRUE(result.repair.has_value());
  const auto& step = std::get<sdk::ConfirmedCommandStep>(result.repair->steps.at(0));
  EXPECT_EQ(step.command.argv.back(), "pytest-cov");
}

TEST(PytestStartCheck, OkWhenPytestCollectsTheBenchmarks) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_benchmark_x.py", "def test_benchmark_x():\n    pass\n");
  FakeHostServices services;
  auto ctx = context(project);
  ctx.benchmark_files = {"tests/benchmarks/test_benchmark_x.py"};
  const auto result = make_pytest_start_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Ok) << result.message;
}

TEST(PytestStartCheck, NamesTheConftestImportThatFails) {
  ScratchDir project;
  write_file(project / "conftest.py", "import pytest_mock\n");
  write_file(project / "tests/benchmarks/test_benchmark_x.py", "def test_benchmark_x():\n    pass\n");
  FakeHostServices services;
  auto ctx = context(project);
  ctx.benchmark_files = {"tests/benchmarks/test_benchmark_x.py"};
  const auto result = make_pytest_start_check().run(ctx, services);
  ASSERT_EQ(result.status, sdk::CheckStatus::Error) << result.message;
  const auto all = result.message + [&] {
    std::string hints;
    for (const auto& h : result.hints) hints += h + "\n";
    return hints;
  }();
  EXPECT_TRUE(contains(all, "pytest_mock")) << all;
}

TEST(XdistCheck, WarnsWhenAddoptsTurnsOnXdist) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q -n auto\"\n");
  FakeHostServices services;
  const auto result = make_xdist_check().run(context(project), services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning);
  EXPECT_TRUE(contains(result.message, "pyproject.toml")) << result.message;
  write_file(project / "pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n");
  EXPECT_EQ(make_xdist_check().run(context(project), services).status, sdk::CheckStatus::Ok);
}

TEST(BenchmarkRefsCheck, MissingAtARefIsAWarningWhosePlanIsInjection) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_benchmark_f.py", "x");
  FakeHostServices services;
  services.git_files["head1:tests/benchmarks/test_benchmark_f.py"] = "x";
  auto ctx = context(project);
  ctx.base_ref = "base1";
  ctx.head_ref = "head1";
  ctx.benchmark_files = {"tests/benchmarks/test_benchmark_f.py"};
  const auto result = make_benchmark_refs_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning);
  EXPECT_TRUE(contains(result.message, "at base base1")) << result.message;
  EXPECT_TRUE(contains(result.message, "injects")) << result.message;
  services.git_files["base1:tests/benchmarks/test_benchmark_f.py"] = "x";
  EXPECT_EQ(make_benchmark_refs_check().run(ctx, services).status, sdk::CheckStatus::Ok);
}

TEST(ConftestCheck, NamesAHeavyImportTheEnvironmentLacks) {
  ScratchDir project;
  write_file(project / "tests/conftest.py", "import os\nimport torch\nfrom numpy import array\n");
  FakeHostServices services;
  const auto result = make_conftest_check().run(context(project), services);
  const bool has_torch = testing::run({"python3", "-c", "import torch"}, project.path()).ok();
  if (has_torch) GTEST_SKIP() << "torch is installed here";
  EXPECT_EQ(result.status, sdk::CheckStatus::Error);
  EXPECT_TRUE(contains(result.message, "tests/conftest.py imports torch")) << result.message;
}

TEST(CodeflashCheck, AbsentIsInformationUnlessCodeflashIsTheBackend) {
  ScratchDir project;
  FakeHostServices services;
  auto ctx = context(project);
  ctx.python = {"python3", "-S"};  // no site-packages: codeflash cannot import
  EXPECT_EQ(make_codeflash_check().run(ctx, services).status, sdk::CheckStatus::NotApplicable);
  ctx.backend = "codeflash";
  const auto asked = make_codeflash_check().run(ctx, services);
  EXPECT_EQ(asked.status, sdk::CheckStatus::Error);
  ASSERT_TRUE(asked.repair.has_value());
  EXPECT_TRUE(sdk::needs_yes(asked.repair->steps.at(0)));
}

}  // namespace
}  // namespace prhost::plugins::checks_core
