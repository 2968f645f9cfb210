// What one worker pair contributes to a benchmark's interval (the study's
// protocol, scripts/study/RESULTS.md): the clock it is read on and the pair's
// value. Pure functions over recorded samples, so the rules are tested on
// numbers, not on timing.
#pragma once

#include <string_view>
#include <vector>

namespace prhost::compare {

// One side's samples of one benchmark in one generation, ns per call, in the
// order they were taken; wall_ns[i] and cpu_ns[i] are the same sample.
struct SideSamples {
  std::vector<double> wall_ns;
  std::vector<double> cpu_ns;
};

enum class SampleClock { Cpu, Wall };
std::string_view to_string(SampleClock clock);

// The worker thread's CPU time measures the code without the waiting for a
// busy core, but only the code that runs on that thread. When
// min(cpu) / min(wall) of either side lies outside [0.9, 1.1] the benchmark
// sleeps, waits on I/O or works in other threads or processes: the CPU
// clock would miss that work, so the wall clock is used.
inline constexpr double kCpuShareLow = 0.9;
inline constexpr double kCpuShareHigh = 1.1;
SampleClock clock_for(const SideSamples& base, const SideSamples& head);

// Samples per side per generation on each clock: the CPU clock's p25 of 6
// (three ABBA/BAAB blocks); the wall clock needs many more (its samples are
// quantised into scheduler time slices), 32 sample pairs.
inline constexpr int kCpuSamplePairs = 6;
inline constexpr int kWallSamplePairs = 32;
int sample_pairs_for(SampleClock clock);

// The two values whose log ratio is the pair's d. CPU clock: the p25 of each
// side, d = ln(p25 head / p25 base). Wall clock: d = the median over sample
// pairs of ln(head_i / base_i) (adjacent samples share the load moment);
// base is then the median base sample and head = base · e^d, so the values
// keep their meaning (ns per call) and their ratio is exactly e^d. Throws
// std::invalid_argument when a side has no samples or (wall) the sides
// differ in length.
struct PairValue {
  double base_ns = 0.0;
  double head_ns = 0.0;
};
PairValue pair_value(const SideSamples& base, const SideSamples& head, SampleClock clock);

}  // namespace prhost::compare
