#include "prepare/compare_reading.hpp"

#include <gtest/gtest.h>

namespace prhost::prepare {
namespace {

// The shape `prhost compare --json` prints (core/compare/report/compare_report.cpp).
nlohmann::json recorded_compare() {
  return nlohmann::json::parse(R"JSON({
    "backend": "builtin", "base": {"ref": "a", "sha": "aaaa"}, "head": {"ref": "b", "sha": "bbbb"},
    "python_version": "3.11.7", "margin": 0.05,
    "benchmarks": [
      {"name": "test_benchmark_count_words", "decision": "faster",
       "verdict": "1.53x faster (98.3% CI 1.47–1.60x, 20 paired rounds)",
       "time_ratio": 0.6536, "ci_time_ratio": [0.625, 0.6803], "confidence": 0.983, "pairs": 20,
       "base": {"round_medians_ns": [41000000, 42000000]}, "head": {"round_medians_ns": [27000000, 27500000]}},
      {"name": "test_benchmark_render", "decision": "no significant change", "verdict": "no significant change",
       "time_ratio": 1.0, "ci_time_ratio": [0.98, 1.02], "confidence": 0.983, "pairs": 10,
       "base": {}, "head": {},
       "memory": {"backend": "memray", "direction": "lower", "delta_fraction": -0.676,
                  "base_peak_bytes": [65000000, 65100000, 64900000],
                  "head_peak_bytes": [21000000, 21100000, 20900000]}}
    ]})JSON");
}

TEST(CompareReading, ReadsVerdictIntervalOnTheSpeedupScaleAndRounds) {
  const auto evidence = read_compare(recorded_compare(), "## tables", {"test_benchmark_count_words"}, "measured now");
  ASSERT_TRUE(evidence.measured);
  ASSERT_EQ(evidence.benchmarks.size(), 1U);
  const auto& timing = *evidence.benchmarks[0].timing;
  EXPECT_EQ(timing.decision, "faster");
  EXPECT_NEAR(timing.speedup, 1.53, 0.01);
  EXPECT_NEAR(timing.speedup_low, 1.47, 0.01);
  EXPECT_NEAR(timing.speedup_high, 1.60, 0.01);
  EXPECT_EQ(timing.base_round_ns.size(), 2U);
  EXPECT_FALSE(evidence.benchmarks[0].memory);
  EXPECT_FALSE(evidence.benchmarks[0].instructions) << "not measured stays absent";
  EXPECT_TRUE(evidence.own_code_enforced);
  EXPECT_EQ(evidence.markdown, "## tables");
}

TEST(CompareReading, MemoryRunsGiveMediansAndTheDirection) {
  const auto evidence = read_compare(recorded_compare(), "", {"test_benchmark_render"}, "x");
  const auto& memory = *evidence.benchmarks[0].memory;
  EXPECT_EQ(memory.direction, "lower");
  EXPECT_DOUBLE_EQ(memory.base_peak_bytes, 65000000);
  EXPECT_DOUBLE_EQ(memory.head_peak_bytes, 21000000);
  EXPECT_EQ(memory.backend, "memray");
}

TEST(CompareReading, OwnCodeProofAndInstructionsAreReadWhenCompareRecordsThem) {
  auto json = recorded_compare();
  json["own_code"] = {{"base", {{"sha", "aaaa"}, {"modules", {{{"module", "pkg.x"}, {"origin", "pkg/x.py"}}}}}}};
  json["benchmarks"][0]["instructions"] = {{"ratio", 0.71}, {"ci", {0.70, 0.72}}, {"verdict", "0.71x instructions"}};
  const auto evidence = read_compare(json, "", {}, "x");
  ASSERT_EQ(evidence.own_code.size(), 1U);
  EXPECT_EQ(evidence.own_code[0], "base (aaaa): pkg.x from pkg/x.py");
  ASSERT_TRUE(evidence.benchmarks[0].instructions);
  EXPECT_DOUBLE_EQ(evidence.benchmarks[0].instructions->ratio, 0.71);
}

TEST(CompareReading, NoneOfTheOptimizationsBenchmarksIsNotAMeasurement) {
  const auto evidence = read_compare(recorded_compare(), "", {"test_benchmark_other"}, "x");
  EXPECT_FALSE(evidence.measured);
  EXPECT_FALSE(evidence.missing.empty());
}

TEST(CompareReading, AFieldMissingFromTheJsonIsNotInventedAsANumber) {
  auto json = recorded_compare();
  json["benchmarks"][0].erase("ci_time_ratio");
  const auto evidence = read_compare(json, "", {"test_benchmark_count_words"}, "x");
  EXPECT_FALSE(evidence.benchmarks[0].timing);
}

}  // namespace
}  // namespace prhost::prepare
