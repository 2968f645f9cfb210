// Chooses the inputs of one benchmark, in this order of preference:
//   1. an explicit hint (prhost.toml [[benchmark]], a HANDOFF.md python block);
//   2. per parameter: a mock when the annotation names an inference boundary,
//      else an input recipe for the annotation (only for libraries the
//      project can import), else the value a test of the project passes
//      (scaled up where that is safe);
//   3. otherwise the parameter is reported missing, and the generator writes
//      an explicit failure instead of a trivial input.
// Methods need an instance too, chosen the same way from the class's
// __init__ parameters or a construction found in the tests.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench/analysis.hpp"
#include "bench/hints.hpp"
#include "prhost/sdk/benchmarks.hpp"

namespace prhost::bench {

struct PlanSources {
  std::vector<sdk::InputRecipe> recipes;  // in registry order: in-house plugins load first, so theirs win
  std::vector<sdk::MockProvider> mocks;
  std::map<std::string, bool> modules;  // requires_module -> importable by the project's interpreter
};

struct InputPlan {
  std::vector<std::string> imports;
  std::string setup;
  std::string instance_expression;
  std::string call;
  std::vector<sdk::MockProvider> mocks;
  std::vector<sdk::MockPatch> patches;
  std::vector<std::string> notes;  // one per input: "text: ~1 MB of text (recipe cpu.text)"
  std::string summary;             // short, for the table: "recipe", "hint (prhost.toml)", "tests (scaled)"
  std::string missing;             // non-empty: what input is missing
};

struct PlanTarget {
  std::string module;
  std::string qualname;
  std::string name;
  const TargetAnalysis* analysis = nullptr;
};

InputPlan plan_inputs(const PlanTarget& target, const std::optional<InputHint>& hint, const PlanSources& sources);

// An annotation as the recipes spell it: quotes, `Optional[...]` and
// `| None` removed, `typing.` dropped, whitespace normalised.
std::string normalize_annotation(const std::string& annotation);

}  // namespace prhost::bench
