// The expected markdown is the example in the compare engine brief
// (compare.md), taken from codeflash compare's output: our tables must match it byte for
// byte so a PR body reads the same with either backend.
#include "compare/markdown.hpp"

#include <gtest/gtest.h>

#include "codeflash_example.hpp"

#include <string>

namespace prhost::compare::markdown {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

BenchmarkTable partition_pdf_example() {
  BenchmarkTable table;
  table.name = "test_benchmark_partition_pdf";
  table.base_label = "a1b2c3d4e5f6";
  table.head_label = "codeflash/op";
  table.base = TimeStats{41'200'000.0, 43'050'000.0, 44'100'000.0, 22.68, 25};
  table.head = TimeStats{27'000'000.0, 28'300'000.0, 29'000'000.0, 34.48, 36};
  table.memory = MemoryComparison{MemoryStats{512 * kMiB, 1'234'567}, MemoryStats{320 * kMiB, 654'321}};
  return table;
}

TEST(MarkdownCells, Thousands) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(999), "999");
  EXPECT_EQ(thousands(1000), "1,000");
  EXPECT_EQ(thousands(1'234'567), "1,234,567");
  EXPECT_EQ(thousands(-1'234'567), "-1,234,567");
}

TEST(MarkdownCells, TimeInMicroseconds) {
  EXPECT_EQ(format_time_us(41200.0), "41,200.00μs");
  EXPECT_EQ(format_time_us(0.5), "0.50μs");
  EXPECT_EQ(format_time_us(999.999), "1,000.00μs");
  EXPECT_EQ(format_time_us(1234567.891), "1,234,567.89μs");
  EXPECT_EQ(format_time_us(12.0), "12.00μs");
}

TEST(MarkdownCells, Ops) {
  EXPECT_EQ(format_ops(22.68), "22.68 ops/s");
  EXPECT_EQ(format_ops(999.0), "999.00 ops/s");
  EXPECT_EQ(format_ops(1500.0), "1.50 Kops/s");
  EXPECT_EQ(format_ops(2'000'000.0), "2.00 Mops/s");
}

TEST(MarkdownCells, Bytes) {
  EXPECT_EQ(format_bytes(512.0), "512 B");
  EXPECT_EQ(format_bytes(1536.0), "1.5 KiB");
  EXPECT_EQ(format_bytes(512 * kMiB), "512.0 MiB");
  EXPECT_EQ(format_bytes(2.0 * 1024 * kMiB), "2.0 GiB");
}

TEST(MarkdownCells, SpeedupAndMemoryDelta) {
  EXPECT_EQ(speedup_cell(1.5259), "**🟢 1.53x**");
  EXPECT_EQ(speedup_cell(1.0), "**🟢 1.00x**");
  EXPECT_EQ(speedup_cell(0.8), "**🔴 0.80x**");
  EXPECT_EQ(memory_delta_cell(-0.375), "🟢 -38%");
  EXPECT_EQ(memory_delta_cell(0.0), "🟢 +0%");
  EXPECT_EQ(memory_delta_cell(0.12), "🔴 +12%");
  EXPECT_EQ(format_percent(0.95), "95%");
  EXPECT_EQ(format_percent(1.0 - 0.05 / 3.0), "98.3%");
}

TEST(MarkdownCells, RefLabels) {
  EXPECT_EQ(ref_label("a1b2c3d4e5f67890a1b2c3d4e5f67890a1b2c3d4"), "a1b2c3d4e5f6");
  EXPECT_EQ(ref_label("a1b2c3d"), "a1b2c3d");
  EXPECT_EQ(ref_label("main"), "main");
  EXPECT_EQ(ref_label("codeflash/optimize-partition-pdf"), "codeflash/optimize-partition-pdf");
  EXPECT_EQ(ref_label("HEAD~1"), "HEAD~1");
  EXPECT_EQ(ref_label("deadbeefcafe1234"), "deadbeefcafe");  // all hex: read as a SHA
}

TEST(MarkdownRender, Header) {
  EXPECT_EQ(render_header("a1b2c3d4e5f67890a1b2c3d4e5f67890a1b2c3d4", "codeflash/op"),
            "## Benchmark: `a1b2c3d4e5f6` vs `codeflash/op`");
}

TEST(MarkdownRender, MatchesTheCodeflashExampleByteForByte) {
  EXPECT_EQ(render_comparison("a1b2c3d4e5f6", "codeflash/op", {partition_pdf_example()}), testing::kCodeflashExample);
}

TEST(MarkdownRender, NoMemoryTableWithoutMemory) {
  BenchmarkTable table = partition_pdf_example();
  table.memory.reset();
  const std::string section = render_benchmark(table);
  EXPECT_EQ(section.find("#### Memory"), std::string::npos);
  EXPECT_EQ(section.substr(section.rfind('\n') + 1),
            "| **Speedup** | **🟢 1.53x** | **🟢 1.52x** | **🟢 1.52x** | **🟢 1.52x** | |");
}

TEST(MarkdownRender, RegressionShowsRed) {
  BenchmarkTable table = partition_pdf_example();
  std::swap(table.base, table.head);
  table.memory = MemoryComparison{MemoryStats{100 * kMiB, 10}, MemoryStats{112 * kMiB, 12}};
  const std::string section = render_benchmark(table);
  EXPECT_NE(section.find("| **Speedup** | **🔴 0.66x** | **🔴 0.66x** | **🔴 0.66x** | **🔴 0.66x** | |"),
            std::string::npos);
  EXPECT_NE(section.find("| `codeflash/op` (head) | 112.0 MiB | 12 | 🔴 +12% |"), std::string::npos);
}

TEST(MarkdownRender, SeveralBenchmarksAreSeparatedByBlankLines) {
  BenchmarkTable second = partition_pdf_example();
  second.name = "test_benchmark_other";
  second.memory.reset();
  const std::string out = render_comparison("main", "HEAD", {partition_pdf_example(), second});
  EXPECT_NE(out.find("| 🟢 -38% |\n\n### test_benchmark_other\n\n| | Min |"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
}

// ---------------------------------------------------------------------------
// Decision lines

stats::PairedEstimate estimate(stats::Decision decision, double ratio, double low, double high, int pairs) {
  stats::PairedEstimate e;
  e.pairs = pairs;
  e.time_ratio = ratio;
  e.ci_low = low;
  e.ci_high = high;
  e.requested_confidence = 0.95;
  e.achieved_confidence = 0.96;
  e.p_value = 0.001;
  e.holm_p_value = 0.001;
  e.decision = decision;
  return e;
}

TEST(DecisionLine, Faster) {
  EXPECT_EQ(decision_line(estimate(stats::Decision::Faster, 1 / 1.53, 1 / 1.57, 1 / 1.49, 20)),
            "1.53x faster (95% CI 1.49–1.57x, 20 paired rounds)");
}

TEST(DecisionLine, Slower) {
  EXPECT_EQ(decision_line(estimate(stats::Decision::Slower, 1.25, 1.20, 1.31, 20)),
            "1.25x slower (95% CI 1.20–1.31x, 20 paired rounds)");
}

TEST(DecisionLine, NoSignificantChange) {
  EXPECT_EQ(decision_line(estimate(stats::Decision::NoSignificantChange, 1.0, 1 / 1.03, 1 / 0.98, 20)),
            "no significant change (0.98–1.03x, 20 paired rounds)");
}

TEST(DecisionLine, InconclusiveSaysWhy) {
  EXPECT_EQ(decision_line(estimate(stats::Decision::Inconclusive, 1.0, 1 / 1.02, 1 / 0.93, 40)),
            "inconclusive (0.93–1.02x, 40 paired rounds): the interval straddles the ±5% margin");

  stats::PairedEstimate too_few = estimate(stats::Decision::Inconclusive, 0.5, 0.45, 0.55, 5);
  too_few.achieved_confidence = 0.9375;
  EXPECT_EQ(decision_line(too_few), "inconclusive (1.82–2.22x, 5 paired rounds): too few pairs for a 95% interval");

  stats::PairedEstimate holm = estimate(stats::Decision::Inconclusive, 0.8, 0.75, 0.85, 10);
  holm.holm_p_value = 0.06;
  EXPECT_EQ(decision_line(holm),
            "inconclusive (1.18–1.33x, 10 paired rounds): faster on its own, but not after Holm's correction "
            "across benchmarks (adjusted p = 0.06)");
}

TEST(DecisionLine, ShowsThePerLookConfidence) {
  stats::PairedEstimate e = estimate(stats::Decision::Faster, 0.5, 0.48, 0.52, 10);
  e.requested_confidence = 1.0 - 0.05 / 3.0;
  e.achieved_confidence = 0.986;
  EXPECT_EQ(decision_line(e), "2.00x faster (98.3% CI 1.92–2.08x, 10 paired rounds)");
}

}  // namespace
}  // namespace prhost::compare::markdown
