#include "bench/bench_steps.hpp"

#include <fmt/format.h>

#include <set>

namespace prhost::bench {
namespace {

// Test files of every target of one optimization, each once, best first.
std::vector<std::string> tests_for(const std::vector<const StepTarget*>& group, const AnalysisResult& analysis) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const auto* target : group) {
    const auto found = analysis.targets.find(target->key);
    if (found == analysis.targets.end()) continue;
    for (const auto& file : found->second.record_tests) {
      if (seen.insert(file).second) files.push_back(file);
    }
  }
  return files;
}

void record_group(const BenchContext& context, RefCheckouts& refs, const std::vector<const StepTarget*>& group,
                  const AnalysisResult& analysis, Recordings& recordings) {
  const auto& optimization = *group.front()->optimization;
  RecordingRequest request;
  request.test_files = tests_for(group, analysis);
  request.budget = context.recording_budget;
  std::vector<std::string> modules;
  for (const auto* target : group) {
    request.targets.push_back({target->key, target->function->file, target->function->qualname});
    modules.push_back(target->function->module);
  }
  const auto& pair = refs.pair(head_of(optimization), base_of(optimization), modules);
  if (context.progress) {
    context.progress(fmt::format("#{}: recording calls while {} test file(s) run at head and base",
                                 optimization.number, request.test_files.size()));
  }
  const auto head = record_calls(pair.head, request, context.run_process);
  const auto base = head.calls.empty() ? RecordingOutcome{{}, head.note}
                                       : record_calls(pair.base, request, context.run_process);
  for (const auto* target : group) {
    std::string why;
    if (auto choice = choose_recorded(target->key, head.calls, base.calls, why)) {
      choice->head_sha = pair.head.sha;
      choice->base_sha = pair.base.sha;
      recordings.chosen.emplace(target->key, std::move(*choice));
    } else {
      const auto& note = head.calls.empty() ? head.note : base.calls.empty() ? base.note : std::string();
      recordings.why_not[target->key] = note.empty() ? why : why + " (" + note + ")";
    }
  }
}

}  // namespace

std::string head_of(const inventory::Optimization& optimization) { return optimization.commit.sha; }

std::string base_of(const inventory::Optimization& optimization) {
  return optimization.commit.parents.empty() ? std::string() : optimization.commit.parents.front();
}

Recordings record_targets(const BenchContext& context, RefCheckouts& refs, const std::vector<StepTarget>& targets,
                          const AnalysisResult& analysis) {
  Recordings recordings;
  std::map<int, std::vector<const StepTarget*>> groups;  // by optimization number: one test run per ref
  for (const auto& target : targets) groups[target.optimization->number].push_back(&target);
  for (const auto& [number, group] : groups) record_group(context, refs, group, analysis, recordings);
  return recordings;
}

}  // namespace prhost::bench
