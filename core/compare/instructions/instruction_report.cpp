#include "compare/instructions/instruction_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "compare/statistics.hpp"

namespace prhost::compare::instructions {
namespace {

constexpr std::string_view kNotTime =
    "Instructions are not time: a cache miss, a page fault or a slow system call is one instruction, and work in "
    "other threads or processes is not counted. They are the metric the neighbours on a shared core cannot move.";

nlohmann::json outcome_json(const Outcome& outcome, const Comparison& comparison) {
  return {{"ratio", outcome.ratio},
          {"ci", {outcome.ci_low, std::isfinite(outcome.ci_high) ? nlohmann::json(outcome.ci_high) : nlohmann::json()}},
          {"decision", stats::to_string(outcome.decision)},
          {"verdict", verdict_text(outcome, comparison.confidence, comparison.margin)},
          {"base_per_call", outcome.base_per_call},
          {"head_per_call", outcome.head_per_call},
          {"pairs", comparison.pairs}};
}

double median_of(const std::vector<double>& values) { return stats::median(values); }

}  // namespace

std::string render_markdown(const Comparison& comparison) {
  std::string text = "\n## Instructions (not time)\n\n";
  text += fmt::format(
      "{}, {} pair(s) of runs, each pair with the same PYTHONHASHSEED on both refs (the pair's index); the "
      "instructions of one call, from {} and {} calls between markers, so start-up and collection cancel out.\n\n",
      comparison.tool, comparison.pairs, comparison.calls, 2 * comparison.calls);
  text += "| Benchmark | Base (instructions/call) | Head (instructions/call) | Head/base | Verdict |\n";
  text += "|---|---:|---:|---:|---|\n";
  for (const auto& outcome : comparison.benchmarks) {
    text += fmt::format("| `{}` | {:.0f} | {:.0f} | {:.4f}x | {} |\n", outcome.name, median_of(outcome.base_per_call),
                        median_of(outcome.head_per_call), outcome.ratio,
                        verdict_text(outcome, comparison.confidence, comparison.margin));
  }
  return text + "\n" + std::string(kNotTime) + "\n";
}

std::string render_not_measured(const std::string& reason) {
  return "\n## Instructions (not time)\n\nNot measured: " + reason + "\n";
}

void add_to_json(const Comparison& comparison, nlohmann::json& json) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& outcome : comparison.benchmarks) {
    const auto entry = outcome_json(outcome, comparison);
    auto named = entry;
    named["name"] = outcome.name;
    all.push_back(std::move(named));
    if (!json.contains("benchmarks")) continue;
    for (auto& benchmark : json["benchmarks"]) {
      if (benchmark.value("name", "") == outcome.name) benchmark["instructions"] = entry;
    }
  }
  json["instructions"] = {{"tool", comparison.tool},
                          {"pairs", comparison.pairs},
                          {"calls", comparison.calls},
                          {"confidence", comparison.confidence},
                          {"margin", comparison.margin},
                          {"note", std::string(kNotTime)},
                          {"benchmarks", all}};
}

void add_not_measured_to_json(const std::string& reason, nlohmann::json& json) {
  json["instructions"] = {{"not_measured", reason}};
}

}  // namespace prhost::compare::instructions
