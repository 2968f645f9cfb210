// The engine's scheduling, stopping and bookkeeping, over a simulated
// backend with known true ratios and lognormal noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "compare/engine/compare_engine.hpp"

namespace prhost::compare {
namespace {

class SimulatedBackend : public MeasurementBackend {
 public:
  SimulatedBackend(std::map<std::string, double> head_ratio, std::uint64_t seed, double noise = 0.03)
      : head_ratio_(std::move(head_ratio)), rng_(seed), noise_(0.0, noise) {}

  TimingRound timing_round(Side side, const std::map<std::string, long long>& iterations) override {
    calls.push_back({side, iterations});
    TimingRound round;
    round.process_seconds = 0.5;
    for (const auto& [name, ratio] : head_ratio_) {
      if (side == Side::Head && name == fail_on_head) continue;
      const double truth = 1e6 * (side == Side::Head ? ratio : 1.0);
      const double value = truth * std::exp(noise_(rng_));
      round.samples.push_back(
          {name, value, value * 0.95, value * 1.02, 5, iterations.empty() ? 37 : iterations.at(name)});
    }
    return round;
  }

  MemoryRound memory_round(Side side) override {
    MemoryRound round;
    for (const auto& [name, ratio] : head_ratio_) {
      const double peak = side == Side::Head ? head_peak : base_peak;
      round.samples.push_back({name, peak + memory_jitter_(rng_), 1000, peak + 20e6, "memray"});
    }
    return round;
  }

  struct Call {
    Side side;
    std::map<std::string, long long> iterations;
  };
  std::vector<Call> calls;
  std::string fail_on_head;
  double base_peak = 120.0 * 1024 * 1024;
  double head_peak = 70.0 * 1024 * 1024;

 private:
  std::map<std::string, double> head_ratio_;
  std::mt19937_64 rng_;
  std::normal_distribution<double> noise_;
  std::uniform_real_distribution<double> memory_jitter_{0.0, 4096.0};
};

TEST(CompareEngine, TwoTimesFasterIsDecidedAtTheFirstLook) {
  SimulatedBackend backend({{"test_benchmark_fast", 0.5}}, 1);
  const auto result = run_engine(backend, {.seed = 7});
  ASSERT_EQ(result.benchmarks.size(), 1U);
  EXPECT_EQ(result.benchmarks[0].estimate.decision, stats::Decision::Faster);
  EXPECT_EQ(result.pairs, 10);
  EXPECT_NEAR(result.benchmarks[0].estimate.time_ratio, 0.5, 0.03);
  EXPECT_EQ(result.looks_taken, std::vector<int>{10});
}

TEST(CompareEngine, CalibratesOnceAndReusesTheLoopCountForBothSides) {
  SimulatedBackend backend({{"a", 1.0}, {"b", 0.5}}, 2);
  run_engine(backend, {.seed = 3});
  ASSERT_GE(backend.calls.size(), 3U);
  EXPECT_TRUE(backend.calls[0].iterations.empty()) << "first round calibrates";
  EXPECT_EQ(backend.calls[0].side, Side::Base);
  for (std::size_t i = 1; i < backend.calls.size(); ++i) {
    EXPECT_EQ(backend.calls[i].iterations.at("a"), 37);
    EXPECT_EQ(backend.calls[i].iterations.at("b"), 37);
  }
}

TEST(CompareEngine, EveryPairHasOneBaseAndOneHeadRoundAndTheSeedFixesTheOrder) {
  SimulatedBackend first({{"a", 1.0}}, 4);
  SimulatedBackend second({{"a", 1.0}}, 5);
  const auto one = run_engine(first, {.seed = 99});
  const auto two = run_engine(second, {.seed = 99});
  // Both may stop at different looks; the rounds they share are identical.
  const auto shared = static_cast<std::ptrdiff_t>(std::min(one.schedule.size(), two.schedule.size()));
  EXPECT_TRUE(std::equal(one.schedule.begin(), one.schedule.begin() + shared, two.schedule.begin()));
  for (std::size_t pair = 0; pair * 2 < one.schedule.size(); ++pair) {
    EXPECT_NE(one.schedule[2 * pair], one.schedule[2 * pair + 1]);
  }
}

TEST(CompareEngine, AnUnclearChangeRunsToTheLastLook) {
  // 4% slower with 3% noise: inside the ±5% margin but not clearly, so the
  // engine keeps measuring rather than stopping at 10 pairs.
  SimulatedBackend backend({{"a", 1.04}}, 6, 0.06);
  const auto result = run_engine(backend, {.seed = 11});
  EXPECT_GT(result.pairs, 10);
  EXPECT_NE(result.benchmarks[0].estimate.decision, stats::Decision::Faster);
}

TEST(CompareEngine, ABenchmarkMissingOnOneSideIsAnErrorNamingIt) {
  SimulatedBackend backend({{"test_benchmark_ok", 1.0}, {"test_benchmark_broken", 1.0}}, 7);
  backend.fail_on_head = "test_benchmark_broken";
  try {
    run_engine(backend, {.seed = 1});
    FAIL() << "expected EngineError";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("missing: test_benchmark_broken"), std::string::npos) << error.what();
  }
}

TEST(CompareEngine, MemoryRunsAreInterleavedAndAFiftyMebibyteDropIsReported) {
  SimulatedBackend backend({{"a", 1.0}}, 8);
  const auto result = run_engine(backend, {.seed = 2, .memory = true, .memory_runs = 3});
  ASSERT_TRUE(result.benchmarks[0].memory);
  const auto& memory = *result.benchmarks[0].memory;
  EXPECT_EQ(memory.base_peaks.size(), 3U);
  EXPECT_EQ(memory.head_peaks.size(), 3U);
  EXPECT_EQ(memory.verdict.direction, stats::MemoryDirection::Lower);
  EXPECT_NEAR(memory.verdict.base_median - memory.verdict.head_median, 50.0 * 1024 * 1024, 8192);
  EXPECT_EQ(memory.base_allocations, 1000);
}

TEST(CompareEngine, SummaryStatisticsAggregateAllPairedRounds) {
  SimulatedBackend backend({{"a", 0.5}}, 9);
  const auto result = run_engine(backend, {.seed = 4});
  const auto& outcome = result.benchmarks[0];
  EXPECT_EQ(outcome.base_medians_ns.size(), static_cast<std::size_t>(result.pairs));
  EXPECT_EQ(outcome.base.rounds, 5 * result.pairs);
  EXPECT_NEAR(outcome.base.median_ns / outcome.head.median_ns, 2.0, 0.15);
  EXPECT_NEAR(outcome.head.ops, 1e9 / outcome.head.mean_ns, 1e-6);
  EXPECT_DOUBLE_EQ(result.process_seconds, 0.5 * static_cast<double>(2 + 2 * result.pairs));
}

}  // namespace
}  // namespace prhost::compare
