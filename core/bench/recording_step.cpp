#include "bench/bench_steps.hpp"

#include <fmt/format.h>

#include <set>

namespace prhost::bench {
namespace {

// An entry point's key: its target's, then its place among the callers.
std::string entry_key(const std::string& key, std::size_t index) { return key + ">" + std::to_string(index); }

// Test files (or, with `first`, the test functions to run first) of every
// target of one optimization, each once, best first.
std::vector<std::string> tests_for(const std::vector<const StepTarget*>& group, const AnalysisResult& analysis,
                                   bool first = false) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const auto* target : group) {
    const auto found = analysis.targets.find(target->key);
    if (found == analysis.targets.end()) continue;
    for (const auto& file : first ? found->second.record_first : found->second.record_tests) {
      if (seen.insert(file).second) files.push_back(file);
    }
  }
  return files;
}

// What the recorder watches for one target: its own calls (for a method,
// also through an instance of exactly its class, for a class its
// constructions), and for a private target the public callers that reach it.
void add_record_targets(const StepTarget& target, const AnalysisResult& analysis, RecordingRequest& request) {
  const auto& function = *target.function;
  RecordTarget own;
  own.key = target.key;
  own.file = function.file;
  own.qualname = function.qualname;
  if (function.is_class) {
    own.qualname = function.qualname + ".__init__";
    own.owner_file = function.file;
    own.owner_qualname = function.qualname;
    own.method = "__init__";
    own.constructor = true;
  } else if (const auto dot = function.qualname.rfind('.'); function.is_method && dot != std::string::npos) {
    own.owner_file = function.file;
    own.owner_qualname = function.qualname.substr(0, dot);
    own.method = function.name;
  }
  const auto own_code = own.file + ":" + own.qualname;
  request.targets.push_back(std::move(own));
  const auto found = analysis.targets.find(target.key);
  if (found == analysis.targets.end()) return;
  const auto& entries = found->second.entry_points;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto colon = entries[i].id.find(':');
    if (colon == std::string::npos || entries[i].file.empty()) continue;
    // A class's own __init__ mentions the class: it is the target's code, not a caller of it.
    if (entries[i].file + ":" + entries[i].id.substr(colon + 1) == own_code) continue;
    RecordTarget entry;
    entry.key = entry_key(target.key, i);
    entry.file = entries[i].file;
    entry.qualname = entries[i].id.substr(colon + 1);
    entry.reaches = target.key;
    request.targets.push_back(std::move(entry));
  }
}

// The target's own recorded call, else one of a public caller that reached it.
std::optional<RecordedChoice> choose_for(const StepTarget& target, const AnalysisResult& analysis,
                                         const RecordingOutcome& head, const RecordingOutcome& base, std::string& why) {
  if (auto choice = choose_recorded(target.key, head.calls, base.calls, why)) return choice;
  const auto found = analysis.targets.find(target.key);
  if (found == analysis.targets.end()) return std::nullopt;
  const auto& entries = found->second.entry_points;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string entry_why;
    if (auto choice = choose_recorded(entry_key(target.key, i), head.calls, base.calls, entry_why)) {
      choice->entry = entries[i].id;
      return choice;
    }
  }
  if (!entries.empty()) why += ", nor of a public caller that reaches it";
  return std::nullopt;
}

// At base only the tests whose calls head kept run, and only those calls
// are recorded (by test and ordinal), whatever their size and the time.
// The files are named and the other tests deselected, so a test the commit
// added is just absent at base.
RecordingRequest same_tests_at_base(RecordingRequest request, const RecordingOutcome& head) {
  std::set<std::string> files, tests;
  request.test_files.clear();
  for (const auto& call : head.calls) {
    if (tests.insert(call.test).second) request.only_tests.push_back(call.test);
    const auto file = call.test.substr(0, call.test.find("::"));
    if (files.insert(file).second) request.test_files.push_back(file);
  }
  request.first_tests.clear();
  request.only_calls = head.calls;
  request.learned = head.learned;
  request.explore = request.budget;
  return request;
}

void record_group(const BenchContext& context, RefCheckouts& refs, const std::vector<const StepTarget*>& group,
                  const AnalysisResult& analysis, Recordings& recordings) {
  const auto& optimization = *group.front()->optimization;
  RecordingRequest request;
  request.test_files = tests_for(group, analysis);
  request.first_tests = tests_for(group, analysis, true);
  request.budget = context.recording_budget;
  request.explore = context.recording_budget / 4;
  std::vector<std::string> modules;
  for (const auto* target : group) {
    add_record_targets(*target, analysis, request);
    modules.push_back(target->function->module);
  }
  const auto& pair = refs.pair(head_of(optimization), base_of(optimization), modules);
  if (context.progress) {
    context.progress(fmt::format("#{}: recording calls while {} test file(s) run at head and base", optimization.number,
                                 request.test_files.size()));
  }
  const auto head = record_calls(pair.head, request, context.run_process);
  const auto base = head.calls.empty()
                        ? RecordingOutcome{{}, {}, head.note}
                        : record_calls(pair.base, same_tests_at_base(request, head), context.run_process);
  for (const auto* target : group) {
    std::string why;
    if (auto choice = choose_for(*target, analysis, head, base, why)) {
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
