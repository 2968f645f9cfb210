// `prhost prepare` driven as a user would: the real binary over real git
// repositories of small Python projects, one per runner (pip, uv, poetry),
// with one optimization per domain whose effect is known and clear (sleeps
// and allocations, so the verdict does not depend on how busy the machine
// is) and one "optimization" that breaks a unit test. Each test runs prepare
// once and checks everything that run promises, to keep the suite fast.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

using nlohmann::json;

// What every fixture project shares: the package layout, a unit test per
// function, and [[benchmark]] hints so bench writes the same benchmark on
// every machine (how bench finds inputs on its own is bench's own test).
constexpr const char* kCodeflashTables = R"(
[tool.codeflash]
module-root = "shop"
tests-root = "tests"
benchmarks-root = "tests/benchmarks"
)";

// 10 pairs decide a 2x sleep or a 30 MiB drop at the first look.
constexpr const char* kPrhostToml = R"([compare]
max-pairs = 10
)";

std::string hint(const std::string& function, const std::string& call) {
  return "\n[[benchmark]]\nfunction = \"" + function + "\"\ncall = \"" + call + "\"\n";
}

class Project {
 public:
  explicit Project(const std::string& pyproject_extra, const std::string& hints, bool with_codeflash_tables = true) {
    repo.write("pyproject.toml",
               "[project]\nname = \"shop\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\ndependencies = []\n" +
                   pyproject_extra + (with_codeflash_tables ? kCodeflashTables : ""));
    repo.write("prhost.toml", std::string(kPrhostToml) + hints);
    repo.write(".gitignore", ".venv/\n");
    repo.write("shop/__init__.py", "");
    repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n* Nothing yet.\n");
  }

  // A virtualenv that sees the machine's pytest, pytest-benchmark and memray
  // (no network), as `uv sync` / `poetry install` would have left it.
  void make_venv() const { run_ok({"python3", "-m", "venv", "--system-site-packages", ".venv"}, repo.root()); }

  [[nodiscard]] sdk::ProcessResult prhost(const std::vector<std::string>& args) const {
    return run_prhost(args, repo.root(), environment());
  }

  [[nodiscard]] std::map<std::string, std::string> environment() const {
    return {{"TMPDIR", tmp.path().string()},
            // Only the pytest plugins a benchmark needs: the machine's other
            // plugins (codeflash's among them) triple every pytest start.
            {"PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1"},
            {"PYTEST_ADDOPTS", "-p pytest_benchmark.plugin"},
            {"UV_OFFLINE", "1"},
            {"UV_PYTHON_DOWNLOADS", "never"},
            {"POETRY_VIRTUALENVS_IN_PROJECT", "true"},
            {"POETRY_NO_INTERACTION", "1"}};
  }

  // Every path under the repository, ignored ones included (but not .git).
  [[nodiscard]] std::set<std::string> tree() const {
    std::set<std::string> paths;
    for (auto it = std::filesystem::recursive_directory_iterator(repo.root());
         it != std::filesystem::recursive_directory_iterator(); ++it) {
      const auto relative = std::filesystem::relative(it->path(), repo.root()).string();
      if (relative == ".git" || relative == ".venv") {
        it.disable_recursion_pending();
        continue;
      }
      paths.insert(relative);
    }
    return paths;
  }

  GitRepo repo;
  ScratchDir tmp;
};

const json& row(const json& report, int number) {
  for (const auto& optimization : report["optimizations"]) {
    if (optimization["number"] == number) return optimization;
  }
  static const json none;
  ADD_FAILURE() << "#" << number << " not in the report";
  return none;
}

// The value at a JSON pointer ("/compare/benchmarks/0/memory"), or null: a
// missing field fails the comparison instead of crashing the test.
json field(const json& document, const std::string& pointer) {
  const json::json_pointer path(pointer);
  return document.contains(path) ? document.at(path) : json();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// What every PR body prhost writes must carry.
void expect_complete_pr_body(const std::string& body, const std::string& runner) {
  EXPECT_FALSE(contains(body, "{{")) << body;
  EXPECT_TRUE(std::regex_search(
      body, std::regex("— \\d+ cores, [0-9.]+ GiB RAM, Python 3\\.\\d+\\.\\d+, " + runner + " \\d+\\.\\d+")))
      << "platform line:\n"
      << body;
  EXPECT_TRUE(contains(body, "prhost compare ")) << body;
  EXPECT_TRUE(contains(body, "codeflash compare ")) << body;
  EXPECT_TRUE(contains(body, "-m pytest tests/benchmarks/")) << body;
  EXPECT_TRUE(contains(body, "`CHANGELOG.md` keeps a changelog")) << body;
}

void expect_measured_pr_body(const std::string& body, const std::string& runner) {
  expect_complete_pr_body(body, runner);
  EXPECT_TRUE(contains(body, "- [x] Existing unit tests pass (")) << body;
  EXPECT_TRUE(
      std::regex_search(body, std::regex("\\d+\\.\\d\\dx faster \\(9\\d(\\.\\d)?% CI \\d+\\.\\d\\d–\\d+\\.\\d\\dx")))
      << "a real number with its interval:\n"
      << body;
  EXPECT_TRUE(contains(body, "## Benchmark: `")) << body;
}

void expect_user_tree_untouched(const Project& project, const std::set<std::string>& before, const std::string& head) {
  EXPECT_EQ(project.repo.git({"rev-parse", "HEAD"}), head);
  EXPECT_EQ(project.repo.git({"rev-parse", "--abbrev-ref", "HEAD"}), "main");
  EXPECT_EQ(project.repo.git({"status", "--porcelain", "--untracked-files=no"}), "") << "no tracked file changed";
  EXPECT_EQ(project.repo.git({"worktree", "list"}).find('\n'), std::string::npos);
  for (const auto& path : project.tree()) {
    if (before.count(path) != 0) continue;
    EXPECT_TRUE(path.starts_with(".codeflash") || path.starts_with("tests/benchmarks")) << "prepare wrote " << path;
  }
}

// pip: a cpu and an async optimization that are clearly faster, and one
// that breaks the project's unit tests.
TEST(PrepareE2E, PipProjectMeasuresCpuAndAsyncBlocksTheBrokenOneAndReusesOnTheSecondRun) {
  Project project("", hint("shop.work:crunch", "crunch(3)") + hint("shop.fetch:gather_all", "gather_all(4)") +
                          hint("shop.sums:total", "total(list(range(100)))"));
  auto& repo = project.repo;
  repo.write("shop/work.py", "import time\n\n\ndef crunch(n: int) -> int:\n    time.sleep(0.008)\n    return n * 2\n");
  repo.write("shop/fetch.py",
             "import asyncio\n\n\nasync def load(i: int) -> int:\n    await asyncio.sleep(0.003)\n    return i\n\n\n"
             "async def gather_all(n: int) -> list:\n    out = []\n    for i in range(n):\n        out.append(await "
             "load(i))\n    return out\n");
  repo.write("shop/sums.py",
             "def total(xs: list) -> int:\n    s = 0\n    for x in xs:\n        s += x\n    return s\n");
  repo.write("tests/test_shop.py",
             "import asyncio\n\nfrom shop.fetch import gather_all\nfrom shop.sums import total\nfrom shop.work import "
             "crunch\n\n\ndef test_crunch():\n    assert crunch(2) == 4\n\n\ndef test_gather():\n    assert "
             "asyncio.run(gather_all(3)) == [0, 1, 2]\n\n\ndef test_total():\n    assert total([1, 2, 3]) == 6\n");
  repo.commit("Initial shop");
  repo.write("shop/work.py", "import time\n\n\ndef crunch(n: int) -> int:\n    time.sleep(0.004)\n    return n * 2\n");
  repo.commit("perf: crunch waits half as long\n\nThe store answers in 4 ms; waiting 8 was a leftover.");
  repo.write("shop/fetch.py",
             "import asyncio\n\n\nasync def load(i: int) -> int:\n    await asyncio.sleep(0.003)\n    return i\n\n\n"
             "async def gather_all(n: int) -> list:\n    return list(await asyncio.gather(*(load(i) for i in "
             "range(n))))\n");
  repo.commit("async: gather the loads concurrently");
  repo.write("shop/sums.py", "def total(xs: list) -> int:\n    return sum(xs[1:])\n");
  const auto head = repo.commit("perf: total with the builtin sum (3x faster)");
  const auto before = project.tree();

  const auto dry = project.prhost({"prepare", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(contains(dry.out, "flags:      --timeout 120")) << dry.out;
  EXPECT_TRUE(contains(dry.out, "tests/benchmarks/test_benchmark_crunch.py (would be written)")) << dry.out;
  EXPECT_EQ(project.tree(), before) << "--dry-run writes nothing";

  const auto first = project.prhost({"prepare", "--json"});
  ASSERT_EQ(first.exit_code, 1) << "not everything is ready\n" << first.err;
  const auto report = json::parse(first.out);
  ASSERT_EQ(report["optimizations"].size(), 3U) << report.dump(2);
  for (const int number : {1, 2}) {
    const auto& optimization = row(report, number);
    EXPECT_NE(field(optimization, "/status"), "blocked") << optimization.dump(2);
    EXPECT_EQ(field(optimization, "/compare/benchmarks/0/timing/decision"), "faster") << optimization.dump(2);
    EXPECT_EQ(field(optimization, "/unit_tests/state"), "passed");
    EXPECT_EQ(field(optimization, "/refs/origin"), "commit");
    const auto body = read_file(repo.root() / optimization.value("pr_body", std::string()));
    expect_measured_pr_body(body, "pip");
    EXPECT_TRUE(contains(body, "(3 passed)")) << body;
  }
  const auto& broken = row(report, 3);
  EXPECT_EQ(field(broken, "/status_text"), "blocked (unit tests fail: tests/test_shop.py::test_total)")
      << broken.dump(2);
  EXPECT_EQ(field(broken, "/unit_tests/first_failure"), "FAILED tests/test_shop.py::test_total - assert 5 == 6");
  EXPECT_EQ(field(broken, "/claims/0/text"), "3x faster");
  const auto broken_body = read_file(repo.root() / broken.value("pr_body", std::string()));
  expect_complete_pr_body(broken_body, "pip");
  EXPECT_TRUE(contains(broken_body, "- [ ] Existing unit tests fail at ")) << "the unit-test line\n" << broken_body;
  EXPECT_TRUE(contains(broken_body, "first failure: `FAILED tests/test_shop.py::test_total - assert 5 == 6`"));
  EXPECT_FALSE(contains(broken_body, "x faster (")) << "nothing measured, nothing claimed\n" << broken_body;
  EXPECT_TRUE(contains(first.err, "look at 10 pairs")) << "progress in a pipe: plain lines\n" << first.err;
  expect_user_tree_untouched(project, before, head);

  // A second run reuses every result whose commits and benchmark are unchanged.
  const auto second = project.prhost({"prepare", "--json"});
  ASSERT_EQ(second.exit_code, 1) << second.err;
  EXPECT_FALSE(contains(second.err, "calibrating")) << "nothing was measured again\n" << second.err;
  EXPECT_TRUE(contains(second.err, "reused .codeflash/prhost/compare/")) << second.err;
  EXPECT_TRUE(contains(second.err, ": doctor's findings of its measurement")) << "no check ran again\n" << second.err;
  const auto again = json::parse(second.out);
  for (const int number : {1, 2, 3})
    EXPECT_EQ(field(row(again, number), "/status_text"), field(row(report, number), "/status_text"));

  // `prhost report` prints the same statuses without running anything.
  const auto table = project.prhost({"report"});
  EXPECT_TRUE(contains(table.out, "| # | Optimization | Benchmark | Compare | PR body | Status |")) << table.out;
  EXPECT_TRUE(contains(table.out, "blocked (unit tests fail: tests/test_shop.py::test_total)")) << table.out;
  EXPECT_TRUE(contains(table.out, "| 3 | 3x faster | commit message of")) << "the claim beside the measurement";
}

// Doctor inside prepare, in one run to keep the suite fast: pyproject.toml
// lacks [tool.codeflash] benchmarks-root, a repair that only edits a file, so
// prepare applies it and says so; the project's own benchmark of `total`
// patches the function it measures, an error no repair fixes, so #2 is
// blocked and not compared while #1 is measured as usual.
TEST(PrepareE2E, PrepareAppliesDoctorsSafeRepairAndAnUnrepairableErrorBlocksOnlyItsOptimization) {
  Project project("", hint("shop.work:crunch", "crunch(3)"), /*with_codeflash_tables=*/false);
  auto& repo = project.repo;
  const auto crunch = [&](const std::string& seconds) {
    repo.write("shop/work.py",
               "import time\n\n\ndef crunch(n: int) -> int:\n    time.sleep(" + seconds + ")\n    return n * 2\n");
  };
  crunch("0.008");
  repo.write("shop/sums.py",
             "def total(xs: list) -> int:\n    s = 0\n    for x in xs:\n        s += x\n    return s\n");
  repo.write(
      "tests/test_shop.py",
      "from shop.sums import total\nfrom shop.work import crunch\n\n\ndef test_crunch():\n    assert crunch(2) == "
      "4\n\n\ndef test_total():\n    assert total([1, 2, 3]) == 6\n");
  repo.write("tests/benchmarks/test_benchmark_total.py",
             "from unittest.mock import patch\n\nfrom shop import sums\n\n\ndef test_benchmark_total(benchmark):\n"
             "    with patch(\"shop.sums.total\", return_value=0):\n        benchmark(sums.total, [1, 2])\n");
  repo.commit("Initial shop");
  crunch("0.004");
  repo.commit("perf: crunch waits half as long");
  repo.write("shop/sums.py", "def total(xs: list) -> int:\n    return sum(xs)\n");
  const auto head = repo.commit("perf: total with the builtin sum");
  const auto pyproject = repo.root() / "pyproject.toml";
  const auto original = read_file(pyproject);
  const auto before = project.tree();

  const auto dry = project.prhost({"prepare", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(contains(dry.out,
                       "prepare applies: set benchmarks-root = \"tests/benchmarks\" in [tool.codeflash] of "
                       "pyproject.toml"))
      << dry.out;
  EXPECT_TRUE(contains(dry.out, "[✗] core.benchmark-pitfalls: ")) << dry.out;
  EXPECT_TRUE(contains(dry.out, "unless repaired: blocks #2")) << dry.out;
  EXPECT_EQ(project.tree(), before) << "--dry-run writes nothing";
  EXPECT_EQ(read_file(pyproject), original);

  const auto result = project.prhost({"prepare", "--json"});
  ASSERT_EQ(result.exit_code, 1) << result.err;
  const auto report = json::parse(result.out);
  EXPECT_EQ(read_file(pyproject), original + "\n[tool.codeflash]\nbenchmarks-root = \"tests/benchmarks\"\n")
      << "the repair adds the table and key and changes nothing else";
  EXPECT_TRUE(std::filesystem::exists(repo.root() / ".codeflash/backup")) << "the original is kept";
  std::vector<std::string> applied;
  for (const auto& optimization : report["optimizations"]) {
    for (const auto& step : optimization["doctor"]["applied"]) applied.push_back(step);
  }
  ASSERT_EQ(applied.size(), 1U) << "applied once, on the first comparison\n" << report.dump(2);
  EXPECT_TRUE(applied[0].starts_with("core.benchmarks-root: set benchmarks-root = ")) << applied[0];

  const auto& measured = row(report, 1);
  EXPECT_EQ(field(measured, "/doctor/checked"), true) << measured.dump(2);
  EXPECT_EQ(field(measured, "/doctor/errors"), json::array()) << measured.dump(2);
  EXPECT_EQ(field(measured, "/compare/benchmarks/0/timing/decision"), "faster") << measured.dump(2);
  EXPECT_NE(field(measured, "/status"), "blocked") << measured.dump(2);
  expect_measured_pr_body(read_file(repo.root() / measured.value("pr_body", std::string())), "pip");

  const auto& blocked = row(report, 2);
  const std::string status = field(blocked, "/status_text").get<std::string>();
  EXPECT_TRUE(status.starts_with("blocked (core.benchmark-pitfalls: ")) << blocked.dump(2);
  EXPECT_TRUE(contains(field(blocked, "/doctor/details").dump(), "test_benchmark_total.py:7: patches `total`"))
      << blocked.dump(2);
  EXPECT_EQ(field(blocked, "/compare/measured"), false);
  EXPECT_TRUE(contains(field(blocked, "/compare/missing").get<std::string>(), "blocked by core.benchmark-pitfalls"))
      << blocked.dump(2);

  // `prhost report` shows the findings prepare stored, without checking again.
  const auto table = project.prhost({"report"});
  EXPECT_TRUE(contains(table.out, "blocked (core.benchmark-pitfalls: ")) << table.out;
  EXPECT_TRUE(contains(table.out, "- #1 doctor repaired core.benchmarks-root: set benchmarks-root")) << table.out;
  EXPECT_TRUE(contains(table.out, "- #2 doctor: core.benchmark-pitfalls: tests/benchmarks/test_benchmark_total.py:7: "))
      << table.out;
  EXPECT_EQ(repo.git({"rev-parse", "HEAD"}), head);
  EXPECT_EQ(repo.git({"diff", "--name-only"}), "pyproject.toml") << "the one repaired file is the only tracked change";
}

// The real-world gaps of issue 11, in one pip project: the benchmark exists
// before prepare runs (`prhost bench` wrote it), so prepare must validate it
// itself for the coverage and equivalence lines, and keep that keyed by the
// file and both commits; the unit tests read data from a git submodule,
// which prhost's checkout must fill at the commit head records; and a test
// this machine "cannot pass" is left out through [prepare] unit-test-args.
TEST(PrepareE2E, AnExistingBenchmarkKeepsItsEvidenceAndUnitTestsGetSubmodulesAndProjectArguments) {
  GitRepo data;
  data.write("expected.txt", "6\n");
  data.commit("expected values");
  Project project("",
                  hint("shop.work:crunch", "crunch(3)") +
                      "\n[prepare]\nunit-test-args = [\"--deselect\", \"tests/test_shop.py::test_needs_network\"]\n");
  auto& repo = project.repo;
  repo.git({"-c", "protocol.file.allow=always", "submodule", "add", "-q", data.root().string(), "tests/data"});
  repo.write("shop/work.py", "import time\n\n\ndef crunch(n: int) -> int:\n    time.sleep(0.008)\n    return n * 2\n");
  repo.write("tests/test_shop.py",
             "from pathlib import Path\n\nfrom shop.work import crunch\n\n\ndef test_crunch_matches_the_data():\n"
             "    expected = Path(__file__).parent / 'data' / 'expected.txt'\n"
             "    assert crunch(3) == int(expected.read_text())\n\n\ndef test_needs_network():\n"
             "    raise OSError('network unreachable')\n");
  repo.commit("Initial shop");
  repo.write("shop/work.py", "import time\n\n\ndef crunch(n: int) -> int:\n    time.sleep(0.004)\n    return n * 2\n");
  const auto head = repo.commit("perf: crunch waits half as long");
  const auto bench = project.prhost({"bench"});
  ASSERT_EQ(bench.exit_code, 0) << bench.out << bench.err;
  const auto before = project.tree();

  const auto first = project.prhost({"prepare", "--json"});
  ASSERT_TRUE(first.exit_code == 0 || first.exit_code == 1) << first.err;
  EXPECT_TRUE(
      contains(first.err, "running the existing tests/benchmarks/test_benchmark_crunch.py once at head and base"))
      << first.err;
  const auto report = json::parse(first.out);
  const auto& optimization = row(report, 1);
  EXPECT_EQ(field(optimization, "/benchmarks/0/status"), "exists") << optimization.dump(2);
  EXPECT_EQ(field(optimization, "/benchmarks/0/coverage"), "the benchmark executes 1/1 changed lines of shop/work.py")
      << optimization.dump(2);
  EXPECT_EQ(field(optimization, "/benchmarks/0/equivalent"), true) << optimization.dump(2);
  EXPECT_EQ(field(optimization, "/unit_tests/state"), "passed") << optimization.dump(2);
  EXPECT_EQ(field(optimization, "/unit_tests/summary"), "1 passed, 1 deselected") << optimization.dump(2);
  const auto status = field(optimization, "/status_text").dump();
  EXPECT_FALSE(contains(status, "coverage not measured")) << status;
  EXPECT_FALSE(contains(status, "results not compared")) << status;
  const auto body = read_file(repo.root() / optimization.value("pr_body", std::string()));
  EXPECT_TRUE(contains(body, "- [x] `test_benchmark_crunch`: the benchmark executes 1/1 changed lines")) << body;
  EXPECT_TRUE(contains(body, "- [x] Base and head return the same results on the benchmark's inputs")) << body;
  EXPECT_TRUE(contains(body, "--deselect tests/test_shop.py::test_needs_network")) << "the command that ran\n" << body;
  expect_user_tree_untouched(project, before, head);

  // The same file at the same commits: the stored validation, nothing run again.
  const auto second = project.prhost({"prepare", "--json"});
  EXPECT_FALSE(contains(second.err, "running the existing")) << second.err;
  EXPECT_EQ(field(row(json::parse(second.out), 1), "/benchmarks/0/coverage"),
            field(optimization, "/benchmarks/0/coverage"));
  // An edited benchmark is another file: validated again.
  repo.write("tests/benchmarks/test_benchmark_crunch.py",
             read_file(repo.root() / "tests/benchmarks/test_benchmark_crunch.py") + "\n# edited\n");
  const auto third = project.prhost({"prepare", "--json"});
  EXPECT_TRUE(contains(third.err, "running the existing tests/benchmarks/test_benchmark_crunch.py")) << third.err;
}

// poetry: a memory optimization; its PR body carries the memory run.
TEST(PrepareE2E, PoetryProjectMemoryOptimizationShowsTheMeasuredDrop) {
  if (!run({"poetry", "--version"}, ".").ok()) GTEST_SKIP() << "poetry is not installed (scripts/bootstrap.sh)";
  Project project("\n[tool.poetry]\npackage-mode = false\n", hint("shop.pack:pack", "pack()"));
  auto& repo = project.repo;
  const auto pack = [&](int mebibytes) {
    repo.write("shop/pack.py", "def pack() -> int:\n    chunks = [bytearray(1024 * 1024) for _ in range(" +
                                   std::to_string(mebibytes) + ")]\n    return len(chunks[0])\n");
  };
  pack(40);
  repo.write("tests/test_pack.py", "from shop.pack import pack\n\n\ndef test_pack():\n    assert pack() > 0\n");
  repo.commit("Initial shop");
  pack(8);
  const auto head = repo.commit("mem: build five times fewer chunks\n\nEach page now reuses its buffers.");
  project.make_venv();
  const auto before = project.tree();

  const auto result = project.prhost({"prepare", "--json"});
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.err;
  const auto report = json::parse(result.out);
  const auto& optimization = row(report, 1);
  EXPECT_EQ(field(optimization, "/flags"), "--memory") << optimization.dump(2);
  ASSERT_TRUE(optimization.contains("compare") && optimization["compare"].is_object()) << optimization.dump(2);
  const auto& memory = field(optimization, "/compare/benchmarks/0/memory");
  ASSERT_TRUE(memory.is_object()) << optimization.dump(2);
  EXPECT_EQ(memory["direction"], "lower") << optimization.dump(2);
  EXPECT_NE(field(optimization, "/status"), "blocked") << optimization.dump(2);
  const auto body = read_file(repo.root() / optimization.value("pr_body", std::string()));
  expect_complete_pr_body(body, "poetry");
  EXPECT_TRUE(contains(body, "- [x] Existing unit tests pass (1 passed)")) << body;
  // The memory run's numbers and its bound: both peaks, and every run of head below every run of base.
  EXPECT_TRUE(std::regex_search(
      body,
      std::regex("peak memory −3\\d\\.\\d MiB \\(4\\d\\.\\d MiB → \\d+\\.\\d MiB, −\\d+\\.\\d%, memray; every run of "
                 "head below every run of base\\)")))
      << body;
  EXPECT_TRUE(contains(body, "- [x] Memory run (3 runs per side)")) << body;
  EXPECT_TRUE(contains(body, "poetry run python -m pytest")) << body;
  expect_user_tree_untouched(project, before, head);
}

// uv: a struct change measured on one machine, then through the emitted CI
// jobs run here one by one and `report --collect`: the same report.
TEST(PrepareE2E, UvProjectCiJobsRunHereThenCollectGiveTheSameReportAsPrepare) {
  if (!run({"uv", "--version"}, ".").ok()) GTEST_SKIP() << "uv is not installed (scripts/bootstrap.sh)";
  // The struct generator builds [plugin.domain-struct] instances of the
  // target per round: 500 points, each 10 KB lighter at head. Base keeps an
  // unused scratch buffer per point alive in a module list, so both refs
  // return the same points (bench's base/head agreement check holds).
  Project project("\n[tool.uv]\npackage = false\n",
                  hint("shop.points:make_point", "make_point(7)") + "\n[plugin.domain-struct]\ninstances = 500\n");
  auto& repo = project.repo;
  const auto points = [&](const std::string& slots, const std::string& scratch) {
    repo.write("shop/points.py", "_SCRATCH = []\n\n\nclass Point:\n" + slots +
                                     "    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n\n"
                                     "def make_point(i: int) -> Point:\n    point = Point(i, -i)\n" +
                                     scratch + "    return point\n");
  };
  points("", "    _SCRATCH.append(bytearray(10_000))\n");
  repo.write("tests/test_points.py",
             "from shop.points import make_point\n\n\ndef test_points():\n    assert make_point(2).y == -2\n");
  run_ok({"uv", "lock"}, repo.root(), project.environment());
  repo.commit("Initial shop");
  points("    __slots__ = (\"x\", \"y\")\n\n", "");
  repo.commit("struct: give Point __slots__ and drop its unused scratch buffer");
  project.make_venv();

  const auto local = project.prhost({"prepare", "--json"});
  ASSERT_TRUE(local.exit_code == 0 || local.exit_code == 1) << local.err;
  const auto expected = json::parse(local.out);
  const auto& measured = row(expected, 1);
  EXPECT_EQ(field(measured, "/flags"), "--memory --timeout 120") << measured.dump(2);
  EXPECT_EQ(field(measured, "/compare/benchmarks/0/memory/direction"), "lower") << measured.dump(2);
  EXPECT_EQ(field(measured, "/compare/benchmarks/0/timing/decision"), "faster") << measured.dump(2);
  expect_measured_pr_body(read_file(repo.root() / measured.value("pr_body", std::string())), "uv");

  const auto emitted = project.prhost({"prepare", "--emit-ci", "github"});
  ASSERT_EQ(emitted.exit_code, 0) << emitted.err;
  const auto workflow = read_file(repo.root() / ".codeflash/ci/prhost-compare.yml");
  std::smatch line;
  ASSERT_TRUE(std::regex_search(workflow, line, std::regex("\n      matrix: (\\{.*\\})\n"))) << workflow;
  const auto matrix = json::parse(line[1].str());
  ASSERT_EQ(matrix["include"].size(), 1U) << "one job per optimization";

  // Each job's command as the CI runner would run it (bash, repository root),
  // with this build's prhost first on PATH.
  ScratchDir bin;
  std::filesystem::create_symlink(PRHOST_BINARY, bin / "prhost");
  auto env = project.environment();
  env["PATH"] = bin.path().string() + ":" + std::getenv("PATH");
  for (const auto& job : matrix["include"]) {
    run_ok({"bash", "-c", "mkdir -p prhost-compare && " + job["command"].get<std::string>()}, repo.root(), env);
  }
  std::filesystem::remove_all(repo.root() / ".codeflash/prhost/compare");  // nothing local to fall back on
  std::filesystem::remove(repo.root() / measured.value("pr_body", std::string()));
  const auto collected = project.prhost({"report", "--collect", "prhost-compare", "--json"});
  ASSERT_TRUE(collected.exit_code == 0 || collected.exit_code == 1) << collected.err;
  const auto got = json::parse(collected.out);
  const auto& from_ci = row(got, 1);
  EXPECT_EQ(field(from_ci, "/status_text"), field(measured, "/status_text"));
  EXPECT_EQ(field(from_ci, "/compare/benchmarks/0/timing/decision"),
            field(measured, "/compare/benchmarks/0/timing/decision"));
  EXPECT_EQ(field(from_ci, "/compare/benchmarks/0/memory/direction"),
            field(measured, "/compare/benchmarks/0/memory/direction"));
  EXPECT_EQ(field(from_ci, "/unit_tests/state"), "passed");
  EXPECT_TRUE(contains(field(from_ci, "/compare/source").get<std::string>(), "collected from ")) << from_ci.dump(2);
  expect_measured_pr_body(read_file(repo.root() / from_ci.value("pr_body", std::string())), "uv");
}

}  // namespace
}  // namespace prhost::testing
