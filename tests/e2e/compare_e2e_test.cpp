// `prhost compare` driven as a user would: real git repositories, a real
// Python package, real pytest-benchmark processes, the real codeflash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

// A package whose `work()` sleeps 8 ms at base and 4 ms at head: a known 2x
// speed-up that does not depend on how busy the machine is. `buffer()` holds
// 60 MiB at base and 10 MiB at head: a known 50 MiB drop in peak memory.
class CompareProject : public ::testing::Test {
 protected:
  void SetUp() override {
    repo.write("pyproject.toml",
               "[project]\nname = \"sleepy\"\nversion = \"0.1.0\"\n\n[tool.codeflash]\nmodule-root = \"sleepy\"\n"
               "benchmarks-root = \"tests/benchmarks\"\n");
    repo.write("sleepy/__init__.py", "");
    write_version(8, 60);
    base_sha = repo.commit("Initial sleepy");
    write_version(4, 10);
    head_sha = repo.commit("perf: sleep half as long");
    // The benchmark exists only in the working tree (untracked), as after
    // `prhost bench`: compare must inject it into both refs.
    repo.write("tests/benchmarks/test_benchmark_work.py",
               "from sleepy.work import buffer, work\n\n\n"
               "def test_benchmark_work(benchmark):\n    benchmark(work)\n\n\n"
               "def test_benchmark_buffer(benchmark):\n    benchmark(buffer)\n");
    status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
    branches_before = repo.git({"branch", "-a", "-v"});
  }

  void write_version(int sleep_ms, int mebibytes) const {
    repo.write("sleepy/work.py", "import time\n\n\ndef work():\n    time.sleep(" + std::to_string(sleep_ms) +
                                     " / 1000)\n\n\ndef buffer():\n    data = bytearray(" + std::to_string(mebibytes) +
                                     " * 1024 * 1024)\n    return len(data)\n");
  }

  sdk::ProcessResult compare(std::vector<std::string> args) const {
    std::vector<std::string> argv{"compare"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_prhost(argv, repo.root(), {{"TMPDIR", tmp.path().string()}});
  }

  void expect_repository_untouched() const {
    EXPECT_EQ(repo.git({"status", "--porcelain", "--untracked-files=all"}), status_before);
    EXPECT_EQ(repo.git({"branch", "-a", "-v"}), branches_before);
    EXPECT_EQ(repo.git({"rev-parse", "HEAD"}), head_sha);
    EXPECT_EQ(repo.git({"worktree", "list"}).find('\n'), std::string::npos) << "no extra worktree";
    EXPECT_FALSE(std::filesystem::exists(repo.root() / ".git/index.lock"));
    std::string left;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(tmp.path())) {
      left += "\n  " + entry.path().string();
    }
    EXPECT_TRUE(left.empty()) << "temporary files left behind:" << left;
  }

  GitRepo repo;
  ScratchDir tmp;
  std::string base_sha, head_sha, status_before, branches_before;
};

const nlohmann::json& benchmark_named(const nlohmann::json& report, const std::string& name) {
  for (const auto& benchmark : report["benchmarks"]) {
    if (benchmark["name"] == name) return benchmark;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << name << " not in " << report.dump(2);
  return none;
}

TEST_F(CompareProject, BuiltinEngineFindsTheKnownSpeedupAndLeavesTheRepositoryUntouched) {
  const auto result =
      compare({base_sha, "HEAD", "--backend", "builtin", "--json", "--seed", "7", "-k", "work", "--max-pairs", "10"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["backend"], "builtin");
  EXPECT_EQ(report["seed"], 7);
  EXPECT_EQ(report["base"]["sha"], base_sha);
  EXPECT_EQ(report["head"]["sha"], head_sha);
  EXPECT_EQ(report["injected"], nlohmann::json::array({"tests/benchmarks/test_benchmark_work.py"}));
  const auto& work = benchmark_named(report, "test_benchmark_work");
  EXPECT_EQ(work["decision"], "faster") << work.dump(2);
  EXPECT_NEAR(work["speedup"].get<double>(), 2.0, 0.25);
  EXPECT_GE(work["base"]["round_medians_ns"].size(), 10U);
  EXPECT_EQ(report["layout"], "pairs");
  EXPECT_EQ(work["measured"]["clock"], "wall") << "a sleep is not CPU time: the pairs layout falls back";
  EXPECT_NE(result.err.find("imports its own code"), std::string::npos) << result.err;
  expect_repository_untouched();
}

// A conftest.py that overrides `benchmark` (here: delegating to
// pytest-benchmark's) would win over the worker's fixture, so the worker
// refuses to time it and the comparison falls back to the process layout.
TEST_F(CompareProject, ABenchmarkFixtureOfTheProjectsOwnFallsBackToTheProcessLayout) {
  repo.write("tests/benchmarks/conftest.py",
             "import pytest\n\n\n@pytest.fixture\ndef benchmark(benchmark):\n"
             "    benchmark.extra_info['wrapped'] = True\n    return benchmark\n");
  const auto result = compare({base_sha, "HEAD", "--backend", "builtin", "--json", "--seed", "9", "-k", "work",
                               "--max-pairs", "10", "--inject", "tests/benchmarks/conftest.py"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["layout"], "process");
  EXPECT_DOUBLE_EQ(report["margin"].get<double>(), 0.05) << "the process layout's own default margin";
  EXPECT_NE(result.err.find("comparing with --layout process instead"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("conftest"), std::string::npos) << "names where the fixture comes from: " << result.err;
  EXPECT_EQ(benchmark_named(report, "test_benchmark_work")["decision"], "faster");
}

TEST_F(CompareProject, ProcessLayoutStillComparesOneProcessPerSideAndRound) {
  const auto result = compare({base_sha, "HEAD", "--backend", "builtin", "--layout", "process", "--json", "--seed", "8",
                               "-k", "work", "--max-pairs", "10"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["layout"], "process");
  EXPECT_EQ(report["schedule"].size(), 2U * report["pairs"].get<std::size_t>()) << "two rounds per pair";
  EXPECT_TRUE(report["worker_hashseeds"].empty());
  EXPECT_EQ(benchmark_named(report, "test_benchmark_work")["decision"], "faster");
  expect_repository_untouched();
}

TEST_F(CompareProject, MarkdownHasCodeflashShapeAndOutputFileIsWritten) {
  const auto out_file = tmp.path().parent_path() / ("prhost-compare-" + head_sha.substr(0, 8) + ".md");
  const auto result = compare({base_sha, head_sha, "--backend", "builtin", "-k", "work", "-o", out_file.string(),
                               "--seed", "3", "--max-pairs", "10"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("## Benchmark: `" + base_sha.substr(0, 12) + "` vs `" + head_sha.substr(0, 12) + "`"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("### test_benchmark_work"), std::string::npos);
  EXPECT_NE(result.out.find("| **Speedup** | **🟢"), std::string::npos);
  EXPECT_NE(result.out.find("- test_benchmark_work: "), std::string::npos);
  EXPECT_NE(result.out.find("x faster (95% CI"), std::string::npos) << result.out;
  EXPECT_EQ(read_file(out_file), result.out);
  std::filesystem::remove(out_file);
}

TEST_F(CompareProject, MemoryFlagMeasuresTheFiftyMebibyteDrop) {
  const auto result = compare({base_sha, "HEAD", "--backend", "builtin", "--memory", "--json", "-k", "buffer",
                               "--max-pairs", "10", "--seed", "5"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  const auto& memory = benchmark_named(report, "test_benchmark_buffer")["memory"];
  EXPECT_EQ(memory["direction"], "lower") << memory.dump(2);
  EXPECT_EQ(memory["base_peak_bytes"].size(), 3U);
  const double base = memory["base_peak_bytes"][0].get<double>();
  const double head = memory["head_peak_bytes"][0].get<double>();
  EXPECT_NEAR(base - head, 50.0 * 1024 * 1024, 0.02 * 50 * 1024 * 1024);
  expect_repository_untouched();
}

TEST_F(CompareProject, UnknownRefIsBadInputNamingTheRef) {
  const auto result = compare({"no-such-branch", "HEAD", "--backend", "builtin"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("no-such-branch"), std::string::npos) << result.err;
  expect_repository_untouched();
}

TEST_F(CompareProject, MissingDependencyAtOneRefIsDiagnosedWithTheFix) {
  repo.write("sleepy/work.py",
             "import sleepy_native_speedups\n\n\ndef work():\n    pass\n\n\ndef buffer():\n    return 0\n");
  const auto broken = repo.commit("perf: use native speedups");
  const auto result = compare({head_sha, broken, "--backend", "builtin", "-k", "work"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sleepy_native_speedups"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("fix:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("`prhost doctor --base " + head_sha + " --head " + broken + "`"), std::string::npos)
      << result.err;
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
}

// A second benchmark file uses a function only head has: it fails at base,
// is set aside with its cause, and the first file is still compared.
TEST_F(CompareProject, ABenchmarkFileFailingAtOneRefIsSetAsideAndTheOthersAreCompared) {
  // The module exists at both refs (the own-code proof holds); the name
  // exists only at head, so the file fails to import at base.
  repo.write("sleepy/work.py", read_file(repo.root() / "sleepy/work.py") + "\n\ndef only_at_head():\n    return 1\n");
  const auto head2 = repo.commit("feat: a helper only head has");
  repo.write("tests/benchmarks/test_benchmark_extra.py",
             "from sleepy.work import only_at_head\n\n\ndef test_benchmark_extra(benchmark):\n"
             "    benchmark(only_at_head)\n");
  const auto result = compare({base_sha, head2, "--backend", "builtin", "--json", "--seed", "11", "--max-pairs", "10"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["set_aside"].size(), 1U) << report.dump(2);
  const auto& set_aside = report["set_aside"][0];
  EXPECT_EQ(set_aside["file"], "tests/benchmarks/test_benchmark_extra.py");
  EXPECT_EQ(set_aside["side"], "base");
  EXPECT_NE(set_aside["cause"]["detail"].get<std::string>().find("only_at_head"), std::string::npos)
      << set_aside.dump(2);
  EXPECT_EQ(report["benchmark_files"], nlohmann::json::array({"tests/benchmarks/test_benchmark_work.py"}));
  EXPECT_EQ(benchmark_named(report, "test_benchmark_work")["decision"], "faster");
  EXPECT_NE(result.err.find("set aside tests/benchmarks/test_benchmark_extra.py"), std::string::npos) << result.err;
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
}

TEST_F(CompareProject, HangingBenchmarkIsKilledAtTheTimeout) {
  repo.write("tests/benchmarks/test_benchmark_work.py",
             "import time\nfrom sleepy.work import work\n\n\ndef test_benchmark_work(benchmark):\n"
             "    benchmark(lambda: time.sleep(600))\n");
  const auto result = compare({base_sha, "HEAD", "--backend", "builtin", "--timeout", "3"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("3s"), std::string::npos) << result.err;
  EXPECT_LT(result.elapsed.count(), 60'000);
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
  const auto leftovers = run({"pgrep", "-f", "time.sleep\\(600\\)"}, repo.root());
  EXPECT_NE(leftovers.exit_code, 0) << "benchmark process survived: " << leftovers.out;
}

TEST_F(CompareProject, InterruptCleansUpAndExits130) {
  const auto result = run({"timeout", "--preserve-status", "-s", "INT", "4", PRHOST_BINARY, "compare", base_sha, "HEAD",
                           "--backend", "builtin"},
                          repo.root(), {{"TMPDIR", tmp.path().string()}});
  EXPECT_EQ(result.exit_code, 130) << result.err;
  expect_repository_untouched();
}

TEST_F(CompareProject, CalibrateRunsTheEngineAgainstItselfAndStoresTheResult) {
  const auto result =
      run_prhost({"calibrate", "HEAD", "--runs", "1", "-k", "not buffer", "--max-pairs", "10", "--seed", "2", "--json"},
                 repo.root(), {{"TMPDIR", tmp.path().string()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto summary = nlohmann::json::parse(result.out);
  EXPECT_EQ(summary["sha"], head_sha);
  EXPECT_EQ(summary["comparisons"], 1);
  ASSERT_EQ(summary["benchmarks"].size(), 1U);
  EXPECT_EQ(summary["benchmarks"][0]["name"], "test_benchmark_work");
  EXPECT_GT(summary["false_positive_upper95"].get<double>(), 0.9) << "one comparison proves little, and says so";
  const auto stored = nlohmann::json::parse(read_file(repo.root() / ".codeflash/prhost-calibration.json"));
  EXPECT_EQ(stored["seeds"], summary["seeds"]);
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
  EXPECT_EQ(repo.git({"branch", "-a", "-v"}), branches_before);
}

// --branches: the benchmark is committed on top of the optimization, so the
// base lacks it. The base is compared as prhost/tmp/<base>-bench (the base
// plus the benchmark commit, cherry-picked with libgit2); the working-tree
// copy, broken on purpose, is not what runs; afterwards no prhost/tmp branch
// exists and HEAD, the index and the working tree are as they were.
TEST_F(CompareProject, BranchesComparesTheCommittedBenchmarkOnATemporaryBranchAndDeletesIt) {
  const auto benchmark_sha = repo.commit("bench: benchmark work");
  repo.write("tests/benchmarks/test_benchmark_work.py", "raise RuntimeError('the working-tree copy must not run')\n");
  head_sha = benchmark_sha;
  status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
  branches_before = repo.git({"branch", "-a", "-v"});
  const auto index_before = read_file(repo.root() / ".git/index");
  // doctor names the plan before anything runs.
  const auto doctor =
      run_prhost({"doctor", "--base", base_sha, "--head", "HEAD"}, repo.root(), {{"TMPDIR", tmp.path().string()}});
  EXPECT_NE(doctor.out.find("prhost compare " + base_sha + " " + benchmark_sha + " --branches"), std::string::npos)
      << doctor.out;

  const auto result = compare({base_sha, "HEAD", "--backend", "builtin", "--branches", "--json", "--seed", "7", "-k",
                               "work", "--max-pairs", "10"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  const std::string branch = "prhost/tmp/" + base_sha.substr(0, 12) + "-bench";
  EXPECT_EQ(report["temporary_branches"],
            nlohmann::json::parse(R"([{"ref": ")" + base_sha + R"(", "branch": ")" + branch +
                                  R"(", "cherry_picked": [")" + benchmark_sha + R"("]}])"));
  EXPECT_EQ(report["injected"], nlohmann::json::array()) << "the committed benchmark runs, nothing is copied in";
  EXPECT_EQ(report["head"]["sha"], benchmark_sha);
  EXPECT_EQ(benchmark_named(report, "test_benchmark_work")["decision"], "faster") << result.out;
  EXPECT_NE(result.err.find("comparing temporary branch " + branch), std::string::npos) << result.err;
  EXPECT_EQ(repo.git({"branch", "--list", "prhost/*"}), "");
  EXPECT_EQ(read_file(repo.root() / ".git/index"), index_before);
  expect_repository_untouched();
}

TEST_F(CompareProject, BranchesRefusesABenchmarkThatIsNotCommittedAndLeavesNoBranch) {
  const auto result = compare({base_sha, "HEAD", "--backend", "builtin", "--branches"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("test_benchmark_work.py is not committed"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("compare without --branches"), std::string::npos) << result.err;
  expect_repository_untouched();
}

TEST_F(CompareProject, CodeflashBackendRunsTheRealCodeflashCompare) {
  const auto result = compare({base_sha, head_sha, "--backend", "codeflash", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["backend"], "codeflash");
  EXPECT_NE(report["markdown"].get<std::string>().find("## Benchmark:"), std::string::npos);
  const auto& work = benchmark_named(report, "test_benchmark_work");
  EXPECT_GT(work["base"]["median_ns"].get<double>(), work["head"]["median_ns"].get<double>());
  EXPECT_EQ(repo.git({"worktree", "list"}).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace prhost::testing
