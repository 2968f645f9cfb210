// runner-uv: projects managed by uv. The interpreter is `uv run --no-sync
// --project <root> python`: `--project` makes it independent of the caller's
// working directory, and `--no-sync` keeps prhost from installing the whole
// locked dev environment into the user's .venv behind their back. `uv run
// --no-sync` still *creates* an empty .venv when there is none, so without an
// environment the argv is `uv run --no-project python` (creates nothing; the
// doctor check `uv.environment` says to run `uv sync`).
//
// Options ([plugin.runner-uv] in prhost.toml):
//   uv               path of the uv executable (default: uv on PATH)
//   editable_install also `uv pip install --no-deps -e <worktree>` into each
//                    worktree venv, for projects with C extensions
#include "runner-uv/uv_runner.hpp"

#include <cstdlib>

#include "common/environment_checks.hpp"
#include "common/runner_detection.hpp"
#include "common/worktree_venv.hpp"

namespace prhost::plugins::uv_runner {
namespace {

constexpr common::DetectionRule kRules[] = {
    {common::Evidence::File, "uv.lock", 90, "uv.lock present"},
    {common::Evidence::PyprojectTable, "tool.uv", 80, "[tool.uv] table in pyproject.toml"},
};

std::string uv_executable(const sdk::HostServices& services) {
  if (auto configured = services.option_string("uv")) return *configured;
  if (auto found = services.which("uv")) return found->string();
  return "uv";
}

sdk::RunnerDetection detect(const sdk::Project& project, sdk::HostServices& services) {
  return common::detect_by_rules(kRules, project, services, "no uv.lock and no [tool.uv] table in pyproject.toml");
}

// uv's project environment: UV_PROJECT_ENVIRONMENT (relative to the project
// root) when set, else <root>/.venv. Looked at, never created.
sdk::RunnerEnvironment environment(const sdk::Project& project, sdk::HostServices& services) {
  sdk::RunnerEnvironment found;
  const char* configured = std::getenv("UV_PROJECT_ENVIRONMENT");
  const std::filesystem::path dir =
      configured != nullptr && *configured != '\0'
          ? (std::filesystem::path(configured).is_absolute() ? std::filesystem::path(configured)
                                                             : project.root / configured)
          : project.root / ".venv";
  const auto python = dir / "bin" / "python";
  found.location = dir;
  found.install = sdk::Command{{uv_executable(services), "sync"}, project.root};
  found.run_prefix = {"uv", "run"};
  if (!services.exists(python)) {
    found.missing_reason =
        python.string() + " does not exist" + (configured != nullptr ? " (UV_PROJECT_ENVIRONMENT)" : "");
    return found;
  }
  found.found = true;
  found.python = {python.string()};
  found.found_by = configured != nullptr ? "UV_PROJECT_ENVIRONMENT" : ".venv in the project";
  // uv-created environments have no pip.
  found.package_install = {uv_executable(services), "pip", "install", "--python", python.string()};
  return found;
}

std::vector<std::string> python(const sdk::Project& project, sdk::HostServices& services) {
  if (!environment(project, services).found) return {uv_executable(services), "run", "--no-project", "python"};
  return {uv_executable(services), "run", "--no-sync", "--project", project.root.string(), "python"};
}

std::vector<std::string> version_command(const sdk::Project& /*project*/, sdk::HostServices& services) {
  return {uv_executable(services), "--version"};
}

sdk::WorktreeEnvironment worktree_environment(const sdk::Project& project, const std::filesystem::path& worktree,
                                              sdk::HostServices& services) {
  std::vector<sdk::Command> extra;
  if (services.option_bool("editable_install").value_or(false)) {
    // Build isolation stays on: uv caches build backends, so this usually
    // works offline; dependencies come from the linked project environment.
    extra.push_back(
        sdk::Command{{uv_executable(services), "pip", "install", "--python",
                      common::worktree_venv_python(worktree).string(), "--no-deps", "-e", worktree.string()},
                     project.root});
  }
  return common::make_linked_worktree_environment(python(project, services), project, worktree, std::move(extra));
}

}  // namespace

sdk::RunnerAdapter make_runner() {
  return sdk::RunnerAdapter{"uv", "uv (uv run python)", &detect, &python, &version_command, &worktree_environment};
}

sdk::EnvironmentQuery make_environment_query() { return sdk::EnvironmentQuery{"uv", &environment}; }

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_runner(make_runner());
  registry.add_environment_query(make_environment_query());
  common::register_environment_checks(registry, "uv",
                                      "`UV_PROJECT_ENVIRONMENT` or `.venv` in the project (never `uv run`, which "
                                      "creates or syncs one)",
                                      "`uv sync`", "uv run");
  registry.add_option({"uv", "string", "uv on PATH", "path of the uv executable"});
  registry.add_option({"editable_install", "boolean", "false",
                       "also `uv pip install --no-deps -e <checkout>` into each per-ref environment, for projects "
                       "with C extensions"});
}

}  // namespace prhost::plugins::uv_runner
