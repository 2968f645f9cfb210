// The pairs layout's rules on recorded samples: the p25 pair value, the
// wall-clock fallback and its pair value, and the quantile under them.
// Numbers from scripts/study/data/worker-aa-r9.json.gz (first generation,
// test_benchmark_crunch, ns per call) and numpy.quantile for the references.
#include "compare/engine/pair_value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "compare/statistics.hpp"

namespace prhost::compare {
namespace {

const SideSamples kCrunchBase{{9991266, 10141416, 10336601, 10462524, 10320496, 10285982},
                              {9994418, 10144950, 10271178, 10436920, 10307001, 10261664}};
const SideSamples kCrunchHead{{10473329, 10280224, 10364515, 11608065, 10187740, 10396704},
                              {10440151, 10282513, 10232504, 10267687, 10166420, 10335196}};

TEST(Quantile, InterpolatesLinearlyLikeNumpy) {
  const std::vector<double> values{5, 1, 4, 2, 3, 9};
  EXPECT_DOUBLE_EQ(stats::quantile(values, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(stats::quantile(values, 0.25), 2.25);
  EXPECT_DOUBLE_EQ(stats::quantile(values, 0.5), 3.5);
  EXPECT_DOUBLE_EQ(stats::quantile(values, 0.9), 7.0);
  EXPECT_DOUBLE_EQ(stats::quantile(values, 1.0), 9.0);
  EXPECT_DOUBLE_EQ(stats::quantile({7.0}, 0.25), 7.0);
  EXPECT_THROW(stats::quantile({}, 0.25), std::invalid_argument);
  EXPECT_THROW(stats::quantile(values, 1.5), std::invalid_argument);
}

TEST(PairValue, CpuClockPairIsTheP25OfEachSide) {
  const auto value = pair_value(kCrunchBase, kCrunchHead, SampleClock::Cpu);
  EXPECT_DOUBLE_EQ(value.base_ns, 10174128.5);   // numpy.percentile(base cpu, 25)
  EXPECT_DOUBLE_EQ(value.head_ns, 10241299.75);  // numpy.percentile(head cpu, 25)
  EXPECT_NEAR(std::log(value.head_ns / value.base_ns), 0.006580463712789739, 1e-12);
}

TEST(PairValue, WallClockPairIsTheMedianOfTheSamplePairRatios) {
  const SideSamples base{{10, 12, 11, 13}, {1, 1, 1, 1}};
  const SideSamples head{{20, 23, 25, 26}, {1, 1, 1, 1}};
  const auto value = pair_value(base, head, SampleClock::Wall);
  EXPECT_DOUBLE_EQ(value.base_ns, 11.5);                                       // median base sample
  EXPECT_NEAR(std::log(value.head_ns / value.base_ns), std::log(2.0), 1e-12);  // median of ln(h_i / b_i)
}

TEST(PairValue, RefusesEmptyOrUnpairedSides) {
  EXPECT_THROW(pair_value({}, kCrunchHead, SampleClock::Cpu), std::invalid_argument);
  const SideSamples shorter{{1, 2}, {1, 2}};
  EXPECT_THROW(pair_value(shorter, kCrunchHead, SampleClock::Wall), std::invalid_argument);
}

TEST(ClockFallback, ACallThatRunsOnItsThreadIsReadOnTheCpuClock) {
  // min cpu / min wall = 1.0003 (base) and 0.9979 (head): inside [0.9, 1.1].
  EXPECT_EQ(clock_for(kCrunchBase, kCrunchHead), SampleClock::Cpu);
  EXPECT_EQ(sample_pairs_for(SampleClock::Cpu), 6);
}

TEST(ClockFallback, ACallThatSleepsIsReadOnTheWallClock) {
  // time.sleep(0.005) in the worker: 5.15 ms wall, 39 µs of CPU.
  const SideSamples sleeping{{5154209, 5134198, 5153582}, {39338, 38474, 47457}};
  EXPECT_EQ(clock_for(kCrunchBase, sleeping), SampleClock::Wall) << "one side off its thread is enough";
  EXPECT_EQ(clock_for(sleeping, sleeping), SampleClock::Wall);
  EXPECT_EQ(sample_pairs_for(SampleClock::Wall), 32);
}

TEST(ClockFallback, TheBoundsAreTenPercentEitherWay) {
  auto with_share = [](double share) { return SideSamples{{1000, 1100}, {1000 * share, 2000}}; };
  EXPECT_EQ(clock_for(with_share(0.9), with_share(1.1)), SampleClock::Cpu);
  EXPECT_EQ(clock_for(with_share(0.89), with_share(1.0)), SampleClock::Wall);
  // One thread cannot use more CPU time than wall time: a clock that says so
  // is not one to read the benchmark on.
  EXPECT_EQ(clock_for(with_share(1.0), with_share(1.11)), SampleClock::Wall);
}

}  // namespace
}  // namespace prhost::compare
