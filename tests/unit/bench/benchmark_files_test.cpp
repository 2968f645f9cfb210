// Naming and writing benchmark files.
#include <gtest/gtest.h>

#include "bench/benchmark_files.hpp"
#include "test_support.hpp"

namespace prhost::bench {
namespace {

using testing::ScratchDir;

TEST(BenchmarkFiles, TestNamesAreFunctionOrClassUnderscoreMethod) {
  EXPECT_EQ(benchmark_test_name("count_words", std::nullopt), "test_benchmark_count_words");
  EXPECT_EQ(benchmark_test_name("as_string", std::string("InlineTable")), "test_benchmark_InlineTable_as_string");
}

TEST(BenchmarkFiles, TheNeedsInputMarkerIsFoundWithItsReason) {
  EXPECT_EQ(needs_input_reason("x\n    # prhost: needs input: `a` of f\n    pytest.fail()"), "`a` of f");
  EXPECT_FALSE(needs_input_reason("def test_benchmark_f(benchmark):\n    benchmark(f)\n"));
}

TEST(BenchmarkFiles, ANewRootIsAPackageOnlyWhenTheTestsAre) {
  ScratchDir plain;
  EXPECT_EQ(ensure_benchmarks_root(plain / "tests/benchmarks", false).size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(plain / "tests/benchmarks/__init__.py"));
  EXPECT_TRUE(ensure_benchmarks_root(plain / "tests/benchmarks", false).empty()) << "an existing root is left alone";

  ScratchDir packaged;
  testing::write_file(packaged / "tests/__init__.py", "");
  EXPECT_EQ(ensure_benchmarks_root(packaged / "tests/benchmarks", true).size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(packaged / "tests/benchmarks/__init__.py"));
}

}  // namespace
}  // namespace prhost::bench
