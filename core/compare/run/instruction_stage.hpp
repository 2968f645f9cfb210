// `--metric instructions|both` on the built-in engine: after (or instead of)
// the timing rounds, count instructions at both refs in the same checkouts
// and add them to the comparison's markdown and JSON. A missing valgrind is
// an error when the user asked for the metric and a note when a domain
// policy did (the cpu domain asks whenever it compares).
#pragma once

#include "compare/run/compare_run.hpp"

namespace prhost::compare {

// metric "time": nothing. "both": a failed count becomes a note and the time
// result stands. "instructions": a failed count fails the comparison, and a
// head with more instructions is the regression --fail-on-regression sees.
void add_instruction_counts(const PreparedComparison& prepared, const CompareOptions& options,
                            const Session& session, CompareOutcome& outcome);

}  // namespace prhost::compare
