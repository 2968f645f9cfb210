// --cross-check: the built-in engine and the real `codeflash compare` on the
// same refs, and per benchmark whether codeflash's point estimate (its median
// speedup) lies inside prhost's interval. A point outside says one of the two
// measured something the other did not (noise, a different loop, a different
// function); it is shown, never averaged away.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/codeflash_markdown_parser.hpp"
#include "compare/engine/compare_engine.hpp"

namespace prhost::compare {

struct CrossCheckRow {
  std::string name;          // display name, as both backends title sections
  double speedup_low = 0.0;  // prhost's interval, base/head
  double speedup_high = 0.0;
  std::string decision;                    // prhost's decision
  std::optional<double> codeflash_median;  // codeflash's median speedup; empty: codeflash did not report it
  [[nodiscard]] bool inside() const {
    return codeflash_median && *codeflash_median >= speedup_low && *codeflash_median <= speedup_high;
  }
};

struct CrossCheck {
  std::vector<CrossCheckRow> rows;
  std::optional<std::string> codeflash_error;  // codeflash did not produce numbers: why and what to do
};

CrossCheck cross_check(const EngineResult& result, const codeflash::ParsedComparison& parsed);

// "### Cross-check: codeflash compare" and one line per benchmark.
std::string render_cross_check(const CrossCheck& check);
nlohmann::json to_json(const CrossCheck& check);

}  // namespace prhost::compare
