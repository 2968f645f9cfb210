// Every row of the failure table against output captured from real pytest 9 /
// pytest-benchmark 5.3 / codeflash runs (trimmed to the lines that matter and
// the noise around them).
#include "pytest/failure_causes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>

namespace prhost::pytest {
namespace {

using namespace std::chrono_literals;

FailedRun failed(int exit_code, std::string out, std::string err = "") {
  FailedRun run;
  run.exit_code = exit_code;
  run.out = std::move(out);
  run.err = std::move(err);
  run.ref = "a1b2c3d";
  return run;
}

constexpr const char* kBenchmarkWarning =
    "/site-packages/pytest_benchmark/logger.py:44: PytestBenchmarkWarning: Not saving anything, no benchmarks have "
    "been run!\n  warner(PytestBenchmarkWarning(text))\n";

TEST(FailureCauses, TimeoutFlagWinsOverAnyOutput) {
  FailedRun run = failed(-1, "..\nFAILED tests/b.py::test_x - ValueError: boom\n");
  run.timed_out = true;
  run.timeout = 3s;
  const auto cause = classify_failure(run);
  EXPECT_EQ(cause.cause_id, cause::kTimeout);
  EXPECT_EQ(cause.detail, "killed after 3s: the benchmark hangs or needs more time");
  EXPECT_NE(cause.fix.find("--timeout"), std::string::npos);
  EXPECT_NE(cause.fix.find("a1b2c3d"), std::string::npos);
}

TEST(FailureCauses, CodeflashTimeoutMessage) {
  const auto cause = classify_failure(failed(1, "Benchmark timed out after 600s — partial results may be available\n"));
  EXPECT_EQ(cause.cause_id, cause::kTimeout);
  EXPECT_NE(cause.fix.find("600s"), std::string::npos);
}

TEST(FailureCauses, InterpreterThatDoesNotStart) {
  FailedRun run = failed(-1, "", "/opt/venv/bin/python: command not found on PATH");
  run.failed_to_start = true;
  const auto cause = classify_failure(run);
  EXPECT_EQ(cause.cause_id, cause::kInterpreterNotFound);
  EXPECT_EQ(cause.detail, "/opt/venv/bin/python: command not found on PATH");
}

TEST(FailureCauses, BenchmarksRootNotConfigured) {
  const auto cause = classify_failure(failed(
      1, "", "Error: benchmarks-root must be configured in [tool.codeflash] or .codeflash/benchmarks/ must exist\n"));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarksRootMissing);
  EXPECT_NE(cause.fix.find("benchmarks-root = \"tests/benchmarks\""), std::string::npos);
  EXPECT_NE(cause.fix.find("[tool.codeflash]"), std::string::npos);
}

TEST(FailureCauses, NoBenchmarkResultsPointsToDoctor) {
  const auto cause = classify_failure(failed(1, "Running benchmarks at base...\nNo benchmark results to compare\n"));
  EXPECT_EQ(cause.cause_id, cause::kNoBenchmarkResults);
  EXPECT_EQ(cause.detail, "No benchmark results to compare");
  EXPECT_NE(cause.fix.find("prhost doctor"), std::string::npos);
}

TEST(FailureCauses, BenchmarkFixtureNotFound) {
  const std::string out =
      "EE                                                                       [100%]\n"
      "==================================== ERRORS ====================================\n"
      "_________________________ ERROR at setup of test_busy __________________________\n"
      "file /tmp/proj/tests/test_b.py, line 4\n"
      "  def test_busy(benchmark):\n"
      "E       fixture 'benchmark' not found\n"
      ">       available fixtures: cache, capfd, capfdbinary, caplog, capsys, doctest_namespace, monkeypatch\n"
      ">       use 'pytest --fixtures [testpath]' for help on them.\n"
      "/tmp/proj/tests/test_b.py:4\n"
      "=========================== short test summary info ============================\n"
      "ERROR tests/test_b.py::test_busy\n"
      "2 errors in 0.01s\n";
  const auto cause = classify_failure(failed(1, out));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkPluginMissing);
  EXPECT_EQ(cause.detail, "fixture 'benchmark' not found");
  EXPECT_NE(cause.fix.find("pytest-benchmark"), std::string::npos);
}

TEST(FailureCauses, BenchmarkOptionsUnknown) {
  const std::string err =
      "ERROR: usage: python -m pytest [options] [file_or_dir] [file_or_dir] [...]\n"
      "python -m pytest: error: unrecognized arguments: --benchmark-only --benchmark-json=/tmp/x/benchmark.json\n"
      "  inifile: None\n  rootdir: /tmp/proj\n";
  const auto cause = classify_failure(failed(4, "", err));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkPluginMissing);
}

TEST(FailureCauses, XdistDisablesBenchmarks) {
  const std::string err =
      "ERROR: Can't have both --benchmark-only and --benchmark-disable options. Note that --benchmark-disable is "
      "automatically activated if xdist is on, or if `statistics` is not available.\n";
  EXPECT_EQ(classify_failure(failed(4, "", err)).cause_id, cause::kXdistDisablesBenchmarks);
}

TEST(FailureCauses, MissingDependencyNamesTheTopLevelModule) {
  const std::string out =
      "==================================== ERRORS ====================================\n"
      "______________________ ERROR collecting tests/test_dep.py ______________________\n"
      "ImportError while importing test module '/tmp/proj/tests/test_dep.py'.\n"
      "Hint: make sure your test modules/packages have valid Python names.\n"
      "Traceback:\n"
      "tests/test_dep.py:1: in <module>\n"
      "    import torch.nn\n"
      "E   ModuleNotFoundError: No module named 'torch'\n"
      "=========================== short test summary info ============================\n"
      "ERROR tests/test_dep.py\n"
      "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!\n"
      "1 error in 0.14s\n";
  const auto cause = classify_failure(failed(2, out));
  EXPECT_EQ(cause.cause_id, cause::kMissingDependency);
  EXPECT_EQ(cause.detail, "ModuleNotFoundError: No module named 'torch'");
  EXPECT_EQ(cause.title, "The checkout cannot import a dependency: torch");
  EXPECT_NE(cause.fix.find("Install torch"), std::string::npos);
  EXPECT_NE(cause.fix.find("git show a1b2c3d:pyproject.toml"), std::string::npos);
  EXPECT_NE(cause.fix.find("uv run"), std::string::npos);
}

TEST(FailureCauses, MissingSubmoduleStillNamesThePackage) {
  const auto cause =
      classify_failure(failed(2, "E   ModuleNotFoundError: No module named 'unstructured_inference.models'\n"));
  EXPECT_EQ(cause.cause_id, cause::kMissingDependency);
  EXPECT_NE(cause.title.find(": unstructured_inference"), std::string::npos);
  EXPECT_EQ(cause.title.find(".models"), std::string::npos);
}

TEST(FailureCauses, ImportNameMissingAtRef) {
  const auto cause = classify_failure(failed(
      2, "E   ImportError: cannot import name 'partition_fast' from 'mylib.partition' (/w/base/mylib/partition.py)\n"));
  EXPECT_EQ(cause.cause_id, cause::kImportNameMissing);
  EXPECT_EQ(cause.title, "mylib.partition has no partition_fast at this ref");
}

// Captured from pytest 9.2 with an installed plugin whose module raises at
// import: the ImportError is the plugin's, not the benchmark's.
TEST(FailureCauses, APluginThatFailsToLoadIsNamedAsThePluginNotTheBenchmark) {
  const std::string err =
      "Error while loading plugin \"pytest11\".\n../site/brokenplug_mod.py:1: in <module>\n"
      "    from json import no_such_name\n"
      "E   ImportError: cannot import name 'no_such_name' from 'json' (/usr/lib/python3.11/json/__init__.py)\n";
  const auto cause = classify_failure(failed(1, "", err));
  EXPECT_EQ(cause.cause_id, cause::kPluginImportFailed);
  EXPECT_NE(cause.title.find("plugin"), std::string::npos) << cause.title;
  EXPECT_NE(cause.fix.find("PYTEST_DISABLE_PLUGIN_AUTOLOAD=1"), std::string::npos) << cause.fix;

  const auto named = classify_failure(
      failed(1, "", "Error while loading plugin \"codeflash.benchmarking.plugin\".\nE   ImportError: x\n"));
  EXPECT_EQ(named.title, "The pytest plugin codeflash.benchmarking.plugin fails to load (not the benchmark)");
  const auto old_pytest =
      classify_failure(failed(1, "", "ImportError: Error importing plugin \"acme_plugin\": No module named 'acme'\n"));
  EXPECT_EQ(old_pytest.cause_id, cause::kPluginImportFailed);
}

TEST(FailureCauses, PropertyWithoutSetter) {
  const std::string out =
      "    def test_p(benchmark):\n"
      "        s = S()\n"
      ">       s.workers = 20\n"
      "E       AttributeError: property 'workers' of 'Settings' object has no setter\n"
      "tests/test_prop.py:6: AttributeError\n"
      "=========================== short test summary info ============================\n"
      "FAILED tests/test_prop.py::test_p - AttributeError: property 'workers' of 'Sett...\n"
      "1 failed, 1 warning in 0.04s\n";
  const auto cause = classify_failure(failed(1, out));
  EXPECT_EQ(cause.cause_id, cause::kPropertyHasNoSetter);
  EXPECT_EQ(cause.title, "The benchmark assigns to the read-only property workers of Settings");
  EXPECT_NE(cause.fix.find("PropertyMock"), std::string::npos);
  EXPECT_NE(cause.fix.find("\"workers\""), std::string::npos);
  EXPECT_NE(cause.fix.find("real config defaults"), std::string::npos);
}

TEST(FailureCauses, OlderPythonSetterMessage) {
  const auto cause = classify_failure(failed(1, "E       AttributeError: can't set attribute 'workers'\n"));
  EXPECT_EQ(cause.cause_id, cause::kPropertyHasNoSetter);
}

TEST(FailureCauses, FileNotFoundIsBenchmarkMissing) {
  const auto cause = classify_failure(failed(4, std::string(kBenchmarkWarning) + "no tests ran in 0.00s\n",
                                             "ERROR: file or directory not found: tests/benchmarks/test_new.py\n"));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkMissing);
  EXPECT_EQ(cause.title, "Benchmark missing at a1b2c3d");
  EXPECT_EQ(cause.detail, "ERROR: file or directory not found: tests/benchmarks/test_new.py");
  EXPECT_NE(cause.fix.find("--inject"), std::string::npos);
}

TEST(FailureCauses, NodeIdNotFoundIsBenchmarkMissing) {
  const auto cause = classify_failure(
      failed(4, "no tests ran in 0.00s\n",
             "ERROR: not found: /tmp/proj/tests/test_b.py::test_nope\n(no match in any of [<Module test_b.py>])\n"));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkMissing);
  EXPECT_EQ(cause.detail, "ERROR: not found: /tmp/proj/tests/test_b.py::test_nope");
}

TEST(FailureCauses, NoTestsRanIsBenchmarkMissing) {
  const auto cause = classify_failure(failed(5, std::string(kBenchmarkWarning) + "no tests ran in 0.00s\n"));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkMissing);
  EXPECT_EQ(cause.detail, "no tests ran in 0.00s");
}

TEST(FailureCauses, FilterThatDeselectsEverything) {
  const auto cause = classify_failure(failed(5, "2 deselected in 0.00s\n", kBenchmarkWarning));
  EXPECT_EQ(cause.cause_id, cause::kNothingCollected);
  EXPECT_NE(cause.fix.find("2 tests"), std::string::npos);
}

TEST(FailureCauses, EverythingSkipped) {
  const auto cause = classify_failure(failed(0, "ss                                   [100%]\n2 skipped in 0.01s\n"));
  EXPECT_EQ(cause.cause_id, cause::kNothingCollected);
  EXPECT_NE(cause.fix.find("`benchmark`"), std::string::npos);
}

TEST(FailureCauses, CollectedZeroItems) {
  const auto cause = classify_failure(failed(5, "collected 0 items\n\n============ in 0.01s ============\n"));
  EXPECT_EQ(cause.cause_id, cause::kNothingCollected);
}

TEST(FailureCauses, FailingBenchmarkQuotesTheSummaryLine) {
  const std::string out =
      ">   def f(): raise ValueError(\"boom at ref\")\n"
      "E   ValueError: boom at ref\n"
      "tests/test_raise.py:2: ValueError\n"
      "=========================== short test summary info ============================\n"
      "FAILED tests/test_raise.py::test_r - ValueError: boom at ref\n"
      "1 failed in 0.05s\n";
  const auto cause = classify_failure(failed(1, out));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkFailed);
  EXPECT_EQ(cause.title, "The benchmark test failed: tests/test_raise.py::test_r");
  EXPECT_EQ(cause.detail, "FAILED tests/test_raise.py::test_r - ValueError: boom at ref");
}

TEST(FailureCauses, BareExitCodeFiveFallsBackToBenchmarkMissing) {
  const auto cause = classify_failure(failed(5, ""));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkMissing);
  EXPECT_EQ(cause.detail, "pytest exited with code 5 (no tests collected)");
}

// Exit 4 is a usage error; without a "not found" line nothing says the
// benchmark is missing, and pytest's own line is quoted first.
TEST(FailureCauses, BareExitCodeFourIsAUsageErrorQuotingPytest) {
  EXPECT_EQ(classify_failure(failed(4, "")).cause_id, cause::kUsageError);
  const auto cause = classify_failure(failed(4, "", "ERROR: unknown config option: bogus_key\n"));
  EXPECT_EQ(cause.cause_id, cause::kUsageError);
  EXPECT_EQ(cause.detail, "ERROR: unknown config option: bogus_key — pytest exited with code 4 (usage error)");
  EXPECT_TRUE(cause.doctor_checks);
}

// Captured from pytest 9 with `addopts = --cov=x` and no pytest-cov installed.
TEST(FailureCauses, AddoptsOptionOfAMissingPluginIsNotAMissingBenchmark) {
  const std::string err =
      "ERROR: usage: python -m pytest [options] [file_or_dir] [file_or_dir] [...]\n"
      "python -m pytest: error: unrecognized arguments: --cov=x\n"
      "  inifile: /tmp/cov/pytest.ini\n  rootdir: /tmp/cov\n";
  const auto cause = classify_failure(failed(4, "", err));
  EXPECT_EQ(cause.cause_id, cause::kOptionOfMissingPlugin);
  EXPECT_EQ(cause.title, "pytest does not know the option --cov: the plugin that provides it is not installed");
  EXPECT_EQ(cause.detail, "python -m pytest: error: unrecognized arguments: --cov=x");
  EXPECT_NE(cause.fix.find("pytest-cov"), std::string::npos);
  EXPECT_TRUE(cause.doctor_checks);
}

TEST(FailureCauses, FixtureOfAMissingPluginNamesTheFixture) {
  const std::string out =
      "E       fixture 'mocker' not found\n>       available fixtures: benchmark, capfd\n"
      "ERROR tests/benchmarks/test_b.py::test_b\n1 error in 0.03s\n";
  const auto cause = classify_failure(failed(1, out));
  EXPECT_EQ(cause.cause_id, cause::kFixtureMissing);
  EXPECT_EQ(cause.title,
            "The fixture mocker does not exist at a1b2c3d: the plugin or conftest that provides it is "
            "missing");
  EXPECT_NE(cause.fix.find("pytest-mock"), std::string::npos);
}

TEST(FailureCauses, ACollectionErrorQuotesPytestsLineAndPointsToDoctor) {
  const std::string out =
      "==================================== ERRORS ====================================\n"
      "_____________ ERROR collecting tests/benchmarks/test_benchmark_work.py _____________\n"
      "E   NameError: name 'undefined_name_here' is not defined\n"
      "=========================== short test summary info ============================\n"
      "ERROR tests/benchmarks/test_benchmark_work.py - NameError: name 'undefined_name_here' is not defined\n"
      "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!\n"
      "1 error in 0.05s\n";
  const auto cause = classify_failure(failed(2, out));
  EXPECT_EQ(cause.cause_id, cause::kCollectionError);
  EXPECT_EQ(cause.title, "pytest cannot collect tests/benchmarks/test_benchmark_work.py at a1b2c3d");
  EXPECT_EQ(cause.detail,
            "ERROR tests/benchmarks/test_benchmark_work.py - NameError: name 'undefined_name_here' is not defined");
  EXPECT_TRUE(cause.doctor_checks) << "core.pytest-starts collects the benchmarks before comparing";
}

TEST(FailureCauses, AFailingBenchmarkIsNotForDoctor) {
  const auto cause = classify_failure(failed(1, "FAILED tests/test_raise.py::test_r - ValueError: boom\n"));
  EXPECT_EQ(cause.cause_id, cause::kBenchmarkFailed);
  EXPECT_FALSE(cause.doctor_checks);
}

TEST(FailureCauses, UnknownQuotesTheLastErrorLine) {
  const std::string out =
      "Traceback (most recent call last):\n"
      "  File \"conftest.py\", line 3, in <module>\n"
      "    raise RuntimeError(\"GPU not available\")\n"
      "RuntimeError: GPU not available\n"
      "\n"
      "==========\n";
  const auto cause = classify_failure(failed(3, out));
  EXPECT_EQ(cause.cause_id, cause::kUnknown);
  EXPECT_EQ(cause.detail, "RuntimeError: GPU not available");
  EXPECT_EQ(cause.title, "The run failed (exit code 3)");
}

TEST(FailureCauses, UnknownWithoutOutputSaysSo) {
  const auto cause = classify_failure(failed(-11, ""));
  EXPECT_EQ(cause.cause_id, cause::kUnknown);
  EXPECT_EQ(cause.detail, "the run printed nothing");
}

TEST(FailureCauses, LastErrorLineSkipsDecorationAndPrefersStderr) {
  EXPECT_EQ(last_error_line("E   KeyError: 'x'\n=====\n", "ERROR: bad option\n"), "ERROR: bad option");
  EXPECT_EQ(last_error_line("E   KeyError: 'x'\n====== 1 failed in 0.1s ======\n", ""), "KeyError: 'x'");
  EXPECT_EQ(last_error_line("just text\n-----\n", ""), "just text");
  EXPECT_EQ(last_error_line("\n\n", " \n"), std::nullopt);
}

TEST(FailureCauses, UnknownRefIsWorded) {
  FailedRun run = failed(4, "", "ERROR: file or directory not found: b.py\n");
  run.ref.clear();
  EXPECT_EQ(classify_failure(run).title, "Benchmark missing at that ref");
}

TEST(FailureCauses, CauseIdsAreUniqueAndEndWithUnknown) {
  const auto ids = cause_ids();
  const std::set<std::string_view> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(ids.back(), cause::kUnknown);
  EXPECT_EQ(ids.size(), 18U);  // + option_of_missing_plugin, fixture_missing, pytest_usage_error, collection_error
}

}  // namespace
}  // namespace prhost::pytest
