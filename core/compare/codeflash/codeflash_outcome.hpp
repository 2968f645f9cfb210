// codeflash compare's own "nothing to compare" outcomes. They are not pytest
// failures: codeflash only times functions changed between the two refs (and
// only top-level ones), so an A/A comparison or a change inside a method ends
// with "No changed Python functions found" / "No benchmark data collected".
// pytest's failure table would blame the benchmarks; these rows name the
// real cause and the fix.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pytest/failure_causes.hpp"

namespace prhost::compare::codeflash {

inline constexpr std::string_view kNoChangedFunctions = "codeflash_no_changed_functions";
inline constexpr std::string_view kNoBenchmarkData = "codeflash_no_benchmark_data";

// The cause for codeflash's own outcome in its output, nullopt when the output
// shows neither (then pytest::classify_failure applies).
std::optional<pytest::FailureCause> classify_codeflash_outcome(std::string_view out, std::string_view err);

}  // namespace prhost::compare::codeflash
