// Where benchmark tests already exist.
#include <gtest/gtest.h>

#include "inventory/benchmark_presence.hpp"
#include "test_support.hpp"

namespace prhost::inventory {
namespace {

using testing::GitRepo;
using testing::ScratchDir;
using testing::write_file;

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
