// The interpreter each runner returns, actually executed: pip's choice of
// interpreter, and `uv run` / `poetry run` on minimal real projects with no
// dependencies, offline.
#include <gtest/gtest.h>

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

// Runs `python + args` through the fake (so the request is recorded) in `cwd`.
sdk::ProcessResult run_python(FakeHostServices& services, std::vector<std::string> python,
                              const std::vector<std::string>& args, const std::filesystem::path& cwd,
                              std::map<std::string, std::string> env = {}) {
  sdk::ProcessRequest request;
  request.argv = std::move(python);
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.cwd = cwd;
  request.env = std::move(env);
  request.timeout = std::chrono::minutes(3);
  return services.run(request);
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// The real python3 on PATH, as an absolute path (what which() would return).
std::string real_python3() {
  const auto result = testing::run({"python3", "-c", "import shutil; print(shutil.which('python3'))"}, ".");
  return trimmed(result.out);
}

bool on_path(const std::string& program) { return testing::run({program, "--version"}, ".").ok(); }

TEST(PipRunnerPython, PrefersTheProjectVenvAndItRuns) {
  ScratchDir project;
  testing::run_ok({"python3", "-m", "venv", "--without-pip", ".venv"}, project.path());
  FakeHostServices services;
  services.programs["python3"] = real_python3();
  const auto python = pip_runner::make_runner().python(sdk::Project{project.path()}, services);
  ASSERT_EQ(python, (std::vector<std::string>{(project / ".venv/bin/python").string()}));

  const auto result = run_python(services, python, {"-c", "import sys;print(sys.prefix)"}, project.path());
  ASSERT_TRUE(result.ok()) << result.err;
  EXPECT_EQ(std::filesystem::canonical(trimmed(result.out)), std::filesystem::canonical(project / ".venv"));
}

TEST(PipRunnerPython, AlsoFindsAVenvNamedVenv) {
  ScratchDir project;
  write_file(project / "venv/bin/python", "");
  FakeHostServices services;
  EXPECT_EQ(pip_runner::make_runner().python(sdk::Project{project.path()}, services),
            (std::vector<std::string>{(project / "venv/bin/python").string()}));
}

TEST(PipRunnerPython, UsesTheAbsolutePython3FromPathWithoutAVenvAndItRuns) {
  ScratchDir project;
  FakeHostServices services;
  services.programs["python3"] = real_python3();
  const auto python = pip_runner::make_runner().python(sdk::Project{project.path()}, services);
  ASSERT_EQ(python.size(), 1u);
  EXPECT_TRUE(std::filesystem::path(python[0]).is_absolute()) << python[0];

  const auto result = run_python(services, python, {"-c", "import sys;print(sys.executable)"}, project.path());
  ASSERT_TRUE(result.ok()) << result.err;
  EXPECT_FALSE(trimmed(result.out).empty());
}

TEST(PipRunnerPython, FallsBackToBarePythonOnlyWhenNothingElseIsKnown) {
  ScratchDir project;
  FakeHostServices services;  // which() knows no programs
  EXPECT_EQ(pip_runner::make_runner().python(sdk::Project{project.path()}, services),
            (std::vector<std::string>{"python"}));
}

TEST(PipRunnerPython, ConfiguredInterpreterOverridesDetection) {
  ScratchDir project;
  testing::run_ok({"python3", "-m", "venv", "--without-pip", ".venv"}, project.path());
  FakeHostServices services;
  services.string_options["python"] = "/opt/python3.12/bin/python3";
  EXPECT_EQ(pip_runner::make_runner().python(sdk::Project{project.path()}, services),
            (std::vector<std::string>{"/opt/python3.12/bin/python3"}));
}

TEST(UvRunnerPython, RunsTheExistingProjectEnvironmentWithoutSyncingFromAnyDirectory) {
  if (!on_path("uv")) GTEST_SKIP() << "uv is not on PATH";
  ScratchDir project;
  ScratchDir elsewhere;
  write_file(project / "pyproject.toml", kMinimalProject);
  testing::run_ok({"python3", "-m", "venv", "--without-pip", ".venv"}, project.path());
  FakeHostServices services;
  const auto python = uv_runner::make_runner().python(sdk::Project{project.path()}, services);
  EXPECT_EQ(python,
            (std::vector<std::string>{"uv", "run", "--no-sync", "--project", project.path().string(), "python"}));

  // From another directory on purpose: --project makes the argv independent
  // of the working directory.
  const auto result = run_python(services, python, {"-c", "import sys;print(42);print(sys.prefix)"}, elsewhere.path(),
                                 {{"UV_PYTHON_DOWNLOADS", "never"}, {"UV_OFFLINE", "1"}});
  ASSERT_TRUE(result.ok()) << result.err;
  EXPECT_EQ(trimmed(result.out).substr(0, 3), "42\n");
  EXPECT_NE(result.out.find((project / ".venv").string()), std::string::npos) << result.out;
  EXPECT_FALSE(std::filesystem::exists(project / "uv.lock")) << "--no-sync: no lock, no sync";
}

// `uv run --no-sync` would still create an empty .venv; without one the argv
// must create nothing at all.
TEST(UvRunnerPython, WithoutAnEnvironmentCreatesNone) {
  if (!on_path("uv")) GTEST_SKIP() << "uv is not on PATH";
  ScratchDir project;
  write_file(project / "pyproject.toml", kMinimalProject);
  FakeHostServices services;
  const auto python = uv_runner::make_runner().python(sdk::Project{project.path()}, services);
  EXPECT_EQ(python, (std::vector<std::string>{"uv", "run", "--no-project", "python"}));
  const auto result = run_python(services, python, {"-c", "print(42)"}, project.path(),
                                 {{"UV_PYTHON_DOWNLOADS", "never"}, {"UV_OFFLINE", "1"}});
  ASSERT_TRUE(result.ok()) << result.err;
  EXPECT_FALSE(std::filesystem::exists(project / ".venv")) << "the probe created an environment";
  const auto environment = uv_runner::make_environment_query().query(sdk::Project{project.path()}, services);
  EXPECT_FALSE(environment.found);
  EXPECT_EQ(environment.install.argv, (std::vector<std::string>{"uv", "sync"}));
}

TEST(UvRunnerPython, UsesTheConfiguredOrFoundUvExecutable) {
  FakeHostServices services;
  services.programs["uv"] = "/usr/local/bin/uv";
  EXPECT_EQ(uv_runner::make_runner().python(sdk::Project{"/p"}, services).front(), "/usr/local/bin/uv");
  services.string_options["uv"] = "/opt/uv/uv";
  EXPECT_EQ(uv_runner::make_runner().python(sdk::Project{"/p"}, services).front(), "/opt/uv/uv");
}

// The bug this guards against: `poetry run python` in a project without an
// environment silently creates an empty virtualenv in Poetry's cache.
TEST(PoetryRunnerPython, WithoutAnEnvironmentNeitherTheQueryNorTheArgvCreatesOne) {
  if (!on_path("poetry")) GTEST_SKIP() << "poetry is not on PATH";
  ScratchDir project;
  ScratchDir cache;
  write_file(project / "pyproject.toml", std::string(kMinimalProject) + "\n[tool.poetry]\npackage-mode = false\n");
  const std::map<std::string, std::string> env{{"POETRY_NO_INTERACTION", "1"},
                                               {"POETRY_CACHE_DIR", cache.path().string()}};
  setenv("POETRY_CACHE_DIR", cache.path().string().c_str(), 1);  // the query runs with the process environment
  FakeHostServices services;
  const auto environment = poetry_runner::make_environment_query().query(sdk::Project{project.path()}, services);
  EXPECT_FALSE(environment.found) << environment.found_by;
  EXPECT_EQ(environment.install.argv, (std::vector<std::string>{"poetry", "install"}));
  const auto python = poetry_runner::make_runner().python(sdk::Project{project.path()}, services);
  EXPECT_EQ(python, (std::vector<std::string>{"env", "POETRY_VIRTUALENVS_CREATE=false", "poetry", "run", "python"}));
  const auto result = run_python(services, python, {"-c", "print(42)"}, project.path(), env);
  ASSERT_TRUE(result.ok()) << result.err;
  unsetenv("POETRY_CACHE_DIR");
  EXPECT_FALSE(std::filesystem::exists(project / ".venv"));
  EXPECT_FALSE(std::filesystem::exists(cache / "virtualenvs") && !std::filesystem::is_empty(cache / "virtualenvs"))
      << "an environment was created in Poetry's cache";
}

// prhost runs the interpreter from inside base/head checkouts, which carry
// their own pyproject.toml: the argv must still reach the project's
// environment and create nothing in the checkout.
TEST(PoetryRunnerPython, UsesTheProjectsExistingEnvironmentEvenFromACheckout) {
  if (!on_path("poetry")) GTEST_SKIP() << "poetry is not on PATH";
  ScratchDir project;
  ScratchDir checkout;
  const auto pyproject = std::string(kMinimalProject) + "\n[tool.poetry]\npackage-mode = false\n";
  write_file(project / "pyproject.toml", pyproject);
  write_file(checkout / "pyproject.toml", pyproject);
  testing::run_ok({"python3", "-m", "venv", "--without-pip", ".venv"}, project.path());
  FakeHostServices services;
  const auto environment = poetry_runner::make_environment_query().query(sdk::Project{project.path()}, services);
  ASSERT_TRUE(environment.found);
  EXPECT_EQ(environment.python, (std::vector<std::string>{(project / ".venv/bin/python").string()}));
  const auto python = poetry_runner::make_runner().python(sdk::Project{project.path()}, services);
  ASSERT_FALSE(python.empty());
  const auto result = run_python(services, python, {"-c", "import sys;print(42);print(sys.prefix)"}, checkout.path(),
                                 {{"POETRY_NO_INTERACTION", "1"}, {"POETRY_VIRTUALENVS_IN_PROJECT", "true"}});
  ASSERT_TRUE(result.ok()) << result.err;
  EXPECT_NE(result.out.find((project / ".venv").string()), std::string::npos) << result.out;
  EXPECT_FALSE(std::filesystem::exists(checkout / ".venv")) << "poetry took the checkout for the project";
}

}  // namespace
}  // namespace prhost::plugins
