#include "compare/report/compare_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace prhost::compare {
namespace {

std::string memory_line(const MemoryOutcome& memory) {
  const auto& verdict = memory.verdict;
  switch (verdict.direction) {
    case stats::MemoryDirection::Lower:
      return fmt::format("peak memory {} lower ({} → {}, every run of head below every run of base, {})",
                         markdown::format_percent(-verdict.delta_fraction), markdown::format_bytes(verdict.base_median),
                         markdown::format_bytes(verdict.head_median), memory.backend);
    case stats::MemoryDirection::Higher:
      return fmt::format("peak memory {} higher ({} → {}, every run of head above every run of base, {})",
                         markdown::format_percent(verdict.delta_fraction), markdown::format_bytes(verdict.base_median),
                         markdown::format_bytes(verdict.head_median), memory.backend);
    case stats::MemoryDirection::NoChange:
      break;
  }
  return fmt::format("peak memory: no significant change ({} → {}, {})", markdown::format_bytes(verdict.base_median),
                     markdown::format_bytes(verdict.head_median), memory.backend);
}

nlohmann::json table_speedups(const BenchmarkOutcome& outcome) {
  const auto colour = markdown::colour_for(outcome.estimate.decision);
  return {{"min", outcome.base.min_ns / outcome.head.min_ns},
          {"median", outcome.base.median_ns / outcome.head.median_ns},
          {"mean", outcome.base.mean_ns / outcome.head.mean_ns},
          {"ops", outcome.base.ops > 0 ? outcome.head.ops / outcome.base.ops : 0.0},
          {"decision", std::string(stats::to_string(outcome.estimate.decision))},
          {"colour", std::string(markdown::to_string(colour))}};
}

}  // namespace

std::string display_name(const std::string& node_id) {
  const auto separator = node_id.rfind("::");
  return separator == std::string::npos ? node_id : node_id.substr(separator + 2);
}

std::vector<std::string> verdict_lines(const BenchmarkOutcome& outcome, double margin) {
  std::vector<std::string> lines{display_name(outcome.name) + ": " + markdown::decision_line(outcome.estimate, margin)};
  if (outcome.memory) lines.push_back(display_name(outcome.name) + ": " + memory_line(*outcome.memory));
  return lines;
}

std::vector<std::string> verdict_lines(const EngineResult& result, double margin) {
  std::vector<std::string> lines;
  for (const auto& outcome : result.benchmarks) {
    const auto own = verdict_lines(outcome, margin);
    lines.insert(lines.end(), own.begin(), own.end());
  }
  return lines;
}

namespace {

// Said under the tables so nobody reads a partial comparison as a whole one.
std::string render_set_aside(const ComparisonContext& context) {
  if (context.set_aside.empty()) return "";
  std::string text = "\n**Not compared** (each fails on its own; the other benchmark files were compared):\n";
  for (const auto& file : context.set_aside) {
    text += fmt::format("- `{}` at {} ({}): {} — {}\n", file.file, file.ref, file.side, file.cause.title,
                        file.cause.detail);
  }
  return text;
}

// compare --branches: which ref ran as which temporary branch, and what was picked onto it.
nlohmann::json temporary_branches_json(const ComparisonContext& context) {
  auto out = nlohmann::json::array();
  for (const auto& branch : context.temporary_branches) {
    out.push_back({{"ref", branch.ref}, {"branch", branch.branch}, {"cherry_picked", branch.cherry_picked}});
  }
  return out;
}

nlohmann::json set_aside_json(const ComparisonContext& context) {
  auto out = nlohmann::json::array();
  for (const auto& file : context.set_aside) {
    out.push_back({{"file", file.file},
                   {"side", file.side},
                   {"ref", file.ref},
                   {"cause",
                    {{"id", file.cause.cause_id},
                     {"title", file.cause.title},
                     {"detail", file.cause.detail},
                     {"fix", file.cause.fix}}}});
  }
  return out;
}

// The layout in words, for the line under the tables.
std::string how_pairs_were_made(const EngineResult& result, std::uint64_t seed) {
  if (result.layout == "pairs") {
    return fmt::format(
        "pairs (each a fresh base and head worker, samples alternated ABBA/BAAB, p25 of the worker thread's CPU "
        "time, seed {})",
        seed);
  }
  return fmt::format("paired rounds (a pytest process per side and round, ABBA/BAAB, seed {})", seed);
}

// In the pairs layout a benchmark that does not run on its own thread is
// read on the wall clock: said, so nobody reads its interval as a CPU one.
std::string wall_clock_note(const EngineResult& result) {
  if (result.layout != "pairs") return "";
  std::vector<std::string> names;
  for (const auto& outcome : result.benchmarks) {
    if (outcome.clock == "wall") names.push_back(display_name(outcome.name));
  }
  if (names.empty()) return "";
  return fmt::format(
      " Wall clock (median of 32 sample-pair ratios) for {}: it sleeps, waits or works outside its thread, so CPU "
      "time would miss part of it.",
      fmt::join(names, ", "));
}

nlohmann::json pair_json(const BenchmarkOutcome& outcome) {
  nlohmann::json log_ratios = nlohmann::json::array();
  for (std::size_t i = 0; i < outcome.base_medians_ns.size(); ++i) {
    log_ratios.push_back(std::log(outcome.head_medians_ns[i] / outcome.base_medians_ns[i]));
  }
  return {{"clock", outcome.clock},
          {"wall_time_ratio", outcome.wall_time_ratio ? nlohmann::json(*outcome.wall_time_ratio) : nlohmann::json()},
          {"pair_log_ratios", log_ratios}};
}

// How the pairs were measured: the round schedule (process layout) or each
// generation's first side and its workers' hash seeds (pairs layout).
void add_layout_json(const EngineResult& result, nlohmann::json& out) {
  out["schedule"] = nlohmann::json::array();
  for (const auto side : result.schedule) out["schedule"].push_back(std::string(stats::to_string(side)));
  out["worker_hashseeds"] = nlohmann::json::array();
  for (const auto& [base, head] : result.hashseeds) out["worker_hashseeds"].push_back({{"base", base}, {"head", head}});
}

}  // namespace

std::string render_markdown(const ComparisonContext& context, const EngineResult& result) {
  std::vector<markdown::BenchmarkTable> tables;
  for (const auto& outcome : result.benchmarks) {
    markdown::BenchmarkTable table;
    table.name = display_name(outcome.name);
    table.base_label = context.base.name;
    table.head_label = context.head.name;
    table.base = outcome.base;
    table.head = outcome.head;
    table.colour = markdown::colour_for(outcome.estimate.decision);
    table.verdict_lines = verdict_lines(outcome, context.margin);
    // Like codeflash, show the memory table only for a real change; the
    // verdict line below always says what memory did.
    if (outcome.memory && outcome.memory->verdict.direction != stats::MemoryDirection::NoChange) {
      markdown::MemoryComparison memory;
      memory.base.peak_bytes = outcome.memory->verdict.base_median;
      memory.head.peak_bytes = outcome.memory->verdict.head_median;
      memory.base.allocations = outcome.memory->base_allocations.value_or(0);
      memory.head.allocations = outcome.memory->head_allocations.value_or(0);
      table.memory = memory;
    }
    tables.push_back(std::move(table));
  }
  std::string text = markdown::render_comparison(context.base.name, context.head.name, tables);
  text += render_set_aside(context);
  text += fmt::format(
      "\n<sub>prhost built-in engine: {} {}, {} confidence per look at {} pairs, ±{} margin, Holm across {} "
      "benchmark(s); {} vs {}.{}</sub>\n",
      result.pairs, how_pairs_were_made(result, context.seed), markdown::format_percent(result.per_look_confidence),
      fmt::join(result.looks_taken, "/"), markdown::format_percent(context.margin), result.benchmarks.size(),
      context.base.sha.substr(0, 12), context.head.sha.substr(0, 12), wall_clock_note(result));
  return text;
}

nlohmann::json to_json(const ComparisonContext& context, const EngineResult& result) {
  nlohmann::json out;
  out["backend"] = context.backend;
  out["layout"] = result.layout;
  out["base"] = {{"ref", context.base.name}, {"sha", context.base.sha}};
  out["head"] = {{"ref", context.head.name}, {"sha", context.head.sha}};
  out["interpreter"] = context.interpreter;
  out["python_version"] = context.python_version;
  out["benchmark_files"] = context.benchmark_files;
  out["injected"] = context.injected;
  out["set_aside"] = set_aside_json(context);
  out["temporary_branches"] = temporary_branches_json(context);
  out["seed"] = context.seed;
  out["margin"] = context.margin;
  out["memory"] = context.memory;
  out["timeout_seconds"] = context.timeout_seconds ? nlohmann::json(*context.timeout_seconds) : nlohmann::json();
  out["pairs"] = result.pairs;
  out["looks"] = result.looks_taken;
  out["per_look_confidence"] = result.per_look_confidence;
  out["wall_seconds"] = result.wall_seconds;
  out["process_seconds"] = result.process_seconds;
  add_layout_json(result, out);
  out["benchmarks"] = nlohmann::json::array();
  for (const auto& outcome : result.benchmarks) {
    const auto& estimate = outcome.estimate;
    nlohmann::json entry{
        {"name", display_name(outcome.name)},
        {"node_id", outcome.name},
        {"iterations", outcome.iterations},
        {"decision", std::string(stats::to_string(estimate.decision))},
        {"verdict", markdown::decision_line(estimate, context.margin)},
        {"time_ratio", estimate.time_ratio},
        // The table's ratios with the verdict beside them: a reader of the
        // JSON sees the same "coloured only when decided" rule as the markdown.
        {"table_speedups", table_speedups(outcome)},
        {"speedup", stats::speedup_from_time_ratio(estimate.time_ratio)},
        {"ci_time_ratio", {estimate.ci_low, estimate.ci_high}},
        {"confidence", estimate.requested_confidence},
        {"achieved_confidence", estimate.achieved_confidence},
        {"p_value", estimate.p_value},
        {"holm_p_value", estimate.holm_p_value},
        {"pairs", estimate.pairs},
        {"measured", pair_json(outcome)},
        {"base",
         {{"min_ns", outcome.base.min_ns},
          {"median_ns", outcome.base.median_ns},
          {"mean_ns", outcome.base.mean_ns},
          {"ops", outcome.base.ops},
          {"rounds", outcome.base.rounds},
          {"round_medians_ns", outcome.base_medians_ns}}},
        {"head",
         {{"min_ns", outcome.head.min_ns},
          {"median_ns", outcome.head.median_ns},
          {"mean_ns", outcome.head.mean_ns},
          {"ops", outcome.head.ops},
          {"rounds", outcome.head.rounds},
          {"round_medians_ns", outcome.head_medians_ns}}},
    };
    if (outcome.memory) {
      const auto& memory = *outcome.memory;
      entry["memory"] = {
          {"backend", memory.backend},
          {"direction", memory.verdict.direction == stats::MemoryDirection::Lower    ? "lower"
                        : memory.verdict.direction == stats::MemoryDirection::Higher ? "higher"
                                                                                     : "no change"},
          {"delta_fraction", memory.verdict.delta_fraction},
          {"base_peak_bytes", memory.base_peaks},
          {"head_peak_bytes", memory.head_peaks},
          {"base_rss_bytes", memory.base_rss},
          {"head_rss_bytes", memory.head_rss},
          {"base_rss_median_bytes", stats::median(memory.base_rss)},
          {"head_rss_median_bytes", stats::median(memory.head_rss)},
          {"base_allocations", memory.base_allocations ? nlohmann::json(*memory.base_allocations) : nlohmann::json()},
          {"head_allocations", memory.head_allocations ? nlohmann::json(*memory.head_allocations) : nlohmann::json()},
      };
    }
    out["benchmarks"].push_back(std::move(entry));
  }
  return out;
}

bool has_regression(const EngineResult& result) {
  for (const auto& outcome : result.benchmarks) {
    if (outcome.estimate.decision == stats::Decision::Slower) return true;
    if (outcome.memory && outcome.memory->verdict.direction == stats::MemoryDirection::Higher) return true;
  }
  return false;
}

}  // namespace prhost::compare
