#include "compare/codeflash/codeflash_regression.hpp"

#include <fmt/format.h>

namespace prhost::compare::codeflash {

std::vector<PointRegression> point_regressions(const ParsedComparison& comparison, double margin) {
  std::vector<PointRegression> found;
  for (const auto& benchmark : comparison.benchmarks) {
    // codeflash prints base/head: below 1 is slower.
    if (benchmark.speedup && benchmark.speedup->median > 0.0 && benchmark.speedup->median < 1.0 / (1.0 + margin)) {
      found.push_back({benchmark.name, fmt::format("time: {:.2f}x (median)", benchmark.speedup->median)});
    }
    if (benchmark.memory && benchmark.memory->delta_fraction && *benchmark.memory->delta_fraction > margin) {
      found.push_back(
          {benchmark.name, fmt::format("peak memory: {:+.0f}%", *benchmark.memory->delta_fraction * 100.0)});
    }
  }
  return found;
}

}  // namespace prhost::compare::codeflash
