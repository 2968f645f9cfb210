// runner-poetry: projects managed by Poetry. The interpreter is `poetry run
// python`. Poetry finds the project from its working directory (`--project`
// only exists from Poetry 2.0, `-C` also changes the child's directory), so
// this argv relies on the contract that it runs from the project root; every
// command this plugin builds sets that directory explicitly.
//
// Options ([plugin.runner-poetry] in prhost.toml):
//   poetry           path of the poetry executable (default: poetry on PATH)
//   editable_install also `pip install --no-deps -e <worktree>` into each
//                    worktree venv, for projects with C extensions (pip comes
//                    from the linked Poetry environment; building with
//                    poetry-core may need the network)
#include "runner-poetry/poetry_runner.hpp"

#include "common/runner_detection.hpp"
#include "common/worktree_venv.hpp"

namespace prhost::plugins::poetry_runner {
namespace {

constexpr common::DetectionRule kRules[] = {
    {common::Evidence::File, "poetry.lock", 90, "poetry.lock present"},
    {common::Evidence::PyprojectTable, "tool.poetry", 80, "[tool.poetry] table in pyproject.toml"},
};

std::string poetry_executable(const sdk::HostServices& services) {
  if (auto configured = services.option_string("poetry")) return *configured;
  if (auto found = services.which("poetry")) return found->string();
  return "poetry";
}

sdk::RunnerDetection detect(const sdk::Project& project, sdk::HostServices& services) {
  return common::detect_by_rules(kRules, project, services,
                                 "no poetry.lock and no [tool.poetry] table in pyproject.toml");
}

std::vector<std::string> python(const sdk::Project& /*project*/, sdk::HostServices& services) {
  return {poetry_executable(services), "run", "python"};
}

std::vector<std::string> version_command(const sdk::Project& /*project*/, sdk::HostServices& services) {
  return {poetry_executable(services), "--version"};
}

sdk::WorktreeEnvironment worktree_environment(const sdk::Project& project, const std::filesystem::path& worktree,
                                              sdk::HostServices& services) {
  std::vector<sdk::Command> extra;
  if (services.option_bool("editable_install").value_or(false)) {
    extra.push_back(sdk::Command{
        {common::worktree_venv_python(worktree).string(), "-m", "pip", "install", "--no-deps", "-e", worktree.string()},
        project.root});
  }
  return common::make_linked_worktree_environment(python(project, services), project, worktree, std::move(extra));
}

}  // namespace

sdk::RunnerAdapter make_runner() {
  return sdk::RunnerAdapter{"poetry",         "poetry (poetry run python)", &detect, &python,
                            &version_command, &worktree_environment};
}

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_runner(make_runner());
}

}  // namespace prhost::plugins::poetry_runner
