// Effects people wrote down before measuring — "2.1x faster" in HANDOFF.md,
// "peak memory −60%" in a commit message, before/after cells in
// results.tsv — found in the text, set beside what compare measured, and
// flagged when they lie outside the measured interval. The PR body always
// states the measured number; the claim only appears in the report.
// Patterns run with RE2: the text is the user's and may be arbitrarily long.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/results_tsv.hpp"
#include "pr_body/evidence.hpp"

namespace prhost::pr_body {

// Every claim in `text`, in order; `where` is copied into each.
std::vector<Claim> claims_in_text(std::string_view text, const std::string& where);

// The claim a results.tsv row makes through its before/after cells: times
// ("41.2ms" → "19.6ms") give a speedup, sizes ("120MiB" → "48MiB") a memory
// change; nullopt when the cells are not both times or both sizes.
std::optional<Claim> claim_from_results_row(const inventory::ResultsRow& row, const std::string& where);

// The claim against the first measured benchmark with the same metric.
ClaimCheck check_claim(const Claim& claim, const std::vector<BenchmarkMeasurement>& measured);

// `text` with the clauses that carry a claim cut off ("count_words uses
// Counter — 2.1x faster" → "count_words uses Counter"): the PR body states
// the mechanism in words and the effect only as measured.
std::string without_claims(std::string_view text);

}  // namespace prhost::pr_body
