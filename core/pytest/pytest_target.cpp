#include "pytest/pytest_target.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "pytest/plugin_plan.hpp"
#include "util/run_temp_dir.hpp"

namespace prhost::pytest {

std::string benchmark_storage_option() {
  // pytest-benchmark creates its storage directory (./.benchmarks) even when
  // nothing is saved; keep it out of the user's repository.
  return "--benchmark-storage=file://" + (util::run_temp_dir() / "benchmarks").string();
}

}  // namespace prhost::pytest

namespace prhost::pytest::detail {

namespace {

void write_module(const std::filesystem::path& dir, const PluginModule& module) {
  const auto file = dir / (std::string(module.name) + ".py");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << module.source;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

util::TempPath write_plugin(std::string_view module, std::string_view source,
                            std::initializer_list<PluginModule> companions) {
  util::TempPath dir = util::TempPath::directory("prhost-plugin");
  write_module(dir.path(), {module, source});
  for (const auto& companion : companions) write_module(dir.path(), companion);
  return dir;
}

std::map<std::string, std::string> env_with_plugin(const PytestTarget& target,
                                                   const std::filesystem::path& plugin_dir) {
  std::map<std::string, std::string> env = target.env;
  std::string existing;
  if (auto it = env.find("PYTHONPATH"); it != env.end()) {
    existing = it->second;
  } else if (const char* host = std::getenv("PYTHONPATH"); host != nullptr) {
    existing = host;
  }
  env["PYTHONPATH"] = existing.empty() ? plugin_dir.string() : plugin_dir.string() + ":" + existing;
  // pytest cuts its "FAILED test - Error: message" summary lines at the
  // terminal width (80 without a terminal); the failure classifier quotes
  // them, so give it room for the whole message.
  env.try_emplace("COLUMNS", "400");
  if (target.plugin_modules) env[std::string(kDisableAutoloadEnv)] = "1";
  return env;
}

std::vector<std::string> pytest_argv(const PytestTarget& target, std::string_view plugin,
                                     const std::vector<std::string>& options) {
  std::vector<std::string> argv = target.python;
  argv.insert(argv.end(), {"-m", "pytest"});
  const auto arguments = pytest_arguments(target, plugin, options);
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return argv;
}

std::vector<std::string> pytest_arguments(const PytestTarget& target, std::optional<std::string_view> plugin,
                                          const std::vector<std::string>& options) {
  // -q keeps the output short enough to quote; no:cacheprovider keeps
  // .pytest_cache out of the user's worktree and makes every round start
  // from the same state (no --lf / --ff reordering).
  std::vector<std::string> args{"-q", "-p", "no:cacheprovider"};
  if (target.plugin_modules) {
    for (const auto& module : *target.plugin_modules) args.insert(args.end(), {"-p", module});
  }
  if (plugin) args.insert(args.end(), {"-p", std::string(*plugin)});
  // Every run that gets here loads pytest-benchmark (timing and memory runs).
  args.push_back(benchmark_storage_option());
  args.insert(args.end(), options.begin(), options.end());
  if (target.filter && !target.filter->empty()) args.insert(args.end(), {"-k", *target.filter});
  args.insert(args.end(), target.extra_pytest_args.begin(), target.extra_pytest_args.end());
  args.insert(args.end(), target.benchmark_files.begin(), target.benchmark_files.end());
  return args;
}

FailedRun failed_run(const sdk::ProcessResult& result, const PytestTarget& target) {
  FailedRun run;
  run.exit_code = result.exit_code;
  run.signal = result.signal;
  run.timed_out = result.timed_out;
  run.failed_to_start = result.failed_to_start;
  run.out = result.out;
  run.err = result.err;
  run.timeout = target.timeout;
  run.ref = target.ref;
  return run;
}

}  // namespace prhost::pytest::detail
