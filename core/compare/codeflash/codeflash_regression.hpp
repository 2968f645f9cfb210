// `--fail-on-regression` on codeflash's own results. codeflash makes no
// significance test, so its gate can only read the point estimates: a
// benchmark whose median time grew by more than the margin (speedup below
// 1/(1+margin)), or whose peak memory grew by more than the margin, is a
// regression. The built-in engine's gate reads its intervals instead
// (compare_report.hpp); the margin means the same on both.
#pragma once

#include <string>
#include <vector>

#include "compare/codeflash_markdown_parser.hpp"

namespace prhost::compare::codeflash {

struct PointRegression {
  std::string benchmark;
  std::string what;  // "time: 0.37x (median)", "peak memory: +40%"
};

// `margin` is a fraction (0.05 for ±5%).
std::vector<PointRegression> point_regressions(const ParsedComparison& comparison, double margin);

}  // namespace prhost::compare::codeflash
