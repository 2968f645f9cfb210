// The two doctor checks every runner contributes, built from the runner's
// environment query: "<runner>.environment" (the runner, its environment and
// its Python: path and version) and "<runner>.pytest-importable" (pytest and
// pytest-benchmark import there). Both only look: the environment's own
// interpreter is started directly, never through `uv run` / `poetry run`,
// which may create or sync one. A missing environment is an error whose
// repair is the runner's install command, applied only with --fix --yes.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::plugins::common {

namespace environment_checks_detail {

inline std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

inline std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of("\r\n ");
  if (end == std::string::npos) return {};
  const auto start = text.rfind('\n', end);
  const auto from = start == std::string::npos ? 0 : start + 1;
  return text.substr(from, end - from + 1);
}

inline sdk::ProcessResult run_python(const sdk::CheckContext& ctx, sdk::HostServices& services,
                                     const std::vector<std::string>& python, const std::string& code) {
  sdk::ProcessRequest request;
  request.argv = python;
  request.argv.insert(request.argv.end(), {"-c", code});
  request.cwd = ctx.project.root;
  request.timeout = std::chrono::seconds(60);
  return services.run(request);
}

inline sdk::CheckResult not_this_runner(const sdk::CheckContext& ctx, const std::string& runner_id) {
  sdk::CheckResult result;
  result.status = sdk::CheckStatus::NotApplicable;
  result.message = "the project's runner is " + (ctx.runner_id.empty() ? std::string("unknown") : ctx.runner_id) +
                   ", not " + runner_id;
  return result;
}

inline sdk::CheckResult missing_environment(const sdk::CheckContext& ctx, const std::string& runner_id) {
  const auto& environment = ctx.environment;
  sdk::CheckResult result;
  result.status = sdk::CheckStatus::Error;
  result.message = "no " + runner_id + " environment for this project: " + environment.missing_reason;
  result.hints.push_back("prhost never creates one by itself (not even through `" + runner_id +
                         " run`); create it once, then run doctor again");
  if (!environment.install.argv.empty()) {
    sdk::Repair repair;
    repair.summary = "create the project environment with " + runner_id + "'s own install command";
    repair.steps.emplace_back(
        sdk::ConfirmedCommandStep{environment.install, "creates the project environment and installs its packages"});
    result.repair = std::move(repair);
  }
  return result;
}

// Prints the executable, then the distributions the project needs (pytest,
// pytest-benchmark, pyproject's [project] dependencies and
// [tool.poetry.dependencies]) that this interpreter does not have. Reads
// metadata only: nothing is imported from the project or installed.
inline constexpr const char* kMissingDistributionsProbe = R"(import re, sys
from importlib import metadata
names = ['pytest', 'pytest-benchmark']
try:
    import tomllib
    with open('pyproject.toml', 'rb') as f:
        data = tomllib.load(f)
    for spec in data.get('project', {}).get('dependencies', []):
        m = re.match(r'\s*([A-Za-z0-9][A-Za-z0-9._-]*)', spec)
        if m: names.append(m.group(1))
    names += [n for n in data.get('tool', {}).get('poetry', {}).get('dependencies', {}) if n.lower() != 'python']
except Exception:
    pass
missing = []
for name in dict.fromkeys(names):
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        missing.append(name)
print(sys.executable)
print(' '.join(missing))
)";

struct Distributions {
  bool ran = false;
  std::string executable;
  std::vector<std::string> missing;
};

inline Distributions missing_distributions(const sdk::CheckContext& ctx, sdk::HostServices& services,
                                           const std::vector<std::string>& python) {
  const auto probe = run_python(ctx, services, python, kMissingDistributionsProbe);
  Distributions found;
  if (!probe.ok()) return found;
  found.ran = true;
  const auto newline = probe.out.find('\n');
  found.executable = probe.out.substr(0, newline);
  std::string word;
  for (const char c : newline == std::string::npos ? std::string() : probe.out.substr(newline + 1)) {
    if (c == ' ' || c == '\n' || c == '\r') {
      if (!word.empty()) found.missing.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) found.missing.push_back(word);
  return found;
}

// When `python3` on PATH lacks what the project needs but the runner's
// environment has it, tools started by hand (pytest, codeflash compare) must
// go through the runner: the hint says how, with the runner's own prefix.
inline void add_runner_invocation_hint(const sdk::CheckContext& ctx, sdk::HostServices& services,
                                       const std::string& executable, sdk::CheckResult& result) {
  const auto plain = services.which("python3");
  if (ctx.environment.run_prefix.empty() || !plain) return;
  const auto outside = missing_distributions(ctx, services, {plain->string()});
  if (!outside.ran || outside.executable == executable || outside.missing.empty()) return;
  const auto inside = missing_distributions(ctx, services, ctx.environment.python);
  std::vector<std::string> only_inside;
  for (const auto& name : outside.missing) {
    if (std::find(inside.missing.begin(), inside.missing.end(), name) == inside.missing.end()) {
      only_inside.push_back(name);
    }
  }
  if (!inside.ran || only_inside.empty()) return;  // the environment lacks them too: another check says so
  const auto prefix = joined(ctx.environment.run_prefix);
  result.hints.push_back("`python3` on your PATH (" + outside.executable + ") lacks " + joined(only_inside) +
                         ", which the project environment has; start tools through the runner: `" + prefix +
                         " python …`, `" + prefix + " pytest`, `" + prefix + " codeflash compare BASE HEAD`");
}

}  // namespace environment_checks_detail

inline sdk::CheckResult check_environment(const sdk::CheckContext& ctx, sdk::HostServices& services,
                                          const std::string& runner_id) {
  namespace d = environment_checks_detail;
  if (ctx.runner_id != runner_id) return d::not_this_runner(ctx, runner_id);
  if (!ctx.environment.found) return d::missing_environment(ctx, runner_id);
  const auto probe = d::run_python(ctx, services, ctx.environment.python,
                                   "import sys; print(sys.version.split()[0]); print(sys.executable)");
  sdk::CheckResult result;
  if (!probe.ok()) {
    result.status = sdk::CheckStatus::Error;
    result.message = "the environment's interpreter `" + d::joined(ctx.environment.python) + "` does not start" +
                     (probe.err.empty() ? std::string() : ": " + d::last_line(probe.err));
    if (!ctx.environment.install.argv.empty()) {
      result.hints.push_back("recreate it: `" + d::joined(ctx.environment.install.argv) + "`");
    }
    return result;
  }
  const auto version = probe.out.substr(0, probe.out.find('\n'));
  const auto executable = d::last_line(probe.out);
  result.message = "Python " + version + " at " + executable + " (" + ctx.environment.found_by + ")";
  d::add_runner_invocation_hint(ctx, services, executable, result);
  return result;
}

inline sdk::CheckResult check_pytest_importable(const sdk::CheckContext& ctx, sdk::HostServices& services,
                                                const std::string& runner_id) {
  namespace d = environment_checks_detail;
  sdk::CheckResult result;
  if (ctx.runner_id != runner_id) return d::not_this_runner(ctx, runner_id);
  if (!ctx.environment.found) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no environment yet (see " + runner_id + ".environment)";
    return result;
  }
  const auto probe = d::run_python(
      ctx, services, ctx.environment.python,
      "import importlib.util as u\nmissing=[m for m in ('pytest','pytest_benchmark') if u.find_spec(m) is None]\n"
      "print(' '.join(missing))\nimport pytest, pytest_benchmark\nprint(pytest.__version__)");
  if (probe.ok()) {
    result.message = "pytest " + d::last_line(probe.out) + " and pytest-benchmark import in the environment";
    return result;
  }
  result.status = sdk::CheckStatus::Error;
  const auto missing = probe.out.substr(0, probe.out.find('\n'));
  result.message = (missing.empty() ? std::string("pytest or pytest-benchmark") : missing) +
                   " cannot be imported in the environment: benchmarks cannot run";
  if (auto line = d::last_line(probe.err); !line.empty()) result.hints.push_back(line);
  if (!ctx.environment.package_install.empty()) {
    auto argv = ctx.environment.package_install;
    argv.insert(argv.end(), {"pytest", "pytest-benchmark"});
    sdk::Repair repair;
    repair.summary =
        "install pytest and pytest-benchmark into the environment (better: add them to your dev dependencies)";
    repair.steps.emplace_back(
        sdk::ConfirmedCommandStep{sdk::Command{argv, ctx.project.root},
                                  "installs pytest and pytest-benchmark into " + ctx.environment.location.string()});
    result.repair = std::move(repair);
  }
  return result;
}

// Registers both checks and their descriptions for `runner_id`; `run_prefix`
// is how users run a tool through it (`uv run`), empty for none.
template <typename Registry>
void register_environment_checks(Registry& registry, const std::string& runner_id, const std::string& looks_at,
                                 const std::string& install_text, const std::string& run_prefix = {}) {
  registry.add_check(sdk::DiagnosticCheck{runner_id + ".environment", runner_id + " environment and its Python", 10,
                                          [runner_id](const sdk::CheckContext& ctx, sdk::HostServices& services) {
                                            return check_environment(ctx, services, runner_id);
                                          }});
  registry.add_check_description(
      {runner_id + ".environment",
       looks_at + "; then the interpreter's version and path" +
           (run_prefix.empty() ? std::string()
                               : "; when `python3` on PATH lacks the project's dependencies that the environment "
                                 "has (importlib.metadata), a hint with the runner invocation (`" +
                                     run_prefix + " pytest`, `" + run_prefix + " codeflash compare …`)"),
       install_text + ", only with `--fix --yes`"});
  registry.add_check(sdk::DiagnosticCheck{runner_id + ".pytest-importable", "pytest and pytest-benchmark importable",
                                          11, [runner_id](const sdk::CheckContext& ctx, sdk::HostServices& services) {
                                            return check_pytest_importable(ctx, services, runner_id);
                                          }});
  registry.add_check_description({runner_id + ".pytest-importable",
                                  "`import pytest, pytest_benchmark` with the environment's own interpreter",
                                  "install pytest and pytest-benchmark into the environment, only with `--fix --yes`"});
}

}  // namespace prhost::plugins::common
