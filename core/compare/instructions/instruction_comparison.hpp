// Instruction counts of base and head, the noise-free second metric beside
// time (issue 9, item 4): each pair is one valgrind run per ref, both with the
// same PYTHONHASHSEED (the pair's index, so a pair is reproducible and the
// pairs together cover hash-seed luck). The ratio is exp(mean ln(head/base))
// with a Student-t interval across pairs: counts are close to deterministic,
// so the interval says how much the hash seed and address layout move them.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compare/statistics.hpp"
#include "prhost/sdk/host_services.hpp"
#include "pytest/pytest_target.hpp"

namespace prhost::compare::instructions {

// A smaller change than time's 5% is real here: the counts barely move.
inline constexpr double kDefaultMargin = 0.005;
inline constexpr int kDefaultPairs = 3;
inline constexpr int kDefaultCalls = 2;

struct Options {
  int pairs = kDefaultPairs;
  int calls = kDefaultCalls;  // K: the segments make K and 2K calls
  double confidence = stats::kDefaultConfidence;
  double margin = kDefaultMargin;
  std::function<void(const std::string&)> progress;
};

struct Outcome {
  std::string name;
  std::vector<double> base_per_call;  // instructions of one call, one per pair
  std::vector<double> head_per_call;
  double ratio = 1.0;  // head / base
  double ci_low = 1.0;
  double ci_high = 1.0;
  stats::Decision decision = stats::Decision::Inconclusive;
};

struct Comparison {
  std::vector<Outcome> benchmarks;
  std::string tool;  // e.g. "valgrind-3.19.0 (callgrind)"
  int pairs = 0;
  int calls = 0;
  double confidence = 0.0;
  double margin = 0.0;
};

// The valgrind on PATH, if any.
std::optional<std::filesystem::path> find_valgrind(const sdk::HostServices& services);

// Runs `options.pairs` pairs; throws compare::MeasurementFailed when a run fails.
Comparison compare_instructions(const pytest::PytestTarget& base, const pytest::PytestTarget& head,
                                const std::filesystem::path& valgrind, const Options& options,
                                sdk::HostServices& services);

// The estimate of one benchmark from its per-pair counts (pure; tested alone).
Outcome estimate(std::string name, std::vector<double> base_per_call, std::vector<double> head_per_call,
                 double confidence, double margin);

// "0.712x instructions per call (95% CI 0.711–0.713x): fewer instructions"
std::string verdict_text(const Outcome& outcome, double confidence, double margin);

}  // namespace prhost::compare::instructions
