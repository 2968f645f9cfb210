// runner-pip: the fallback for projects without uv or Poetry. It never
// assumes an interpreter: it uses, in order, the one the user configured, the
// project's own virtual environment, python3 from PATH (absolute, so the
// choice shows in logs and PR bodies), and only then a bare "python".
//
// Options ([plugin.runner-pip] in prhost.toml):
//   python           interpreter to use (path or name), overriding detection
//   editable_install also `pip install --no-deps --no-build-isolation -e
//                    <worktree>` into each worktree venv, for projects with C
//                    extensions (the build backend must be importable from
//                    the project environment)
#include "runner-pip/pip_runner.hpp"

#include <string_view>

#include "common/environment_checks.hpp"
#include "common/runner_detection.hpp"
#include "common/worktree_venv.hpp"

namespace prhost::plugins::pip_runner {
namespace {

// Low confidence on purpose: uv and Poetry projects also have these files,
// and their runners must win when they detect.
constexpr int kFallbackConfidence = 10;

// What the reason mentions when present. There is no directory listing in
// HostServices, so requirements files are the common names, not a glob.
constexpr common::DetectionRule kEvidence[] = {
    {common::Evidence::File, "setup.py", kFallbackConfidence, "setup.py"},
    {common::Evidence::File, "setup.cfg", kFallbackConfidence, "setup.cfg"},
    {common::Evidence::File, "requirements.txt", kFallbackConfidence, "requirements.txt"},
    {common::Evidence::File, "requirements-dev.txt", kFallbackConfidence, "requirements-dev.txt"},
    {common::Evidence::File, "requirements_dev.txt", kFallbackConfidence, "requirements_dev.txt"},
    {common::Evidence::File, "dev-requirements.txt", kFallbackConfidence, "dev-requirements.txt"},
    {common::Evidence::File, "requirements-test.txt", kFallbackConfidence, "requirements-test.txt"},
    {common::Evidence::PyprojectTable, "project", kFallbackConfidence, "PEP 621 [project] in pyproject.toml"},
};

// Project-local virtual environments, in the order tools usually name them.
constexpr std::string_view kProjectInterpreters[] = {".venv/bin/python", "venv/bin/python"};

sdk::RunnerDetection detect(const sdk::Project& project, sdk::HostServices& services) {
  const auto pyproject = common::read_pyproject(project, services);
  std::string seen;
  for (const auto& rule : kEvidence) {
    if (!common::rule_matches(rule, project, services, pyproject)) continue;
    seen += (seen.empty() ? "" : ", ") + std::string(rule.reason);
  }
  std::string reason = seen.empty() ? "fallback runner; no setup.py, setup.cfg, requirements*.txt or [project] "
                                      "table found"
                                    : "fallback runner; found " + seen;
  return sdk::RunnerDetection{true, kFallbackConfidence, std::move(reason)};
}

std::vector<std::string> python(const sdk::Project& project, sdk::HostServices& services) {
  if (auto configured = services.option_string("python")) return {*configured};
  for (std::string_view relative : kProjectInterpreters) {
    const auto candidate = project.root / std::string(relative);
    if (services.exists(candidate)) return {candidate.string()};
  }
  if (auto found = services.which("python3")) return {found->string()};
  return {"python"};
}

// pip has no environment of its own: the configured interpreter, a project
// virtualenv, or python3 on PATH, in the order python() picks them.
sdk::RunnerEnvironment environment(const sdk::Project& project, sdk::HostServices& services) {
  sdk::RunnerEnvironment found;
  const auto pyproject = common::read_pyproject(project, services);
  const bool test_extra = pyproject && pyproject->find("test = [") != std::string::npos;
  const auto chosen = python(project, services);
  found.python = chosen;
  found.install =
      sdk::Command{{chosen.front(), "-m", "pip", "install", "-e", test_extra ? ".[test]" : "."}, project.root};
  found.package_install = {chosen.front(), "-m", "pip", "install"};
  if (auto configured = services.option_string("python")) {
    found.found_by = "[plugin.runner-pip] python";
  } else if (chosen.front().find(project.root.string()) == 0) {
    found.found_by = "a virtualenv in the project";
  } else {
    found.found_by = "python3 on PATH (no .venv or venv in the project, no [plugin.runner-pip] python)";
  }
  found.location = std::filesystem::path(chosen.front()).parent_path().parent_path();
  found.found = services.exists(chosen.front()) || services.which(chosen.front()).has_value();
  if (!found.found) found.missing_reason = "no interpreter: no .venv or venv in the project and no python3 on PATH";
  return found;
}

std::vector<std::string> version_command(const sdk::Project& project, sdk::HostServices& services) {
  std::vector<std::string> argv = python(project, services);
  argv.insert(argv.end(), {"-m", "pip", "--version"});
  return argv;
}

sdk::WorktreeEnvironment worktree_environment(const sdk::Project& project, const std::filesystem::path& worktree,
                                              sdk::HostServices& services) {
  std::vector<sdk::Command> extra;
  if (services.option_bool("editable_install").value_or(false)) {
    extra.push_back(sdk::Command{{common::worktree_venv_python(worktree).string(), "-m", "pip", "install", "--no-deps",
                                  "--no-build-isolation", "-e", worktree.string()},
                                 project.root});
  }
  return common::make_linked_worktree_environment(python(project, services), project, worktree, std::move(extra));
}

}  // namespace

sdk::RunnerAdapter make_runner() {
  return sdk::RunnerAdapter{
      "pip", "pip (project interpreter)", &detect, &python, &version_command, &worktree_environment};
}

sdk::EnvironmentQuery make_environment_query() { return sdk::EnvironmentQuery{"pip", &environment}; }

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_runner(make_runner());
  registry.add_environment_query(make_environment_query());
  common::register_environment_checks(registry, "pip",
                                      "`[plugin.runner-pip] python`, else `.venv` / `venv` in the project, else "
                                      "`python3` on PATH",
                                      "`<python> -m pip install -e .[test]`");
  registry.add_option({"python", "string", "the project's .venv or venv, else python3 on PATH",
                       "the interpreter to use (path or name), overriding detection; the way out when the plain "
                       "interpreter lacks the project's packages"});
  registry.add_option({"editable_install", "boolean", "false",
                       "also `pip install --no-deps --no-build-isolation -e <checkout>` into each per-ref "
                       "environment, for projects with C extensions"});
}

}  // namespace prhost::plugins::pip_runner
