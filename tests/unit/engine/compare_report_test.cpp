#include <gtest/gtest.h>

#include "compare/report/compare_report.hpp"

namespace prhost::compare {
namespace {

EngineResult two_benchmarks() {
  EngineResult result;
  result.pairs = 10;
  result.looks_taken = {10};
  result.per_look_confidence = 1 - 0.05 / 3;
  result.schedule = {Side::Base, Side::Head};
  BenchmarkOutcome faster;
  faster.name = "test_benchmark_count_words";
  faster.base = {41'200'000, 43'050'000, 44'100'000, 22.68, 25};
  faster.head = {27'000'000, 28'300'000, 29'000'000, 34.48, 36};
  faster.base_medians_ns = {43e6, 43.1e6};
  faster.head_medians_ns = {28e6, 28.3e6};
  faster.estimate = {10, 0.657, 0.64, 0.67, 0.983, 0.99, 0.002, 0.004, stats::Decision::Faster};
  MemoryOutcome memory;
  memory.base_peaks = {512.0 * 1024 * 1024};
  memory.head_peaks = {320.0 * 1024 * 1024};
  memory.verdict = {stats::MemoryDirection::Lower, 512.0 * 1024 * 1024, 320.0 * 1024 * 1024, -0.375};
  memory.base_allocations = 1'234'567;
  memory.head_allocations = 654'321;
  memory.backend = "memray";
  faster.memory = memory;
  BenchmarkOutcome same;
  same.name = "test_benchmark_render";
  same.base = same.head = {1000, 1100, 1200, 833333, 50};
  same.estimate = {10, 1.0, 0.98, 1.02, 0.983, 0.99, 0.8, 0.8, stats::Decision::NoSignificantChange};
  result.benchmarks = {faster, same};
  return result;
}

ComparisonContext context() {
  ComparisonContext context;
  context.base = {"a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0"};
  context.head = {"codeflash/op", "ffffffffffffffffffffffffffffffffffffffff"};
  context.backend = "builtin";
  context.seed = 42;
  context.memory = true;
  return context;
}

TEST(CompareReport, MarkdownHasCodeflashTablesThenVerdictLines) {
  const auto text = render_markdown(context(), two_benchmarks());
  EXPECT_NE(text.find("## Benchmark: `a1b2c3d4e5f6` vs `codeflash/op`"), std::string::npos) << text;
  EXPECT_NE(text.find("### test_benchmark_count_words"), std::string::npos);
  EXPECT_NE(text.find("| `a1b2c3d4e5f6` (base) | 41,200.00μs | 43,050.00μs | 44,100.00μs |"), std::string::npos)
      << text;
  EXPECT_NE(text.find("#### Memory"), std::string::npos);
  EXPECT_NE(text.find("| `codeflash/op` (head) | 320.0 MiB | 654,321 | 🟢 -38% |"), std::string::npos) << text;
  EXPECT_NE(text.find("- test_benchmark_count_words: 1.52x faster"), std::string::npos) << text;
  EXPECT_NE(text.find("- test_benchmark_render: no significant change"), std::string::npos) << text;
  EXPECT_NE(text.find("seed 42"), std::string::npos);
  // The second benchmark has no memory data, so no memory table for it.
  EXPECT_EQ(text.find("#### Memory", text.find("### test_benchmark_render")), std::string::npos);
}

TEST(CompareReport, JsonKeepsRawRoundsSeedRefsAndDecisions) {
  const auto json = to_json(context(), two_benchmarks());
  EXPECT_EQ(json["seed"], 42);
  EXPECT_EQ(json["head"]["sha"], "ffffffffffffffffffffffffffffffffffffffff");
  EXPECT_EQ(json["benchmarks"][0]["decision"], "faster");
  EXPECT_EQ(json["benchmarks"][0]["base"]["round_medians_ns"].size(), 2U);
  EXPECT_EQ(json["benchmarks"][0]["memory"]["direction"], "lower");
  EXPECT_EQ(json["benchmarks"][0]["memory"]["head_allocations"], 654321);
  EXPECT_EQ(json["schedule"], (nlohmann::json::array({"base", "head"})));
}

TEST(CompareReport, RegressionMeansSlowerOrMoreMemory) {
  auto result = two_benchmarks();
  EXPECT_FALSE(has_regression(result));
  result.benchmarks[1].estimate.decision = stats::Decision::Slower;
  EXPECT_TRUE(has_regression(result));
  result = two_benchmarks();
  result.benchmarks[0].memory->verdict.direction = stats::MemoryDirection::Higher;
  EXPECT_TRUE(has_regression(result));
}

}  // namespace
}  // namespace prhost::compare
