// The text of each placeholder, from an optimization's evidence. Each
// function writes one section and says plainly what was not measured; none
// rounds an inconclusive result up into a speed-up.
#pragma once

#include <string>

#include "pr_body/evidence.hpp"

namespace prhost::pr_body {

// "Count words with collections.Counter": the subject without its
// `perf:`-style prefix, capitalised.
std::string mechanism_of(const OptimizationEvidence& evidence);

// "1.53x faster (98.3% CI 1.47–1.60x, 20 paired rounds)" — compare's own
// verdict, with "no speed-up is claimed" after an inconclusive one.
std::string timing_effect(const TimingEvidence& timing);
// "peak memory −42.0 MiB (62.1 MiB → 20.1 MiB, −67.6%, memray)"
std::string memory_effect(const MemoryEvidence& memory);

std::string summary_bullets(const OptimizationEvidence& evidence);
std::string technical_details(const OptimizationEvidence& evidence);
std::string compare_output(const OptimizationEvidence& evidence);
// A checklist: unit tests, each benchmark's result, the memory run and the
// evidence lines (own code, changed lines reached, same results, instructions).
std::string test_items(const OptimizationEvidence& evidence);
// prhost compare, the equivalent codeflash compare and plain pytest.
std::string reproduce(const OptimizationEvidence& evidence);
// One sentence for the changelog: the mechanism and, when measured, the effect.
std::string changelog_entry(const OptimizationEvidence& evidence);
std::string changelog_section(const ChangelogSuggestion& suggestion);

}  // namespace prhost::pr_body
