// The engine's scheduling, stopping and bookkeeping, over a simulated
// backend with known true ratios and lognormal noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <stdexcept>

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

// The pairs layout's contract with the engine: one generation per pair, a
// fresh pair of hash seeds each, and only undecided benchmarks asked for.
class SimulatedGenerations : public MeasurementBackend {
 public:
  SimulatedGenerations(std::map<std::string, double> head_ratio, std::uint64_t seed, double noise = 0.03)
      : head_ratio_(std::move(head_ratio)), rng_(seed), noise_(0.0, noise) {}

  TimingRound timing_round(Side /*side*/, const std::map<std::string, long long>& /*iterations*/) override {
    throw std::logic_error("the pairs layout never asks for a round");
  }
  MemoryRound memory_round(Side /*side*/) override { return {}; }
  [[nodiscard]] bool measures_generations() const override { return true; }

  TimingGeneration timing_generation(const std::set<std::string>& node_ids) override {
    asked.push_back(node_ids);
    TimingGeneration generation;
    generation.first = asked.size() % 2 == 0 ? Side::Head : Side::Base;
    generation.base_hashseed = static_cast<std::uint32_t>(2 * asked.size());
    generation.head_hashseed = static_cast<std::uint32_t>(2 * asked.size() + 1);
    generation.process_seconds = 1.25;
    for (const auto& [name, ratio] : head_ratio_) {
      if (!node_ids.empty() && node_ids.count(name) == 0) continue;
      generation.base.samples.push_back(sample(name, 1.0));
      generation.head.samples.push_back(sample(name, ratio));
    }
    return generation;
  }

  std::vector<std::set<std::string>> asked;

 private:
  TimingSample sample(const std::string& name, double ratio) {
    const double value = 1e7 * ratio * std::exp(noise_(rng_));
    TimingSample out{name, value, value * 0.98, value * 1.01, 6, 3};
    out.clock = name == "sleeps" ? "wall" : "cpu";
    out.wall_ns = value * 1.3;  // the wall clock sees the waiting too
    return out;
  }
  std::map<std::string, double> head_ratio_;
  std::mt19937_64 rng_;
  std::normal_distribution<double> noise_;
};

TEST(CompareEngine, PairsLayoutAsksLaterGenerationsOnlyForWhatIsUndecided) {
  // 2x is decided at the first look; a 4% change with 5% margin is not.
  SimulatedGenerations backend({{"fast", 0.5}, {"unclear", 1.04}}, 11);
  const auto result = run_engine(backend, {.seed = 5});
  EXPECT_EQ(result.layout, "pairs");
  ASSERT_GT(result.pairs, 10) << "the unclear benchmark needs more than one look";
  ASSERT_EQ(backend.asked.size(), static_cast<std::size_t>(result.pairs));
  EXPECT_TRUE(backend.asked[0].empty()) << "the first generation runs every selected benchmark";
  for (std::size_t at = 1; at < 10; ++at) EXPECT_EQ(backend.asked[at], (std::set<std::string>{"fast", "unclear"}));
  for (std::size_t at = 10; at < backend.asked.size(); ++at) {
    EXPECT_EQ(backend.asked[at], std::set<std::string>{"unclear"}) << "generation " << at + 1;
  }
  ASSERT_EQ(result.benchmarks.size(), 2U);
  EXPECT_EQ(result.benchmarks[0].name, "fast");
  EXPECT_EQ(result.benchmarks[0].estimate.decision, stats::Decision::Faster);
  EXPECT_EQ(result.benchmarks[0].estimate.pairs, 10) << "a decided benchmark keeps the pairs it was decided on";
  EXPECT_EQ(result.benchmarks[1].estimate.pairs, result.pairs);
  EXPECT_EQ(result.hashseeds.size(), static_cast<std::size_t>(result.pairs));
  EXPECT_EQ(result.hashseeds[1], std::make_pair(std::uint32_t{4}, std::uint32_t{5}));
  EXPECT_EQ(result.schedule.size(), static_cast<std::size_t>(result.pairs)) << "one first side per generation";
  EXPECT_DOUBLE_EQ(result.process_seconds, 1.25 * result.pairs);
}

TEST(CompareEngine, PairsLayoutReportsTheClockAndTheWallRatioBesideACpuOne) {
  SimulatedGenerations backend({{"fast", 0.5}, {"sleeps", 0.5}}, 12);
  const auto result = run_engine(backend, {.seed = 6});
  ASSERT_EQ(result.benchmarks.size(), 2U);
  const auto& fast = result.benchmarks[0];
  EXPECT_EQ(fast.clock, "cpu");
  ASSERT_TRUE(fast.wall_time_ratio.has_value());
  EXPECT_NEAR(*fast.wall_time_ratio, 0.5, 0.02);
  EXPECT_EQ(fast.iterations, 3);
  const auto& sleeps = result.benchmarks[1];
  EXPECT_EQ(sleeps.clock, "wall");
  EXPECT_FALSE(sleeps.wall_time_ratio.has_value()) << "its ratio already is the wall clock's";
}

}  // namespace
}  // namespace prhost::compare
