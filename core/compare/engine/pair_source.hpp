// Where the engine's pairs come from: the two process layouts behind one
// interface, so the engine's looks, statistics and stopping stay in one place
// (compare_engine.cpp) whichever layout measured.
//
// * RoundPairs — one fresh pytest process per side per round, ABBA/BAAB over
//   rounds from the seed; calibrates the loop counts in a first base round and
//   discards a warm-up round on head. Every pair measures every benchmark.
// * GenerationPairs — the backend's generations (a fresh worker per side per
//   pair, ABBA/BAAB over samples inside it); a benchmark the engine has
//   decided is left out of later generations, so they cost only what is
//   still undecided.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "compare/engine/measurement_backend.hpp"

namespace prhost::compare {

struct MeasuredPair {
  TimingRound base;
  TimingRound head;
  std::vector<Side> order;  // the rounds (or the generation's first side) in the order they ran
  double process_seconds = 0.0;
  // Generations only: the two workers' PYTHONHASHSEEDs.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> hashseeds;
};

class PairSource {
 public:
  virtual ~PairSource() = default;
  // Pair `index` (0-based). The first pair reports every benchmark; later
  // ones at least `undecided` (RoundPairs: all of them, always). Throws
  // EngineError when a side reports other benchmarks than asked for.
  virtual MeasuredPair next_pair(int index, const std::set<std::string>& undecided) = 0;
  // Loop count per benchmark, known after the first pair.
  [[nodiscard]] virtual const std::map<std::string, long long>& iterations() const = 0;
  // "process" or "pairs", as the output names the layout.
  [[nodiscard]] virtual std::string layout() const = 0;
};

// The source that fits `backend`: generations when it measures them.
std::unique_ptr<PairSource> pair_source_for(MeasurementBackend& backend, int max_pairs, std::uint64_t seed,
                                            const std::function<void(const std::string&)>& say);

}  // namespace prhost::compare

namespace prhost::compare::detail {

std::unique_ptr<PairSource> make_round_pairs(MeasurementBackend& backend, int max_pairs, std::uint64_t seed,
                                             const std::function<void(const std::string&)>& say);
std::unique_ptr<PairSource> make_generation_pairs(MeasurementBackend& backend);

std::set<std::string> names_of(const TimingRound& round);

// Throws EngineError unless `round` reports exactly `expected`: a benchmark
// missing on one side would otherwise be paired with nothing and silently
// bias the result. `against` names what set the expectation.
void require_benchmarks(const std::set<std::string>& expected, const TimingRound& round, Side side,
                        const std::string& against);

}  // namespace prhost::compare::detail
