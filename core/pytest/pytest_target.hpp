// What a measurement process runs: which checkout, which interpreter, which
// benchmark files. Timing rounds and memory runs of one ref share it, and the
// helpers here build the pytest command line and environment both use.
#pragma once

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "pytest/failure_causes.hpp"
#include "util/temp_path.hpp"

namespace prhost::pytest {

struct PytestTarget {
  std::filesystem::path checkout;          // the ref's worktree; the process's cwd
  std::vector<std::string> python;         // argv prefix: {"python3"}, {"uv", "run", "python"}, {"/x/.venv/bin/python"}
  std::map<std::string, std::string> env;  // added to the host environment (PYTHONPATH is prepended to, not replaced)
  std::vector<std::string> benchmark_files;  // relative to `checkout` (or node ids: "tests/b.py::test_x")
  std::optional<std::string> filter;         // pytest -k expression
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};
  std::vector<std::string> extra_pytest_args;  // appended before the files (e.g. "-p", "no:xdist")
  std::string ref;                             // shown in failure messages ("" = unknown)
  // Plugin isolation (plugin_plan.hpp): when set, the process runs with
  // PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 and loads exactly these modules with -p
  // (PluginPlan::modules(), plus prhost's own plugin), so an unrelated plugin
  // installed in the interpreter cannot break the run. nullopt keeps pytest's
  // autoloading.
  std::optional<std::vector<std::string>> plugin_modules;
};

// `--benchmark-storage=file://<prhost's run directory>/benchmarks`: every
// pytest run that loads pytest-benchmark passes it.
std::string benchmark_storage_option();

namespace detail {

// One Python module of a plugin directory: `<name>.py` holding `source`.
struct PluginModule {
  std::string_view name;
  std::string_view source;
};

// A fresh temporary directory holding `<module>.py` with `source`, and the
// modules it imports (`companions`), removed with the returned TempPath. The
// process loads the plugin with `-p <module>`.
util::TempPath write_plugin(std::string_view module, std::string_view source,
                            std::initializer_list<PluginModule> companions = {});

// `target.env` plus PYTHONPATH = plugin_dir[:the caller's PYTHONPATH, else
// the host's], so the plugin is importable without hiding the project's own
// path entries, a wide COLUMNS unless the caller set one, and
// PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 when the target isolates plugins.
std::map<std::string, std::string> env_with_plugin(const PytestTarget& target, const std::filesystem::path& plugin_dir);

// <python...> -m pytest <pytest_arguments(target, plugin, options)>
std::vector<std::string> pytest_argv(const PytestTarget& target, std::string_view plugin,
                                     const std::vector<std::string>& options);

// -q -p no:cacheprovider [-p <plugin module>...] [-p <plugin>] <benchmark storage>
// <options...> [-k filter] <extra...> <files...>: pytest's arguments for a
// `-m pytest` run or for a script that calls pytest.main itself (the timing
// worker, which registers its plugin in-process: `plugin` nullopt).
std::vector<std::string> pytest_arguments(const PytestTarget& target, std::optional<std::string_view> plugin,
                                          const std::vector<std::string>& options);

// The classifier's view of a finished process.
FailedRun failed_run(const sdk::ProcessResult& result, const PytestTarget& target);

}  // namespace detail
}  // namespace prhost::pytest
