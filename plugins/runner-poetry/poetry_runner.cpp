// runner-poetry: projects managed by Poetry. A bare `poetry run` in a
// project without an environment silently creates an empty virtualenv (pip
// only) in Poetry's cache, so the environment is first looked up with `poetry
// env info -p` (exits 1 and creates nothing when there is none); without one
// the argv runs Poetry with POETRY_VIRTUALENVS_CREATE=false, which creates
// nothing, and the doctor check `poetry.environment` says to run `poetry
// install`.
//
// With an environment the argv names the project explicitly: prhost runs the
// interpreter from inside base/head checkouts, which carry their own
// pyproject.toml, and a `poetry run` that finds the project from its working
// directory takes the checkout for the project (and, with
// POETRY_VIRTUALENVS_IN_PROJECT, creates an empty `<checkout>/.venv` without
// pytest). Poetry 2 has `--project DIR`, which keeps the child's working
// directory (`-C` would change it); older Poetry gets the environment's own
// interpreter, which needs no project lookup at all.
//
// Options ([plugin.runner-poetry] in prhost.toml):
//   poetry           path of the poetry executable (default: poetry on PATH)
//   editable_install also `pip install --no-deps -e <worktree>` into each
//                    worktree venv, for projects with C extensions (pip comes
//                    from the linked Poetry environment; building with
//                    poetry-core may need the network)
#include "runner-poetry/poetry_runner.hpp"

#include <cctype>
#include <map>
#include <mutex>

#include "common/environment_checks.hpp"
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

sdk::RunnerEnvironment found_at(const std::filesystem::path& dir, const std::string& found_by,
                                const sdk::RunnerEnvironment& base) {
  sdk::RunnerEnvironment found = base;
  const auto python = dir / "bin" / "python";
  found.found = true;
  found.location = dir;
  found.python = {python.string()};
  found.found_by = found_by;
  found.package_install = {python.string(), "-m", "pip", "install"};
  return found;
}

// Poetry uses an in-project .venv when one exists; otherwise `poetry env info
// -p` names the environment it would use, if it exists (~1 s, nothing created).
sdk::RunnerEnvironment look_up_environment(const sdk::Project& project, sdk::HostServices& services) {
  sdk::RunnerEnvironment base;
  base.install = sdk::Command{{poetry_executable(services), "install"}, project.root};
  base.run_prefix = {"poetry", "run"};
  base.location = project.root / ".venv";
  if (services.exists(project.root / ".venv" / "bin" / "python")) {
    return found_at(project.root / ".venv", ".venv in the project", base);
  }
  sdk::ProcessRequest request;
  request.argv = {poetry_executable(services), "env", "info", "-p"};
  request.cwd = project.root;
  request.env = {{"POETRY_NO_INTERACTION", "1"}};
  request.timeout = std::chrono::seconds(60);
  const auto result = services.run(request);
  std::string path = result.out.substr(0, result.out.find_first_of("\r\n"));
  if (result.ok() && !path.empty() && services.exists(std::filesystem::path(path) / "bin" / "python")) {
    return found_at(path, "`poetry env info -p`", base);
  }
  base.missing_reason = result.failed_to_start ? "poetry could not be started (is it on PATH?)"
                                               : "`poetry env info -p` found none (no .venv in the project either)";
  return base;
}

// Asked once per project per process: python() is called by every phase.
sdk::RunnerEnvironment environment(const sdk::Project& project, sdk::HostServices& services) {
  static std::mutex mutex;
  static std::map<std::string, sdk::RunnerEnvironment> cache;
  const std::lock_guard lock(mutex);
  const auto key = project.root.string();
  if (auto it = cache.find(key); it != cache.end() && it->second.found) return it->second;
  return cache[key] = look_up_environment(project, services);
}

// The major version of a poetry executable (0 when it cannot be read), asked
// once per executable: `poetry --version` costs about a second.
int poetry_major_version(const std::string& poetry, sdk::HostServices& services) {
  static std::mutex mutex;
  static std::map<std::string, int> cache;
  const std::lock_guard lock(mutex);
  if (auto it = cache.find(poetry); it != cache.end()) return it->second;
  sdk::ProcessRequest request;
  request.argv = {poetry, "--version"};
  request.env = {{"POETRY_NO_INTERACTION", "1"}};
  request.timeout = std::chrono::seconds(60);
  const auto result = services.run(request);
  int major = 0;
  // "Poetry (version 2.1.3)" or, before 1.2, "Poetry version 1.1.15".
  if (const auto at = result.out.find("version "); result.ok() && at != std::string::npos) {
    for (std::size_t i = at + 8; i < result.out.size() && std::isdigit(static_cast<unsigned char>(result.out[i])); ++i)
      major = major * 10 + (result.out[i] - '0');
  }
  return cache[poetry] = major;
}

std::vector<std::string> python(const sdk::Project& project, sdk::HostServices& services) {
  const auto poetry = poetry_executable(services);
  const auto found = environment(project, services);
  if (!found.found) return {"env", "POETRY_VIRTUALENVS_CREATE=false", poetry, "run", "python"};
  if (poetry_major_version(poetry, services) >= 2) return {poetry, "--project", project.root.string(), "run", "python"};
  return found.python;
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

sdk::EnvironmentQuery make_environment_query() { return sdk::EnvironmentQuery{"poetry", &environment}; }

void register_contributions(sdk::Registry& registry, sdk::HostServices& /*services*/) {
  registry.add_runner(make_runner());
  registry.add_environment_query(make_environment_query());
  common::register_environment_checks(registry, "poetry",
                                      "`.venv` in the project, else `poetry env info -p` (never a bare `poetry run`, "
                                      "which creates an empty environment)",
                                      "`poetry install`", "poetry run");
  registry.add_option({"poetry", "string", "poetry on PATH", "path of the poetry executable"});
  registry.add_option({"editable_install", "boolean", "false",
                       "also `pip install --no-deps -e <checkout>` into each per-ref environment, for projects with C "
                       "extensions"});
}

}  // namespace prhost::plugins::poetry_runner
