#include "compare/engine/pair_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "compare/engine/compare_engine.hpp"

namespace prhost::compare {
namespace {

std::string joined(const std::set<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::unique_ptr<PairSource> pair_source_for(MeasurementBackend& backend, int max_pairs, std::uint64_t seed,
                                            const std::function<void(const std::string&)>& say) {
  if (backend.measures_generations()) return detail::make_generation_pairs(backend);
  return detail::make_round_pairs(backend, max_pairs, seed, say);
}

}  // namespace prhost::compare

namespace prhost::compare::detail {

std::set<std::string> names_of(const TimingRound& round) {
  std::set<std::string> names;
  for (const auto& sample : round.samples) names.insert(sample.name);
  return names;
}

void require_benchmarks(const std::set<std::string>& expected, const TimingRound& round, Side side,
                        const std::string& against) {
  const auto got = names_of(round);
  if (got == expected) return;
  std::set<std::string> missing;
  std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(),
                      std::inserter(missing, missing.begin()));
  std::set<std::string> extra;
  std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(), std::inserter(extra, extra.begin()));
  throw EngineError(fmt::format("the {} round reported a different set of benchmarks than {}{}{}",
                                stats::to_string(side), against, missing.empty() ? "" : "; missing: " + joined(missing),
                                extra.empty() ? "" : "; unexpected: " + joined(extra)));
}

}  // namespace prhost::compare::detail
