// `prhost doctor` driven as a user would: the real binary on real git
// repositories of small Python projects, one per runner, with real pytest,
// uv and poetry. What each test proves is named after it; the ones about
// environments also prove that doctor created or changed none.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

using nlohmann::json;

constexpr const char* kCodeflashTables = R"(
[tool.codeflash]
module-root = "shop"
tests-root = "tests"
benchmarks-root = "tests/benchmarks"
)";

constexpr const char* kBenchmark =
    "from shop.calc import total\n\n\ndef test_benchmark_total(benchmark):\n"
    "    assert benchmark(total, list(range(1000))) == 499500\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A project with one kept optimization (`perf:` commit of shop.calc.total)
// whose benchmark is committed at both refs.
class Project {
 public:
  Project(const std::string& pyproject_extra, bool with_codeflash_tables = true) {
    pyproject_ = "[project]\nname = \"shop\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\ndependencies = []\n" +
                 pyproject_extra + (with_codeflash_tables ? kCodeflashTables : "");
    repo.write("pyproject.toml", pyproject_);
    repo.write(".gitignore", ".venv/\n");
    repo.write("shop/__init__.py", "");
    repo.write("shop/calc.py",
               "def total(values):\n    result = 0\n    for v in values:\n        result += v\n"
               "    return result\n");
    repo.write("tests/benchmarks/test_benchmark_total.py", kBenchmark);
    repo.commit("Initial shop");
    repo.write("shop/calc.py", "def total(values):\n    return sum(values)\n");
    head = repo.commit("perf: total uses the builtin sum");
  }

  // A virtualenv that sees the machine's pytest and pytest-benchmark (no
  // network), as `uv sync` / `poetry install` would have left it.
  void make_venv() const { run_ok({"python3", "-m", "venv", "--system-site-packages", ".venv"}, repo.root()); }

  [[nodiscard]] sdk::ProcessResult prhost(const std::vector<std::string>& args) const {
    return run_prhost(args, repo.root(), environment());
  }

  [[nodiscard]] std::map<std::string, std::string> environment() const {
    return {{"TMPDIR", tmp.path().string()},
            {"PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1"},
            {"PYTEST_ADDOPTS", "-p pytest_benchmark.plugin"},
            {"UV_OFFLINE", "1"},
            {"UV_PYTHON_DOWNLOADS", "never"},
            {"POETRY_VIRTUALENVS_IN_PROJECT", "true"},
            {"POETRY_NO_INTERACTION", "1"},
            {"POETRY_CACHE_DIR", (tmp / "poetry-cache").string()}};
  }

  // Every path under the repository (.venv's content included), but not .git.
  [[nodiscard]] std::set<std::string> tree() const {
    std::set<std::string> paths;
    for (auto it = std::filesystem::recursive_directory_iterator(repo.root());
         it != std::filesystem::recursive_directory_iterator(); ++it) {
      const auto relative = std::filesystem::relative(it->path(), repo.root()).string();
      if (relative == ".git" || relative.find("__pycache__") != std::string::npos) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      paths.insert(relative);
    }
    return paths;
  }

  GitRepo repo;
  ScratchDir tmp;
  std::string head;
  std::string pyproject_;
};

const json& check(const json& report, const std::string& id) {
  for (const auto& target : report["targets"]) {
    for (const auto& c : target["checks"]) {
      if (c["id"] == id) return c;
    }
  }
  static const json none;
  ADD_FAILURE() << id << " not in " << report.dump(2);
  return none;
}

TEST(DoctorE2E, UvProjectWithAnEnvironmentIsHealthyAndDoctorChangesNothingInIt) {
  if (!run({"uv", "--version"}, ".").ok()) GTEST_SKIP() << "uv is not installed (scripts/bootstrap.sh)";
  Project project("\n[tool.uv]\npackage = false\n");
  project.make_venv();
  const auto before = project.tree();

  const auto result = project.prhost({"doctor", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = json::parse(result.out);
  EXPECT_EQ(check(report, "uv.environment")["status"], "ok") << report.dump(2);
  EXPECT_TRUE(contains(check(report, "uv.environment")["message"], ".venv in the project"));
  EXPECT_EQ(check(report, "uv.pytest-importable")["status"], "ok");
  EXPECT_EQ(check(report, "core.pytest-starts")["status"], "ok") << check(report, "core.pytest-starts").dump(2);
  EXPECT_EQ(check(report, "core.benchmarks-root")["status"], "ok");
  EXPECT_EQ(check(report, "core.benchmark-at-refs")["status"], "ok");
  EXPECT_EQ(check(report, "pip.environment")["status"], "not-applicable") << "only the project's runner checks";
  EXPECT_EQ(report["targets"][0]["optimizations"], json::array({1}));
  EXPECT_EQ(project.tree(), before) << "no uv.lock, no sync into .venv, nothing written";
}

// The project depends on shopdep, a real package built and installed into
// the project's .venv only (pip, poetry-core, no network): `python3` on PATH
// lacks it, so a tool started by hand would fail there.
void depend_on_a_package_only_the_environment_has(Project& project) {
  auto pyproject = project.pyproject_;
  pyproject.replace(pyproject.find("dependencies = []"), 17, "dependencies = [\"shopdep\"]");
  project.repo.write("pyproject.toml", pyproject);
  project.head = project.repo.commit("depend on shopdep");
  const auto package = project.tmp / "vendor/shopdep";
  write_file(package / "pyproject.toml",
             "[build-system]\nrequires = [\"poetry-core\"]\nbuild-backend = \"poetry.core.masonry.api\"\n\n"
             "[tool.poetry]\nname = \"shopdep\"\nversion = \"1.0\"\ndescription = \"\"\nauthors = []\n");
  write_file(package / "shopdep/__init__.py", "X = 1\n");
  project.make_venv();
  run_ok({(project.repo.root() / ".venv/bin/python").string(), "-m", "pip", "install", "-q", "--no-index",
          "--no-build-isolation", package.string()},
         project.repo.root());
  ASSERT_FALSE(run({"python3", "-c", "import shopdep"}, project.tmp.path()).ok()) << "python3 must lack shopdep";
}

std::string hints_of(const json& c) {
  std::string text;
  for (const auto& hint : c["hints"]) text += hint.get<std::string>() + "\n";
  return text;
}

TEST(DoctorE2E, UvEnvironmentHintsUvRunWhenPython3LacksTheProjectsDependencies) {
  if (!run({"uv", "--version"}, ".").ok()) GTEST_SKIP() << "uv is not installed (scripts/bootstrap.sh)";
  Project project("\n[tool.uv]\npackage = false\n");
  depend_on_a_package_only_the_environment_has(project);
  const auto result = project.prhost({"doctor", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = json::parse(result.out);
  const auto& environment = check(report, "uv.environment");
  EXPECT_EQ(environment["status"], "ok");
  const auto hints = hints_of(environment);
  EXPECT_TRUE(contains(hints, "lacks shopdep, which the project environment has")) << hints;
  EXPECT_TRUE(contains(hints, "`uv run pytest`, `uv run codeflash compare BASE HEAD`")) << hints;
}

TEST(DoctorE2E, PoetryEnvironmentHintsPoetryRunWhenPython3LacksTheProjectsDependencies) {
  if (!run({"poetry", "--version"}, ".").ok()) GTEST_SKIP() << "poetry is not installed (scripts/bootstrap.sh)";
  Project project("\n[tool.poetry]\npackage-mode = false\n");
  depend_on_a_package_only_the_environment_has(project);
  const auto result = project.prhost({"doctor", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = json::parse(result.out);
  const auto& environment = check(report, "poetry.environment");
  EXPECT_EQ(environment["status"], "ok") << environment.dump(2);
  const auto hints = hints_of(environment);
  EXPECT_TRUE(contains(hints, "lacks shopdep")) << hints;
  EXPECT_TRUE(contains(hints, "`poetry run pytest`")) << hints;
}

TEST(DoctorE2E, NoRunnerHintWhenPython3HasWhatTheProjectNeeds) {
  if (!run({"uv", "--version"}, ".").ok()) GTEST_SKIP() << "uv is not installed (scripts/bootstrap.sh)";
  Project project("\n[tool.uv]\npackage = false\n");
  project.make_venv();  // sees the machine's pytest and pytest-benchmark, as python3 does
  const auto result = project.prhost({"doctor", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = json::parse(result.out);
  const auto hints = hints_of(check(report, "uv.environment"));
  EXPECT_FALSE(contains(hints, "start tools through the runner")) << hints;
}

TEST(DoctorE2E, PoetryProjectWithoutAnEnvironmentIsAnErrorAndDoctorCreatesNone) {
  if (!run({"poetry", "--version"}, ".").ok()) GTEST_SKIP() << "poetry is not installed (scripts/bootstrap.sh)";
  Project project("\n[tool.poetry]\npackage-mode = false\n");
  const auto before = project.tree();

  const auto result = project.prhost({"doctor"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "[✗] poetry environment and its Python — no poetry environment")) << result.out;
  // The command is shown as it will run: poetry by its resolved path.
  EXPECT_TRUE(contains(result.out, "poetry install` in ")) << result.out;
  EXPECT_TRUE(contains(result.out, "(needs --yes)")) << result.out;
  EXPECT_TRUE(contains(result.out, "[-] pytest starts with the project's configuration")) << result.out;

  const auto fixed = project.prhost({"doctor", "--fix"});
  EXPECT_EQ(fixed.exit_code, 1) << fixed.out << fixed.err;
  EXPECT_TRUE(contains(fixed.out, "not applied (needs --yes) [poetry.environment]")) << fixed.out;

  EXPECT_EQ(project.tree(), before) << "doctor created something in the project";
  const auto cache = project.tmp / "poetry-cache/virtualenvs";
  EXPECT_TRUE(!std::filesystem::exists(cache) || std::filesystem::is_empty(cache))
      << "doctor created a virtualenv in Poetry's cache";
  const auto env_info = run({"poetry", "env", "info", "-p"}, project.repo.root(), project.environment());
  EXPECT_NE(env_info.exit_code, 0) << "poetry sees an environment: " << env_info.out;
}

TEST(DoctorE2E, PipVenvProjectBetweenExplicitRefsFindsTheProjectVenv) {
  Project project("");
  project.make_venv();
  const auto result = project.prhost({"doctor", "--base", "HEAD~1", "--head", "HEAD", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = json::parse(result.out);
  const auto& environment = check(report, "pip.environment");
  EXPECT_EQ(environment["status"], "ok");
  EXPECT_TRUE(contains(environment["message"], (project.repo.root() / ".venv").string())) << environment.dump(2);
  EXPECT_EQ(check(report, "pip.pytest-importable")["status"], "ok");
  EXPECT_EQ(report["targets"][0]["benchmarks"], json::array({"tests/benchmarks/test_benchmark_total.py"}));
  EXPECT_EQ(check(report, "core.benchmark-at-refs")["status"], "ok");
}

TEST(DoctorE2E, CovInAddoptsWithoutPytestCovShowsPytestsOwnMessage) {
  if (run({"python3", "-c", "import pytest_cov"}, ".").ok()) GTEST_SKIP() << "pytest-cov is installed here";
  Project project("\n[tool.pytest.ini_options]\naddopts = \"--cov=shop\"\n");
  project.make_venv();
  const auto result = project.prhost({"doctor", "--json"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = json::parse(result.out);
  const auto& pytest_starts = check(report, "core.pytest-starts");
  EXPECT_EQ(pytest_starts["status"], "error");
  const std::string message = pytest_starts["message"];
  EXPECT_TRUE(contains(message, "unrecognized arguments: --cov=shop")) << message;
  EXPECT_FALSE(contains(message, "missing")) << "a usage error is not a missing benchmark: " << message;
  EXPECT_TRUE(contains(pytest_starts["repair"]["steps"][0]["step"], "pytest-cov")) << pytest_starts.dump(2);
}

TEST(DoctorE2E, MissingBenchmarksRootIsReportedWithItsEditAndFixNeverDamagesPyproject) {
  Project project("", /*with_codeflash_tables=*/false);
  project.make_venv();
  const auto original = read_file(project.repo.root() / "pyproject.toml");
  const auto result = project.prhost({"doctor"});
  EXPECT_TRUE(contains(result.out, "[!] benchmarks-root configured")) << result.out;
  EXPECT_TRUE(contains(result.out, "set benchmarks-root = \"tests/benchmarks\" in [tool.codeflash] of pyproject.toml"))
      << result.out;

  const auto fixed = project.prhost({"doctor", "--fix", "--json"});
  const auto report = json::parse(fixed.out);
  const auto& before =
      report["targets"][0]["before_fix"].empty() ? report["targets"][0]["checks"] : report["targets"][0]["before_fix"];
  std::string outcome;
  for (const auto& c : before) {
    if (c["id"] == "core.benchmarks-root" && !c["applied"].empty()) outcome = c["applied"][0]["outcome"];
  }
  const auto now = read_file(project.repo.root() / "pyproject.toml");
  ASSERT_EQ(outcome, "applied") << report.dump(2);
  EXPECT_EQ(now, original + "\n[tool.codeflash]\nbenchmarks-root = \"tests/benchmarks\"\n")
      << "the edit adds the table and key and changes nothing else";
  EXPECT_EQ(check(report, "core.benchmarks-root")["status"], "ok") << "re-checked after --fix";
  EXPECT_TRUE(std::filesystem::exists(project.repo.root() / ".codeflash" / "backup")) << "the original is kept";
}

std::string installed_pytest() {
  auto version = run({"python3", "-c", "import importlib.metadata as m; print(m.version('pytest'))"}, ".").out;
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
  return version;
}

TEST(DoctorE2E, PinsThatDifferBetweenTheRefsAreNamedAndTheOtherRefsPinNeedsYes) {
  Project project("");
  project.make_venv();
  project.repo.write("requirements.txt", "pytest==7.0.0\n");
  project.repo.commit("pin pytest");
  project.repo.write("requirements.txt", "pytest==" + installed_pytest() + "\n");
  project.repo.commit("bump pytest");
  const auto result = project.prhost({"doctor", "--base", "HEAD~1", "--head", "HEAD", "--fix", "--json"});
  const auto report = json::parse(result.out);
  const auto& before =
      report["targets"][0]["before_fix"].empty() ? report["targets"][0]["checks"] : report["targets"][0]["before_fix"];
  json pins;
  for (const auto& c : before) {
    if (c["id"] == "core.dependency-pins") pins = c;
  }
  ASSERT_FALSE(pins.is_null()) << report.dump(2);
  EXPECT_EQ(pins["status"], "warning") << pins.dump(2);
  EXPECT_TRUE(contains(pins.dump(), "matches head only")) << pins.dump(2);
  EXPECT_TRUE(contains(pins.dump(), "--no-deps pytest==7.0.0")) << pins.dump(2);
  ASSERT_FALSE(pins["applied"].empty()) << pins.dump(2);
  EXPECT_EQ(pins["applied"][0]["outcome"], "needs-yes") << "an install never runs without --yes";
  const auto venv_pytest = run({(project.repo.root() / ".venv" / "bin" / "python").string(), "-c",
                                "import importlib.metadata as m; print(m.version('pytest'))"},
                               project.repo.root());
  EXPECT_EQ(venv_pytest.out, installed_pytest() + "\n") << "the environment is unchanged";
}

TEST(DoctorE2E, ABenchmarkThatPatchesTheFunctionItMeasuresIsAnError) {
  Project project("");
  project.make_venv();
  project.repo.write("tests/benchmarks/test_benchmark_total.py",
                     "from unittest.mock import patch\nfrom shop import calc\n\n\n"
                     "def test_benchmark_total(benchmark):\n"
                     "    with patch(\"shop.calc.total\", return_value=0):\n"
                     "        benchmark(calc.total, [1, 2])\n");
  const auto result = project.prhost({"doctor", "--json"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = json::parse(result.out);
  const auto& pitfalls = check(report, "core.benchmark-pitfalls");
  EXPECT_EQ(pitfalls["status"], "error") << pitfalls.dump(2);
  EXPECT_TRUE(contains(pitfalls.dump(), "test_benchmark_total.py:6: patches `total`")) << pitfalls.dump(2);
}

TEST(DoctorE2E, ListNeedsNoRepositoryAndRefsMustBeGivenTogether) {
  ScratchDir outside;
  const auto list = run_prhost({"doctor", "--list"}, outside.path());
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(contains(list.out, "| order | id | plugin | looks at | repair |")) << list.out;
  Project project("");
  const auto half = project.prhost({"doctor", "--base", "HEAD~1"});
  EXPECT_EQ(half.exit_code, 2) << half.out << half.err;
  const auto unknown = project.prhost({"doctor", "--base", "nope", "--head", "HEAD"});
  EXPECT_EQ(unknown.exit_code, 3) << unknown.out << unknown.err;
  EXPECT_TRUE(contains(unknown.err + unknown.out, "'nope'")) << unknown.err;
}

}  // namespace
}  // namespace prhost::testing
