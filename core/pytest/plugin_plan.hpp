// Which pytest plugins a project's own pytest configuration needs, so that
// prhost's pytest runs can disable plugin autoloading
// (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1) and load only what the run needs with
// `-p`: pytest-benchmark, prhost's own plugins, and the project's (addopts
// `-p`, options and ini keys such as `--cov` or `asyncio_mode`, markers such
// as `@pytest.mark.anyio`, fixtures such as `mocker`, required_plugins). An
// unrelated plugin in the same interpreter (codeflash's, one that imports a
// newer copy of a library the project pins) then cannot break a run.
//
// The answer comes from the embedded prhost_pytest_config.py, run with the
// project's interpreter: it reads the configuration file pytest would pick
// and asks the installed plugins what they define. Used by bench, compare
// (through PytestTarget) and doctor ("pytest starts with the project's
// configuration").
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <tl/expected.hpp>

#include "pytest/helper_process.hpp"

namespace prhost::pytest {

struct NeededPlugin {
  std::string module;              // what `-p` gets, e.g. "pytest_benchmark.plugin"
  std::string name;                // its entry-point name, e.g. "benchmark"
  std::string reason;              // "the tests use @pytest.mark.anyio"
  bool loaded_by_addopts = false;  // addopts has `-p <name>` already: passing it again would register it twice
};

struct UnavailablePlugin {
  std::string name;
  std::string reason;  // why it is needed, or "installed pytest plugin"
  std::string error;   // "not installed", or the import error, e.g. "ModuleNotFoundError: No module named 'x'"
};

struct PluginPlan {
  std::string config_file;                      // relative to the project root; empty without one
  std::vector<std::string> addopts;             // as configured
  std::vector<std::string> addopts_for_prhost;  // without xdist and coverage options
  std::vector<NeededPlugin> plugins;
  std::vector<UnavailablePlugin> unavailable;
  std::vector<std::string> conftest_plugins;  // `pytest_plugins` of conftest files: pytest loads them itself

  // {"-p", module, ...} for every plugin the project's addopts do not load already.
  [[nodiscard]] std::vector<std::string> pytest_args() const;
  // Every module name `-p` loads (pytest_args without the "-p"s).
  [[nodiscard]] std::vector<std::string> modules() const;
};

// The environment variable that switches autoloading off.
inline constexpr std::string_view kDisableAutoloadEnv = "PYTEST_DISABLE_PLUGIN_AUTOLOAD";

// Asks the project's interpreter. `extra` are modules prhost's run needs on
// top of the project's (e.g. "pytest_benchmark.plugin"). The error says why
// the helper could not answer.
tl::expected<PluginPlan, std::string> plan_pytest_plugins(const std::vector<std::string>& python,
                                                          const std::filesystem::path& project_root,
                                                          const std::vector<std::string>& extra,
                                                          const ProcessRunner& run_process);

// The helper's reply (exposed for tests).
PluginPlan parse_plugin_plan(const nlohmann::json& reply);

// The helper itself, for callers that ship it beside another helper (the
// call recorder imports it).
std::string_view plugin_plan_helper_source();

}  // namespace prhost::pytest
