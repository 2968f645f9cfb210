// The process layout's pairs: a calibration round, a warm-up round, then two
// rounds per pair in the seeded ABBA/BAAB schedule (pair_source.hpp).
#include <algorithm>

#include "compare/engine/compare_engine.hpp"
#include "compare/engine/pair_source.hpp"

namespace prhost::compare::detail {
namespace {

class RoundPairs : public PairSource {
 public:
  RoundPairs(MeasurementBackend& backend, int max_pairs, std::uint64_t seed,
             std::function<void(const std::string&)> say)
      : backend_(backend), schedule_(stats::interleaved_schedule(max_pairs, seed)), say_(std::move(say)) {}

  MeasuredPair next_pair(int index, const std::set<std::string>& /*undecided: every round runs all*/) override {
    MeasuredPair pair;
    if (index == 0) pair.process_seconds += calibrate_and_warm_up();
    for (int slot = 0; slot < 2; ++slot) {
      const Side side = schedule_.at((2 * static_cast<std::size_t>(index)) + static_cast<std::size_t>(slot));
      TimingRound round = backend_.timing_round(side, iterations_);
      pair.process_seconds += round.process_seconds;
      require_benchmarks(expected_, round, side, "calibration");
      pair.order.push_back(side);
      (side == Side::Base ? pair.base : pair.head) = std::move(round);
    }
    return pair;
  }

  [[nodiscard]] const std::map<std::string, long long>& iterations() const override { return iterations_; }
  [[nodiscard]] std::string layout() const override { return "process"; }

 private:
  // Calibrate the loop count once, on base, and reuse it for every round of
  // both sides: a different loop count per side would measure different
  // amounts of loop overhead. The calibration round itself is discarded, and
  // so is a warm-up round on head (first-run effects: imports, page cache).
  double calibrate_and_warm_up() {
    if (say_) say_("calibrating loop counts (base)");
    const TimingRound calibration = backend_.timing_round(Side::Base, {});
    if (calibration.samples.empty()) {
      throw EngineError("no benchmark ran in the calibration round: nothing to compare");
    }
    for (const auto& sample : calibration.samples) {
      iterations_[sample.name] = std::max<long long>(1, sample.iterations);
    }
    expected_ = names_of(calibration);
    if (say_) say_("warm-up round (head)");
    const TimingRound warm_up = backend_.timing_round(Side::Head, iterations_);
    require_benchmarks(expected_, warm_up, Side::Head, "calibration");
    return calibration.process_seconds + warm_up.process_seconds;
  }

  MeasurementBackend& backend_;
  std::vector<Side> schedule_;
  std::function<void(const std::string&)> say_;
  std::map<std::string, long long> iterations_;
  std::set<std::string> expected_;
};

}  // namespace

std::unique_ptr<PairSource> make_round_pairs(MeasurementBackend& backend, int max_pairs, std::uint64_t seed,
                                             const std::function<void(const std::string&)>& say) {
  return std::make_unique<RoundPairs>(backend, max_pairs, seed, say);
}

}  // namespace prhost::compare::detail
