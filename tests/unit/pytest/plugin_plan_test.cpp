// Which plugins a project's pytest configuration needs, asked of the real
// embedded helper with the real interpreter on scratch projects (and one
// broken plugin installed through a dist-info directory on PYTHONPATH, the
// way pip installs one).
#include "pytest/plugin_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pytest/pytest_target.hpp"
#include "services/process_runner.hpp"
#include "test_support.hpp"

namespace prhost::pytest {
namespace {

using testing::ScratchDir;
using testing::write_file;

bool python_has(const std::string& module) {
  return testing::run({"python3", "-c", "import " + module}, std::filesystem::current_path()).exit_code == 0;
}

const NeededPlugin* find_plugin(const PluginPlan& plan, const std::string& module) {
  const auto it = std::find_if(plan.plugins.begin(), plan.plugins.end(),
                               [&](const NeededPlugin& plugin) { return plugin.module == module; });
  return it == plan.plugins.end() ? nullptr : &*it;
}

std::string describe(const PluginPlan& plan) {
  std::string out;
  for (const auto& plugin : plan.plugins) out += plugin.module + " (" + plugin.reason + ")\n";
  for (const auto& plugin : plan.unavailable) out += "unavailable " + plugin.name + ": " + plugin.error + "\n";
  return out;
}

TEST(PluginPlan, ParsesTheReplyAndPassesOnlyPluginsTheAddoptsDoNotLoadThemselves) {
  const auto plan = parse_plugin_plan(nlohmann::json::parse(R"({
    "config_file": "pyproject.toml", "addopts": ["-p", "anyio", "--cov=pkg"], "addopts_for_prhost": ["-p", "anyio"],
    "plugins": [{"module": "pytest_benchmark.plugin", "name": "benchmark", "reason": "prhost", "loaded_by_addopts": false},
                {"module": "anyio.pytest_plugin", "name": "anyio", "reason": "addopts", "loaded_by_addopts": true}],
    "unavailable": [{"name": "broken", "reason": "installed", "error": "ImportError: x"}],
    "conftest_plugins": ["tests.helpers"]})"));
  EXPECT_EQ(plan.config_file, "pyproject.toml");
  EXPECT_EQ(plan.addopts_for_prhost, (std::vector<std::string>{"-p", "anyio"}));
  EXPECT_EQ(plan.pytest_args(), (std::vector<std::string>{"-p", "pytest_benchmark.plugin"}))
      << "anyio is loaded by the project's own `-p anyio`: a second -p would register it twice";
  EXPECT_EQ(plan.modules(), (std::vector<std::string>{"pytest_benchmark.plugin"}));
  ASSERT_EQ(plan.unavailable.size(), 1U);
  EXPECT_EQ(plan.unavailable[0].error, "ImportError: x");
  EXPECT_EQ(plan.conftest_plugins, (std::vector<std::string>{"tests.helpers"}));
}

TEST(PluginPlan, OptionsMarkersAndPrhostsOwnPluginAreNeededAndCoverageAndXdistAreDropped) {
  if (!python_has("pytest_timeout") || !python_has("pytest_asyncio") || !python_has("pytest_benchmark")) {
    GTEST_SKIP() << "needs pytest-timeout, pytest-asyncio and pytest-benchmark (scripts/bootstrap.sh installs them)";
  }
  ScratchDir project;
  write_file(project / "pyproject.toml",
             "[project]\nname = \"p\"\nversion = \"0\"\n\n[tool.pytest.ini_options]\n"
             "addopts = \"-ra --timeout=30 -n 4 --cov=p --cov-report term\"\n");
  write_file(project / "tests/conftest.py", "pytest_plugins = [\"tests.helpers\"]\n");
  write_file(project / "tests/test_async.py",
             "import pytest\n\n\n@pytest.mark.asyncio\nasync def test_sleep(tmp_path):\n    assert tmp_path\n");
  const auto plan =
      plan_pytest_plugins({"python3"}, project.path(), {"pytest_benchmark.plugin"}, services::run_process);
  ASSERT_TRUE(plan.has_value()) << plan.error();
  EXPECT_EQ(plan->config_file, "pyproject.toml");
  ASSERT_NE(find_plugin(*plan, "pytest_benchmark.plugin"), nullptr) << describe(*plan);
  const auto* timeout = find_plugin(*plan, "pytest_timeout");
  ASSERT_NE(timeout, nullptr) << describe(*plan);
  EXPECT_NE(timeout->reason.find("--timeout"), std::string::npos) << timeout->reason;
  const auto* asyncio = find_plugin(*plan, "pytest_asyncio.plugin");
  ASSERT_NE(asyncio, nullptr) << describe(*plan);
  EXPECT_NE(asyncio->reason.find("@pytest.mark.asyncio"), std::string::npos) << asyncio->reason;
  EXPECT_EQ(plan->addopts_for_prhost, (std::vector<std::string>{"-ra", "--timeout=30"}))
      << "parallel workers hide the calls prhost records, and coverage slows and writes files";
  EXPECT_EQ(plan->conftest_plugins, (std::vector<std::string>{"tests.helpers"}));
}

TEST(PluginPlan, AnInstalledPluginThatFailsToImportIsNamedWithItsOwnError) {
  ScratchDir site;
  write_file(site / "brokenplug-0.1.dist-info/METADATA", "Metadata-Version: 2.1\nName: brokenplug\nVersion: 0.1\n");
  write_file(site / "brokenplug-0.1.dist-info/entry_points.txt", "[pytest11]\nbrokenplug = brokenplug_mod\n");
  write_file(site / "brokenplug_mod.py", "from json import no_such_name\n");
  ScratchDir project;
  write_file(project / "tests/test_a.py", "def test_uses_a_plugin_fixture(some_plugin_fixture):\n    pass\n");
  const auto with_site = [&](const sdk::ProcessRequest& request) {
    auto copy = request;
    copy.env["PYTHONPATH"] = site.path().string();
    return services::run_process(copy);
  };
  const auto plan = plan_pytest_plugins({"python3"}, project.path(), {}, with_site);
  ASSERT_TRUE(plan.has_value()) << plan.error();
  const auto it = std::find_if(plan->unavailable.begin(), plan->unavailable.end(),
                               [](const UnavailablePlugin& plugin) { return plugin.name == "brokenplug"; });
  ASSERT_NE(it, plan->unavailable.end()) << describe(*plan);
  EXPECT_NE(it->error.find("ImportError: cannot import name 'no_such_name'"), std::string::npos) << it->error;
  EXPECT_EQ(find_plugin(*plan, "brokenplug_mod"), nullptr);
}

TEST(PluginPlan, ATargetWithPluginModulesDisablesAutoloadAndLoadsExactlyThoseBeforePrhostsOwn) {
  PytestTarget target;
  target.python = {"python3"};
  target.benchmark_files = {"tests/benchmarks/test_benchmark_f.py"};
  EXPECT_EQ(detail::env_with_plugin(target, "/tmp/p").count(std::string(kDisableAutoloadEnv)), 0U)
      << "without a plan, pytest keeps autoloading (the old behaviour)";
  target.plugin_modules = std::vector<std::string>{"pytest_benchmark.plugin", "anyio.pytest_plugin"};
  EXPECT_EQ(detail::env_with_plugin(target, "/tmp/p").at(std::string(kDisableAutoloadEnv)), "1");
  const auto argv = detail::pytest_argv(target, "prhost_timing_plugin", {"--benchmark-only"});
  const std::vector<std::string> expected{"python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                                          "pytest_benchmark.plugin", "-p", "anyio.pytest_plugin", "-p",
                                          "prhost_timing_plugin", benchmark_storage_option(), "--benchmark-only",
                                          "tests/benchmarks/test_benchmark_f.py"};
  EXPECT_EQ(argv, expected);
}

TEST(PluginPlan, AMissingInterpreterIsAnErrorNamingIt) {
  ScratchDir project;
  const auto plan = plan_pytest_plugins({"/no/such/python"}, project.path(), {}, services::run_process);
  ASSERT_FALSE(plan.has_value());
  EXPECT_NE(plan.error().find("/no/such/python"), std::string::npos) << plan.error();
}

}  // namespace
}  // namespace prhost::pytest
