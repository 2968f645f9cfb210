#include "prepare/compare_reading.hpp"

#include <algorithm>

namespace prhost::prepare {
namespace {

using nlohmann::json;

std::vector<double> numbers(const json& value) {
  std::vector<double> out;
  if (!value.is_array()) return out;
  for (const auto& item : value) {
    if (item.is_number()) out.push_back(item.get<double>());
  }
  return out;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

std::optional<pr_body::TimingEvidence> timing_of(const json& benchmark) {
  const auto ci = numbers(benchmark.value("ci_time_ratio", json::array()));
  if (!benchmark.contains("decision") || !benchmark.contains("time_ratio") || ci.size() != 2 || ci[0] <= 0) {
    return std::nullopt;
  }
  pr_body::TimingEvidence timing;
  timing.decision = benchmark.value("decision", "");
  timing.verdict = benchmark.value("verdict", timing.decision);
  const double ratio = benchmark.value("time_ratio", 1.0);
  timing.speedup = ratio > 0 ? 1.0 / ratio : 0.0;
  timing.speedup_low = 1.0 / ci[1];  // the time-ratio interval, turned into speedups
  timing.speedup_high = 1.0 / ci[0];
  timing.confidence = benchmark.value("confidence", 0.0);
  timing.pairs = benchmark.value("pairs", 0);
  timing.base_round_ns = numbers(benchmark.value("base", json::object()).value("round_medians_ns", json::array()));
  timing.head_round_ns = numbers(benchmark.value("head", json::object()).value("round_medians_ns", json::array()));
  return timing;
}

std::optional<pr_body::MemoryEvidence> memory_of(const json& benchmark) {
  const auto found = benchmark.find("memory");
  if (found == benchmark.end() || !found->is_object()) return std::nullopt;
  pr_body::MemoryEvidence memory;
  memory.direction = found->value("direction", "");
  memory.base_peaks = numbers(found->value("base_peak_bytes", json::array()));
  memory.head_peaks = numbers(found->value("head_peak_bytes", json::array()));
  if (memory.base_peaks.empty() || memory.head_peaks.empty() || memory.direction.empty()) return std::nullopt;
  memory.base_peak_bytes = median_of(memory.base_peaks);
  memory.head_peak_bytes = median_of(memory.head_peaks);
  memory.delta_fraction = found->value("delta_fraction", 0.0);
  memory.backend = found->value("backend", "");
  return memory;
}

std::optional<pr_body::InstructionEvidence> instructions_of(const json& benchmark) {
  const auto found = benchmark.find("instructions");
  if (found == benchmark.end() || !found->is_object() || !found->contains("ratio")) return std::nullopt;
  pr_body::InstructionEvidence instructions;
  instructions.ratio = found->value("ratio", 1.0);
  const auto ci = numbers(found->value("ci", json::array()));
  if (ci.size() == 2) {
    instructions.ratio_low = ci[0];
    instructions.ratio_high = ci[1];
  }
  instructions.verdict = found->value("verdict", "");
  return instructions;
}

// "base (a1b2c3d4e5f6): shelfscan.tokens from shelfscan/tokens.py inside its checkout".
std::vector<std::string> own_code_lines(const json& compare) {
  std::vector<std::string> lines;
  const auto found = compare.find("own_code");
  if (found == compare.end()) return lines;
  const auto add_side = [&](const std::string& side, const json& proof) {
    if (!proof.is_object()) return;
    std::string modules;
    for (const auto& module : proof.value("modules", json::array())) {
      if (!module.is_object()) continue;
      modules += (modules.empty() ? "" : ", ") + module.value("module", std::string("?")) + " from " +
                 module.value("origin", std::string("?"));
    }
    lines.push_back(side + " (" + proof.value("sha", std::string()).substr(0, 12) + "): " + modules);
  };
  if (found->is_object()) {
    for (const auto& [side, proof] : found->items()) add_side(side, proof);
  } else if (found->is_array()) {
    for (const auto& proof : *found) add_side(proof.value("side", proof.value("ref", std::string("?"))), proof);
  }
  return lines;
}

}  // namespace

pr_body::CompareEvidence read_compare(const json& compare, const std::string& markdown,
                                      const std::set<std::string>& names, const std::string& source) {
  pr_body::CompareEvidence evidence;
  evidence.measured = true;
  evidence.source = source;
  evidence.backend = compare.value("backend", "");
  evidence.base_sha = compare.value("base", json::object()).value("sha", "");
  evidence.head_sha = compare.value("head", json::object()).value("sha", "");
  evidence.python_version = compare.value("python_version", "");
  evidence.margin = compare.value("margin", 0.05);
  evidence.markdown = markdown.empty() ? compare.value("markdown", "") : markdown;
  evidence.own_code = own_code_lines(compare);
  // The built-in engine locates every benchmarked module inside its own
  // checkout before it times anything, and stops otherwise.
  evidence.own_code_enforced = evidence.backend == "builtin";
  for (const auto& benchmark : compare.value("benchmarks", json::array())) {
    const auto name = benchmark.value("name", "");
    if (!names.empty() && names.count(name) == 0) continue;
    pr_body::BenchmarkMeasurement measured;
    measured.name = name;
    measured.timing = timing_of(benchmark);
    measured.memory = memory_of(benchmark);
    measured.instructions = instructions_of(benchmark);
    evidence.benchmarks.push_back(std::move(measured));
  }
  if (evidence.benchmarks.empty()) {
    evidence.measured = false;
    evidence.missing = "the comparison reported none of this optimization's benchmarks";
  }
  return evidence;
}

pr_body::CompareEvidence failed_compare(const std::string& why) {
  pr_body::CompareEvidence evidence;
  evidence.failed = true;
  evidence.missing = why;
  return evidence;
}

pr_body::CompareEvidence missing_compare(const std::string& why) {
  pr_body::CompareEvidence evidence;
  evidence.missing = why;
  return evidence;
}

}  // namespace prhost::prepare
