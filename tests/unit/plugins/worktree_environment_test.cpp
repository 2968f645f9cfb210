// Worktree environments, set up for real: after the runner's setup commands,
// the returned interpreter imports the *worktree's* copy of the project (not
// the main checkout's, even when the project env has it installed editable)
// and still sees the project environment's dependencies.
#include <gtest/gtest.h>

#include "common/worktree_venv.hpp"
#include "fake_host_services.hpp"
#include "runner-pip/pip_runner.hpp"
#include "runner-poetry/poetry_runner.hpp"
#include "runner-uv/uv_runner.hpp"
#include "test_support.hpp"

namespace prhost::plugins {
namespace {

using testing::FakeHostServices;
using testing::ScratchDir;
using testing::write_file;

constexpr const char* kMinimalProject =
    "[project]\nname = \"demo\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\ndependencies = []\n";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

bool on_path(const std::string& program) { return testing::run({program, "--version"}, ".").ok(); }

// Runs the environment's setup, then `python -c code` from an unrelated
// directory; returns its trimmed stdout.
std::string setup_and_run(const sdk::WorktreeEnvironment& environment, const sdk::Project& project,
                          FakeHostServices& services, const std::string& code,
                          const std::map<std::string, std::string>& extra_env = {}) {
  std::map<std::string, std::string> env = environment.env;
  env.insert(extra_env.begin(), extra_env.end());
  for (const auto& command : environment.setup) {
    sdk::ProcessRequest request;
    request.argv = command.argv;
    request.cwd = command.cwd.empty() ? project.root : command.cwd;
    request.env = env;
    request.timeout = std::chrono::minutes(3);
    const auto result = services.run(request);
    EXPECT_TRUE(result.ok()) << command.argv.front() << " failed:\n" << result.err;
    if (!result.ok()) return {};
  }
  ScratchDir elsewhere;
  sdk::ProcessRequest request;
  request.argv = environment.python;
  request.cwd = elsewhere.path();
  request.env = env;
  request.argv.insert(request.argv.end(), {"-c", code});
  const auto result = services.run(request);
  EXPECT_TRUE(result.ok()) << result.err;
  return trimmed(result.out);
}

// A pip project whose .venv has a dependency (`projdep`) and the main
// checkout installed editable (a .pth pointing at its src/), like
// `pip install -e .` leaves it.
struct PipProject {
  ScratchDir root;
  PipProject() {
    write_file(root / "src/demo/__init__.py", "WHERE = 'main checkout'\n");
    testing::run_ok({"python3", "-m", "venv", "--without-pip", ".venv"}, root.path());
    const auto site = trimmed(
        testing::run_ok({(root / ".venv/bin/python").string(), "-c", "import site;print(site.getsitepackages()[0])"},
                        root.path())
            .out);
    write_file(std::filesystem::path(site) / "projdep/__init__.py", "NAME = 'projdep'\n");
    write_file(std::filesystem::path(site) / "__editable__.demo-0.1.0.pth", (root / "src").string() + "\n");
  }
};

TEST(WorktreeEnvironment, IsAVenvInsideTheWorktreeBuiltByTheProjectInterpreter) {
  FakeHostServices services;
  const sdk::Project project{"/srv/project"};
  const auto environment = uv_runner::make_runner().worktree_environment(project, "/tmp/wt-base", services);
  ASSERT_EQ(environment.setup.size(), 1u);
  const auto& create = environment.setup[0];
  // /srv/project has no .venv: `uv run --project` would create (and sync)
  // one in the user's repository, so the interpreter comes from outside it.
  EXPECT_EQ((std::vector<std::string>(create.argv.begin(), create.argv.begin() + 4)),
            (std::vector<std::string>{"uv", "run", "--no-project", "python"}));
  EXPECT_EQ(create.argv.at(4), "-c");
  EXPECT_EQ((std::vector<std::string>(create.argv.end() - 3, create.argv.end())),
            (std::vector<std::string>{"/tmp/wt-base/.prhost-venv", "/tmp/wt-base", "/srv/project"}));
  EXPECT_EQ(create.cwd, project.root);
  EXPECT_EQ(environment.python, (std::vector<std::string>{"/tmp/wt-base/.prhost-venv/bin/python"}));
  EXPECT_EQ(environment.env.at("VIRTUAL_ENV"), "/tmp/wt-base/.prhost-venv");
  EXPECT_EQ(environment.env.at("PIP_DISABLE_PIP_VERSION_CHECK"), "1");
}

TEST(WorktreeEnvironment, EditableInstallIsAnOptInStepPerRunner) {
  FakeHostServices services;
  services.bool_options["editable_install"] = true;
  const sdk::Project project{"/srv/project"};
  const auto pip = pip_runner::make_runner().worktree_environment(project, "/tmp/wt", services);
  ASSERT_EQ(pip.setup.size(), 2u);
  EXPECT_EQ(pip.setup[1].argv, (std::vector<std::string>{"/tmp/wt/.prhost-venv/bin/python", "-m", "pip", "install",
                                                         "--no-deps", "--no-build-isolation", "-e", "/tmp/wt"}));
  const auto uv = uv_runner::make_runner().worktree_environment(project, "/tmp/wt", services);
  ASSERT_EQ(uv.setup.size(), 2u);
  EXPECT_EQ(uv.setup[1].argv,
            (std::vector<std::string>{"uv", "pip", "install", "--python", "/tmp/wt/.prhost-venv/bin/python",
                                      "--no-deps", "-e", "/tmp/wt"}));
  services.bool_options["editable_install"] = false;
  EXPECT_EQ(poetry_runner::make_runner().worktree_environment(project, "/tmp/wt", services).setup.size(), 1u);
}

TEST(WorktreeEnvironment, PipWorktreeImportsItsOwnSrcLayoutCodeAndTheProjectDependencies) {
  PipProject project;
  ScratchDir worktree;
  write_file(worktree / "src/demo/__init__.py", "WHERE = 'worktree'\n");
  FakeHostServices services;
  const sdk::Project sdk_project{project.root.path()};

  // Sanity: the project's own interpreter imports the main checkout.
  const auto main_python = pip_runner::make_runner().python(sdk_project, services);
  const auto main = testing::run_ok({main_python[0], "-c", "import demo;print(demo.WHERE)"}, worktree.path());
  ASSERT_EQ(trimmed(main.out), "main checkout");

  const auto environment = pip_runner::make_runner().worktree_environment(sdk_project, worktree.path(), services);
  EXPECT_EQ(setup_and_run(environment, sdk_project, services,
                          "import demo, projdep; print(demo.WHERE, projdep.NAME, demo.__file__)"),
            "worktree projdep " + (worktree / "src/demo/__init__.py").string());
}

TEST(WorktreeEnvironment, FlatLayoutWorktreeIsImportedFromItsRoot) {
  PipProject project;
  ScratchDir worktree;
  write_file(worktree / "demo/__init__.py", "WHERE = 'flat worktree'\n");
  FakeHostServices services;
  const sdk::Project sdk_project{project.root.path()};
  const auto environment = pip_runner::make_runner().worktree_environment(sdk_project, worktree.path(), services);
  EXPECT_EQ(setup_and_run(environment, sdk_project, services, "import demo; print(demo.WHERE)"), "flat worktree");
}

TEST(WorktreeEnvironment, SettingUpTwiceRecreatesTheVenv) {
  PipProject project;
  ScratchDir worktree;
  write_file(worktree / "src/demo/__init__.py", "WHERE = 'worktree'\n");
  FakeHostServices services;
  const sdk::Project sdk_project{project.root.path()};
  const auto environment = pip_runner::make_runner().worktree_environment(sdk_project, worktree.path(), services);
  EXPECT_EQ(setup_and_run(environment, sdk_project, services, "import demo; print(demo.WHERE)"), "worktree");
  EXPECT_EQ(setup_and_run(environment, sdk_project, services, "import demo; print(demo.WHERE)"), "worktree");
}

TEST(WorktreeEnvironment, UvWorktreeImportsItsOwnCodeOffline) {
  if (!on_path("uv")) GTEST_SKIP() << "uv is not on PATH";
  ScratchDir project;
  write_file(project / "pyproject.toml", kMinimalProject);
  write_file(project / "src/demo/__init__.py", "WHERE = 'main checkout'\n");
  ScratchDir worktree;
  write_file(worktree / "pyproject.toml", kMinimalProject);
  write_file(worktree / "src/demo/__init__.py", "WHERE = 'worktree'\n");
  FakeHostServices services;
  const sdk::Project sdk_project{project.path()};
  const auto environment = uv_runner::make_runner().worktree_environment(sdk_project, worktree.path(), services);
  EXPECT_EQ(setup_and_run(environment, sdk_project, services, "import demo; print(demo.WHERE)",
                          {{"UV_PYTHON_DOWNLOADS", "never"}, {"UV_OFFLINE", "1"}}),
            "worktree");
}

TEST(WorktreeEnvironment, PoetryWorktreeImportsItsOwnCodeOffline) {
  if (!on_path("poetry")) GTEST_SKIP() << "poetry is not on PATH";
  const std::string pyproject = std::string(kMinimalProject) + "\n[tool.poetry]\npackage-mode = false\n";
  ScratchDir project;
  write_file(project / "pyproject.toml", pyproject);
  ScratchDir worktree;
  write_file(worktree / "pyproject.toml", pyproject);
  write_file(worktree / "demo/__init__.py", "WHERE = 'worktree'\n");
  FakeHostServices services;
  const sdk::Project sdk_project{project.path()};
  const auto environment = poetry_runner::make_runner().worktree_environment(sdk_project, worktree.path(), services);
  EXPECT_EQ(setup_and_run(environment, sdk_project, services, "import demo; print(demo.WHERE)",
                          {{"POETRY_VIRTUALENVS_IN_PROJECT", "true"}, {"POETRY_NO_INTERACTION", "1"}}),
            "worktree");
}

}  // namespace
}  // namespace prhost::plugins
