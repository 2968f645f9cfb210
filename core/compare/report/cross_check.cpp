#include "compare/report/cross_check.hpp"

#include <fmt/format.h>

#include "compare/report/compare_report.hpp"

namespace prhost::compare {
namespace {

std::optional<double> codeflash_median_of(const codeflash::ParsedComparison& parsed, const std::string& name) {
  for (const auto& benchmark : parsed.benchmarks) {
    if (benchmark.name == name && benchmark.speedup) return benchmark.speedup->median;
  }
  return std::nullopt;
}

std::string row_line(const CrossCheckRow& row) {
  const auto interval = fmt::format("prhost {:.2f}–{:.2f}x ({})", row.speedup_low, row.speedup_high, row.decision);
  if (!row.codeflash_median) return fmt::format("- {}: {}; codeflash reported no speedup for it", row.name, interval);
  return fmt::format("- {}: codeflash median {:.2f}x is {} {}", row.name, *row.codeflash_median,
                     row.inside() ? "inside" : "**outside**", interval);
}

}  // namespace

CrossCheck cross_check(const EngineResult& result, const codeflash::ParsedComparison& parsed) {
  CrossCheck check;
  for (const auto& outcome : result.benchmarks) {
    CrossCheckRow row;
    row.name = display_name(outcome.name);
    // Speedup orientation (base/head): the time-ratio bounds swap and invert.
    row.speedup_low = stats::speedup_from_time_ratio(outcome.estimate.ci_high);
    row.speedup_high = stats::speedup_from_time_ratio(outcome.estimate.ci_low);
    row.decision = std::string(stats::to_string(outcome.estimate.decision));
    row.codeflash_median = codeflash_median_of(parsed, row.name);
    check.rows.push_back(std::move(row));
  }
  return check;
}

std::string render_cross_check(const CrossCheck& check) {
  std::string text = "\n### Cross-check: codeflash compare\n\n";
  if (check.codeflash_error) return text + "codeflash produced no numbers: " + *check.codeflash_error + "\n";
  for (const auto& row : check.rows) text += row_line(row) + "\n";
  text +=
      "\n<sub>codeflash reports point estimates without an interval; \"inside\" means its median speedup is "
      "consistent with prhost's interval, not that either is right.</sub>\n";
  return text;
}

nlohmann::json to_json(const CrossCheck& check) {
  nlohmann::json out;
  out["codeflash_error"] = check.codeflash_error ? nlohmann::json(*check.codeflash_error) : nlohmann::json();
  out["benchmarks"] = nlohmann::json::array();
  for (const auto& row : check.rows) {
    out["benchmarks"].push_back({
        {"name", row.name},
        {"prhost_speedup_interval", {row.speedup_low, row.speedup_high}},
        {"prhost_decision", row.decision},
        {"codeflash_median_speedup", row.codeflash_median ? nlohmann::json(*row.codeflash_median) : nlohmann::json()},
        {"inside", row.codeflash_median ? nlohmann::json(row.inside()) : nlohmann::json()},
    });
  }
  return out;
}

}  // namespace prhost::compare
