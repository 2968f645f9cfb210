// The sample-level layout's pairs: one backend generation per pair, asked
// only for the benchmarks still undecided (pair_source.hpp).
#include "compare/engine/compare_engine.hpp"
#include "compare/engine/pair_source.hpp"

namespace prhost::compare::detail {
namespace {

class GenerationPairs : public PairSource {
 public:
  explicit GenerationPairs(MeasurementBackend& backend) : backend_(backend) {}

  MeasuredPair next_pair(int index, const std::set<std::string>& undecided) override {
    const std::set<std::string> asked = index == 0 ? std::set<std::string>{} : undecided;
    TimingGeneration generation = backend_.timing_generation(asked);
    if (index == 0 && generation.base.samples.empty()) {
      throw EngineError("no benchmark ran in the first generation: nothing to compare");
    }
    const auto expected = index == 0 ? names_of(generation.base) : asked;
    require_benchmarks(expected, generation.base, Side::Base, "asked for");
    require_benchmarks(expected, generation.head, Side::Head, "asked for");
    for (const auto& sample : generation.base.samples) iterations_[sample.name] = sample.iterations;

    MeasuredPair pair;
    pair.process_seconds = generation.process_seconds;
    pair.order = {generation.first};
    pair.hashseeds = std::make_pair(generation.base_hashseed, generation.head_hashseed);
    pair.base = std::move(generation.base);
    pair.head = std::move(generation.head);
    return pair;
  }

  [[nodiscard]] const std::map<std::string, long long>& iterations() const override { return iterations_; }
  [[nodiscard]] std::string layout() const override { return "pairs"; }

 private:
  MeasurementBackend& backend_;
  std::map<std::string, long long> iterations_;
};

}  // namespace

std::unique_ptr<PairSource> make_generation_pairs(MeasurementBackend& backend) {
  return std::make_unique<GenerationPairs>(backend);
}

}  // namespace prhost::compare::detail
