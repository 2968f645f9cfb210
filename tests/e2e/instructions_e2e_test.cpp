// `prhost compare --metric instructions|both` as a user runs it: a real git
// repository whose head halves the work of one function and leaves another
// alone, counted under the real valgrind (Debian's) at both refs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

class InstructionsProject : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/usr/bin/valgrind")) GTEST_SKIP() << "valgrind is not installed";
    repo.write("pyproject.toml",
               "[project]\nname = \"loops\"\nversion = \"0.1.0\"\n\n[tool.codeflash]\nmodule-root = \"loops\"\n"
               "benchmarks-root = \"tests/benchmarks\"\n");
    repo.write("loops/__init__.py", "");
    write_version(40000);
    base_sha = repo.commit("Initial loops");
    write_version(20000);
    head_sha = repo.commit("perf: count half as far");
    repo.write("tests/benchmarks/test_benchmark_loops.py",
               "from loops.work import count, steady\n\n\n"
               "def test_benchmark_count(benchmark):\n    assert benchmark(count) > 0\n\n\n"
               "def test_benchmark_steady(benchmark):\n    assert benchmark(steady) > 0\n");
    status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
  }

  void write_version(int limit) const {
    repo.write("loops/work.py", "def count():\n    total = 0\n    for _ in range(" + std::to_string(limit) +
                                    "):\n        total += 1\n    return total\n\n\n"
                                    "def steady():\n    return sum(len(str(i)) for i in range(5000))\n");
  }

  sdk::ProcessResult compare(std::vector<std::string> args) const {
    std::vector<std::string> argv{"compare", base_sha, head_sha};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_prhost(argv, repo.root(), {{"TMPDIR", tmp.path().string()}});
  }

  GitRepo repo;
  ScratchDir tmp;
  std::string base_sha, head_sha, status_before;
};

const nlohmann::json& named(const nlohmann::json& list, const std::string& name) {
  for (const auto& entry : list) {
    if (entry["name"] == name) return entry;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << name << " not in " << list.dump(2);
  return none;
}

TEST_F(InstructionsProject, HalvedWorkIsHalfTheInstructionsAndTheUnchangedFunctionIsNoChange) {
  const auto result = compare({"--metric", "instructions", "--json", "--fail-on-regression"});
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["metric"], "instructions");
  const auto& counted = report["instructions"];
  EXPECT_EQ(counted["pairs"], 3);
  EXPECT_NE(counted["tool"].get<std::string>().find("valgrind"), std::string::npos);
  const auto& halved = named(counted["benchmarks"], "test_benchmark_count");
  EXPECT_EQ(halved["decision"], "faster") << halved.dump(2);
  EXPECT_NEAR(halved["ratio"].get<double>(), 0.5, 0.02);
  const auto& steady = named(counted["benchmarks"], "test_benchmark_steady");
  EXPECT_EQ(steady["decision"], "no significant change") << steady.dump(2);
  EXPECT_LT(steady["ci"][1].get<double>() - steady["ci"][0].get<double>(), 0.01);
  EXPECT_NE(result.err.find("instruction counts, pair 3/3"), std::string::npos) << result.err;
  EXPECT_EQ(repo.git({"status", "--porcelain", "--untracked-files=all"}), status_before);
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path())) << "temporary files left behind";
}

TEST_F(InstructionsProject, CodeflashRefusesTheMetricItCannotMeasure) {
  const auto result = compare({"--backend", "codeflash", "--metric", "both"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--metric"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace prhost::testing
