// A/A calibration (`prhost calibrate`): the engine compares a ref against
// itself in two checkouts, many times. Any "faster"/"slower" verdict is a
// false positive by construction, so the counts measure the engine's own
// false-positive rate on this machine, and the spread of the A/A ratios is
// the noise floor below which no change can be claimed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/engine/compare_engine.hpp"

namespace prhost::compare {

// One-sided upper confidence bound of a binomial proportion (Clopper–Pearson):
// the largest p for which seeing at most `successes` in `trials` still has
// probability >= 1 - confidence. For 0 of n at 95% this is 1 - 0.05^(1/n).
double binomial_upper_bound(int successes, int trials, double confidence = 0.95);

struct BenchmarkCalibration {
  std::string name;  // pytest node id
  int comparisons = 0;
  int false_positives = 0;  // "faster" or "slower" verdicts in A/A
  int no_change = 0;
  int inconclusive = 0;
  double false_positive_rate = 0.0;
  double false_positive_upper95 = 0.0;
  // Median |ln(head/base)| over every paired round, as a percentage: the
  // round-to-round noise of this benchmark on this machine.
  double round_noise_percent = 0.0;
  // The widest A/A interval seen, as ±percent around 1: changes smaller than
  // this cannot be told from noise at the pairs the engine ran.
  double noise_floor_percent = 0.0;
};

struct CalibrationSummary {
  std::string ref;
  std::string sha;
  int runs = 0;
  std::vector<std::uint64_t> seeds;
  std::vector<BenchmarkCalibration> benchmarks;
  int comparisons = 0;  // benchmarks x runs
  int false_positives = 0;
  double false_positive_rate = 0.0;
  double false_positive_upper95 = 0.0;
};

CalibrationSummary summarize_calibration(const std::string& ref, const std::string& sha,
                                         const std::vector<std::uint64_t>& seeds,
                                         const std::vector<EngineResult>& runs);

nlohmann::json to_json(const CalibrationSummary& summary);
std::string render_calibration(const CalibrationSummary& summary);

// Where calibrations are kept for reuse: .codeflash/prhost-calibration.json.
std::filesystem::path calibration_file(const std::filesystem::path& project_root);

}  // namespace prhost::compare
