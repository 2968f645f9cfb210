// "core.pytest-starts": pytest starts in the project environment with the
// project's own configuration (addopts, -p plugins, conftest.py). When it
// does not, every benchmark run fails the same way, and the cause is pytest's
// own message — "unrecognized arguments: --cov" (pytest-cov missing), "No
// module named 'pytest_mock'" from a conftest — never "benchmark missing".
#include <array>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "checks-core/checks_core_module.hpp"
#include "checks-core/python_probe.hpp"

namespace prhost::plugins::checks_core {
namespace {

// What pytest says → the package that provides it.
struct KnownPlugin {
  std::string_view said;
  std::string_view package;
};
constexpr std::array<KnownPlugin, 10> kKnownPlugins{{
    {"--cov", "pytest-cov"},
    {"'pytest_cov'", "pytest-cov"},
    {"'pytest_mock'", "pytest-mock"},
    {"'pytest_asyncio'", "pytest-asyncio"},
    {"asyncio_mode", "pytest-asyncio"},
    {"'xdist'", "pytest-xdist"},
    {"--numprocesses", "pytest-xdist"},
    {"--timeout", "pytest-timeout"},
    {"'pytest_timeout'", "pytest-timeout"},
    {"'anyio'", "anyio"},
}};

std::vector<std::string> collect_args(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  std::vector<std::string> args{"-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"};
  std::size_t targets = 0;
  for (const auto& file : ctx.benchmark_files) {
    if (services.exists(ctx.project.root / file)) {
      args.push_back(file);
      ++targets;
    }
  }
  if (targets > 0) return args;
  if (!ctx.benchmarks_root.empty() && services.exists(ctx.project.root / ctx.benchmarks_root)) {
    args.push_back(ctx.benchmarks_root);
  } else {
    args.emplace_back("--ignore-glob=*");  // load the configuration and conftest.py, collect nothing
  }
  return args;
}

// pytest's own error lines, most telling first: argparse's "…: error:
// unrecognized arguments: --cov", then "E   ModuleNotFoundError: …" and
// other "ERROR …" lines; the "ERROR: usage: …" banner says nothing.
std::vector<std::string> error_lines(const std::string& text) {
  std::vector<std::string> telling;
  std::vector<std::string> other;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.find(": error: ") != std::string::npos || line.rfind("E   ", 0) == 0) {
      telling.push_back(line);
    } else if ((line.rfind("ERROR", 0) == 0 && line.rfind("ERROR: usage:", 0) != 0) ||
               line.find("Error: ") != std::string::npos) {
      other.push_back(line);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  telling.insert(telling.end(), other.begin(), other.end());
  if (telling.size() > 4) telling.resize(4);
  return telling;
}

void add_plugin_repair(const sdk::CheckContext& ctx, const std::string& output, sdk::CheckResult& result) {
  for (const auto& known : kKnownPlugins) {
    if (output.find(known.said) == std::string::npos) continue;
    result.hints.push_back(std::string(known.package) + " provides " + std::string(known.said) +
                           "; it is not installed in the environment");
    if (ctx.environment.package_install.empty()) return;
    auto argv = ctx.environment.package_install;
    argv.emplace_back(known.package);
    sdk::Repair repair;
    repair.summary = "install " + std::string(known.package) + " (better: add it to your dev dependencies)";
    repair.steps.emplace_back(sdk::ConfirmedCommandStep{
        sdk::Command{argv, ctx.project.root},
        "installs " + std::string(known.package) + " into " + ctx.environment.location.string()});
    result.repair = std::move(repair);
    return;
  }
}

// pytest-benchmark makes its storage directory (.benchmarks) as soon as it
// is configured, even for --collect-only. A check only looks: an empty
// directory that was not there before goes again.
class StorageDirGuard {
 public:
  explicit StorageDirGuard(const std::filesystem::path& root)
      : dir_(root / ".benchmarks"), existed_(std::filesystem::exists(dir_)) {}
  StorageDirGuard(const StorageDirGuard&) = delete;
  StorageDirGuard& operator=(const StorageDirGuard&) = delete;
  ~StorageDirGuard() {
    std::error_code ignored;
    if (!existed_ && std::filesystem::is_empty(dir_, ignored) && !ignored) std::filesystem::remove(dir_, ignored);
  }

 private:
  std::filesystem::path dir_;
  bool existed_;
};

sdk::CheckResult run_pytest_start_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  if (ctx.python.empty()) return no_environment(ctx);
  const StorageDirGuard storage(ctx.project.root);
  const auto probe = run_python(ctx, services, collect_args(ctx, services), std::chrono::minutes(3));
  sdk::CheckResult result;
  if (probe.exit_code == 0 || probe.exit_code == 5) {
    result.message = "pytest starts with the project's configuration and collects " + last_line(probe.out);
    return result;
  }
  result.status = sdk::CheckStatus::Error;
  const std::string output = probe.err + "\n" + probe.out;
  const auto lines = error_lines(output);
  const std::string said = lines.empty() ? last_line(output) : lines.front();
  if (probe.timed_out) {
    result.message = "pytest did not finish collecting within 3 minutes";
  } else if (probe.exit_code == 4) {
    result.message = "pytest stops with a usage error (exit 4) before any benchmark runs: " + said;
  } else {
    result.message = "pytest cannot collect the benchmarks (exit " + std::to_string(probe.exit_code) + "): " + said;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) result.hints.push_back(lines[i]);
  result.hints.push_back("reproduce: " + join(ctx.python) + " -m pytest --collect-only -q");
  add_plugin_repair(ctx, output, result);
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_pytest_start_check() {
  return sdk::DiagnosticCheck{"core.pytest-starts", "pytest starts with the project's configuration", 12,
                              &run_pytest_start_check};
}

sdk::CheckDescription describe_pytest_start_check() {
  return {"core.pytest-starts",
          "`<python> -m pytest --collect-only -q <benchmarks>` with the project's own addopts, `-p` plugins and "
          "conftest.py; a usage error (exit 4) is shown with pytest's own message",
          "install the plugin pytest names (`--cov` → pytest-cov, `pytest_mock` → pytest-mock, `asyncio_mode` → "
          "pytest-asyncio) through the runner, only with `--fix --yes`"};
}

}  // namespace prhost::plugins::checks_core
