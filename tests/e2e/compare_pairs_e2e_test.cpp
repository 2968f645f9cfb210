// `prhost compare` on the pairs layout (a fresh base and head timing worker
// per pair, samples alternated, the worker thread's CPU clock), driven
// through the real binary on a real repository whose benchmarks are
// pure-Python loops: an A/A comparison and a true 2x speed-up.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

// `same()` does the same ~3 ms of integer work at both refs; `halved()` does
// half of it at head: a true 2x on the CPU clock, whatever the load.
class CpuCompareProject : public ::testing::Test {
 protected:
  void SetUp() override {
    repo.write("pyproject.toml",
               "[project]\nname = \"loops\"\nversion = \"0.1.0\"\n\n[tool.codeflash]\nmodule-root = \"loops\"\n"
               "benchmarks-root = \"tests/benchmarks\"\n");
    repo.write("loops/__init__.py", "");
    write_version(60000);
    base_sha = repo.commit("Initial loops");
    write_version(30000);
    head_sha = repo.commit("perf: halved does half the work");
    repo.write("tests/benchmarks/test_benchmark_loops.py",
               "from loops.work import halved, same\n\n\n"
               "def test_benchmark_same(benchmark):\n    assert benchmark(same) > 0\n\n\n"
               "def test_benchmark_halved(benchmark):\n    assert benchmark(halved) > 0\n");
  }

  void write_version(int halved_count) const {
    repo.write("loops/work.py",
               "def spin(n):\n    total = 0\n    for i in range(n):\n        total += i * i % 7\n"
               "    return total\n\n\ndef same():\n    return spin(60000)\n\n\n"
               "def halved():\n    return spin(" +
                   std::to_string(halved_count) + ")\n");
  }

  nlohmann::json compare_json(std::vector<std::string> args) const {
    std::vector<std::string> argv{"compare"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--backend", "builtin", "--json"});
    const auto result = run_prhost(argv, repo.root(), {{"TMPDIR", tmp.path().string()}});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(std::filesystem::is_empty(tmp.path())) << "workers and checkouts leave nothing behind";
    return result.exit_code == 0 ? nlohmann::json::parse(result.out) : nlohmann::json::object();
  }

  static const nlohmann::json& named(const nlohmann::json& report, const std::string& name) {
    for (const auto& benchmark : report["benchmarks"]) {
      if (benchmark["name"] == name) return benchmark;
    }
    static const nlohmann::json none = nlohmann::json::object();
    ADD_FAILURE() << name << " not in " << report.dump(2);
    return none;
  }

  GitRepo repo;
  ScratchDir tmp;
  std::string base_sha, head_sha;
};

TEST_F(CpuCompareProject, PairsLayoutAaComparisonClaimsNoChangeOnTheCpuClock) {
  const auto report = compare_json({head_sha, head_sha, "--seed", "3"});
  ASSERT_FALSE(report.empty());
  EXPECT_EQ(report["layout"], "pairs");
  const int pairs = report["pairs"].get<int>();
  EXPECT_GE(pairs, 10);
  // One fresh worker pair per pair, each with its own hash seeds.
  ASSERT_EQ(report["worker_hashseeds"].size(), static_cast<std::size_t>(pairs));
  std::set<std::uint32_t> seeds;
  for (const auto& pair : report["worker_hashseeds"]) {
    seeds.insert(pair["base"].get<std::uint32_t>());
    seeds.insert(pair["head"].get<std::uint32_t>());
  }
  EXPECT_EQ(seeds.size(), 2U * static_cast<std::size_t>(pairs));
  for (const auto* name : {"test_benchmark_same", "test_benchmark_halved"}) {
    const auto& benchmark = named(report, name);
    const auto decision = benchmark["decision"].get<std::string>();
    EXPECT_TRUE(decision == "no significant change" || decision == "inconclusive") << benchmark.dump(2);
    EXPECT_EQ(benchmark["measured"]["clock"], "cpu") << "a pure-Python loop runs on its own thread";
    EXPECT_GT(benchmark["ci_time_ratio"][0].get<double>(), 0.9) << benchmark.dump(2);
    EXPECT_LT(benchmark["ci_time_ratio"][1].get<double>(), 1.1) << benchmark.dump(2);
    EXPECT_EQ(benchmark["measured"]["pair_log_ratios"].size(), benchmark["pairs"].get<std::size_t>());
  }
}

TEST_F(CpuCompareProject, PairsLayoutDecidesATrueTwoTimesSpeedupAtTheFirstLook) {
  const auto report = compare_json({base_sha, head_sha, "-k", "halved", "--seed", "4", "--max-pairs", "10"});
  ASSERT_FALSE(report.empty());
  EXPECT_EQ(report["layout"], "pairs");
  EXPECT_EQ(report["pairs"], 10);
  const auto& halved = named(report, "test_benchmark_halved");
  EXPECT_EQ(halved["decision"], "faster") << halved.dump(2);
  EXPECT_NEAR(halved["speedup"].get<double>(), 2.0, 0.3) << halved.dump(2);
  EXPECT_EQ(halved["measured"]["clock"], "cpu");
  EXPECT_NEAR(halved["measured"]["wall_time_ratio"].get<double>(), 0.5, 0.15) << "the wall clock, beside it";
}

}  // namespace
}  // namespace prhost::testing
