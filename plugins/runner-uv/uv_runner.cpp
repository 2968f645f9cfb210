// runner-uv: projects managed by uv. The interpreter is `uv run --project
// <root> python`: `--project` makes it independent of the caller's working
// directory, and `uv run` keeps the project's .venv in sync with uv.lock the
// same way the user's own `uv run` does.
//
// Options ([plugin.runner-uv] in prhost.toml):
//   uv               path of the uv executable (default: uv on PATH)
//   editable_install also `uv pip install --no-deps -e <worktree>` into each
//                    worktree venv, for projects with C extensions
#include "runner-uv/uv_runner.hpp"

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

std::vector<std::string> python(const sdk::Project& project, sdk::HostServices& services) {
  return {uv_executable(services), "run", "--project", project.root.string(), "python"};
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

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_runner(make_runner());
}

}  // namespace prhost::plugins::uv_runner
