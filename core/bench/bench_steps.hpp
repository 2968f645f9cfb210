// The steps of one `prhost bench` run that need the base and head checkouts:
// recording calls of the targets, and validating a written benchmark at both
// refs (coverage of the changed lines, equivalence of the results).
// Internal to core/bench: bench_runner.cpp tells the story.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bench/analysis.hpp"
#include "bench/bench_runner.hpp"
#include "bench/recorded_inputs.hpp"
#include "bench/ref_checkouts.hpp"

namespace prhost::bench {

struct StepTarget {
  std::string key;  // the analysis key
  const inventory::Optimization* optimization = nullptr;
  const inventory::ChangedFunction* function = nullptr;
};

struct Recordings {
  std::map<std::string, RecordedChoice> chosen;  // by key
  std::map<std::string, std::string> why_not;    // by key: why no recorded call is used
};

// The optimization's head commit and its first parent.
std::string head_of(const inventory::Optimization& optimization);
std::string base_of(const inventory::Optimization& optimization);

Recordings record_targets(const BenchContext& context, RefCheckouts& refs, const std::vector<StepTarget>& targets,
                          const AnalysisResult& analysis);

// Runs the written benchmark of `row` at head and base under the probe and
// sets its status, cause, coverage and equivalence.
void validate_at_both_refs(const BenchContext& context, RefCheckouts& refs, const StepTarget& target, BenchRow& row);

}  // namespace prhost::bench
