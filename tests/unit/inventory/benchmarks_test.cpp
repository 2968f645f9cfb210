// The benchmarks root setting and where benchmark tests already exist.
#include <gtest/gtest.h>

#include "inventory/benchmark_presence.hpp"
#include "inventory/benchmarks_root.hpp"
#include "test_support.hpp"

namespace prhost::inventory {
namespace {

using testing::GitRepo;
using testing::ScratchDir;
using testing::write_file;

TEST(BenchmarksRoot, ReadsToolCodeflashFromPyproject) {
  ScratchDir project;
  write_file(project / "pyproject.toml",
             "[project]\nname = \"x\"\n\n[tool.codeflash]\nbenchmarks-root = \"bench/perf/\"\n");
  const auto setting = benchmarks_root_setting(project.path(), config::Config{});
  EXPECT_EQ(setting.path, "bench/perf");
  EXPECT_EQ(setting.origin, BenchmarksRootSetting::Origin::Pyproject);
  EXPECT_EQ(benchmarks_root(project.path(), config::Config{}), "bench/perf");
}

TEST(BenchmarksRoot, PrhostTomlOverridesAndDefaultApplies) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \"bench\"\n");
  config::Config config;
  config.benchmarks_root = "./perf/benchmarks";
  EXPECT_EQ(benchmarks_root(project.path(), config), "perf/benchmarks");

  ScratchDir bare;
  const auto setting = benchmarks_root_setting(bare.path(), config::Config{});
  EXPECT_EQ(setting.path, "tests/benchmarks");
  EXPECT_EQ(setting.origin, BenchmarksRootSetting::Origin::Default);
}

TEST(BenchmarksRoot, BrokenPyprojectNamesFileLineAndColumn) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \n");
  try {
    (void)benchmarks_root(project.path(), config::Config{});
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("pyproject.toml:2:"), std::string::npos) << error.what();
  }
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = 3\n");
  EXPECT_THROW((void)benchmarks_root(project.path(), config::Config{}), config::ConfigError);
}

TEST(BenchmarkPresence, TestNamesForFunctionsAndMethods) {
  EXPECT_EQ(benchmark_test_names("parse", std::nullopt), std::vector<std::string>{"test_benchmark_parse"});
  EXPECT_EQ(benchmark_test_names("as_string", std::string("InlineTable")),
            (std::vector<std::string>{"test_benchmark_as_string", "test_benchmark_InlineTable_as_string",
                                      "test_benchmark_inlinetable_as_string"}));
  EXPECT_EQ(benchmark_tests_in("def test_benchmark_a(benchmark):\n    pass\n\n    async def test_benchmark_b():\n"
                               "# def test_benchmark_c():\nx = 'def test_benchmark_d('\n"),
            (std::set<std::string>{"test_benchmark_a", "test_benchmark_b"}));
}

TEST(BenchmarkPresence, ComparesTheHeadCommitWithTheWorkingTree) {
  GitRepo repo;
  repo.write("tests/benchmarks/test_parse.py", "def test_benchmark_parse(benchmark):\n    benchmark(len, 'x')\n");
  repo.write("tests/benchmarks/__pycache__/junk.py", "def test_benchmark_junk(): pass\n");
  repo.write("tests/test_other.py", "def test_benchmark_elsewhere(benchmark): pass\n");
  const auto head = repo.commit("bench: parse");
  // Written but not committed yet.
  repo.write("tests/benchmarks/nested/test_table.py", "def test_benchmark_InlineTable_as_string(benchmark): pass\n");

  const auto repository = git::Repository::open(repo.root());
  const BenchmarkIndex index(repository, head, repo.root(), "tests/benchmarks");

  const auto parse = index.find(benchmark_test_names("parse", std::nullopt));
  EXPECT_EQ(parse.at_head, "tests/benchmarks/test_parse.py");
  EXPECT_EQ(parse.in_worktree, "tests/benchmarks/test_parse.py");

  const auto as_string = index.find(benchmark_test_names("as_string", std::string("InlineTable")));
  EXPECT_FALSE(as_string.at_head);
  EXPECT_EQ(as_string.in_worktree, "tests/benchmarks/nested/test_table.py");

  EXPECT_FALSE(index.find({"test_benchmark_elsewhere"}).at_head);  // outside the benchmarks root
  EXPECT_FALSE(index.find({"test_benchmark_junk"}).in_worktree);   // __pycache__ is skipped
  EXPECT_FALSE(index.at_head().empty());

  const BenchmarkIndex missing_root(repository, head, repo.root(), "no/such/dir");
  EXPECT_TRUE(missing_root.at_head().empty());
  EXPECT_TRUE(missing_root.in_worktree().empty());
}

}  // namespace
}  // namespace prhost::inventory
