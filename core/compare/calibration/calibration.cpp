#include "compare/calibration/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "compare/markdown.hpp"
#include "compare/report/compare_report.hpp"

namespace prhost::compare {
namespace {

// log C(n, k) + k log p + (n-k) log(1-p), summed for k <= x.
double binomial_cdf(int x, int n, double p) {
  if (p <= 0.0) return 1.0;
  if (p >= 1.0) return x >= n ? 1.0 : 0.0;
  double total = 0.0;
  for (int k = 0; k <= x; ++k) {
    const double log_term = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                            (n - k) * std::log1p(-p);
    total += std::exp(log_term);
  }
  return std::min(1.0, total);
}

}  // namespace

double binomial_upper_bound(int successes, int trials, double confidence) {
  if (trials <= 0) return 1.0;
  if (successes >= trials) return 1.0;
  // binomial_cdf is decreasing in p: bisect for cdf(p) = 1 - confidence.
  const double alpha = 1.0 - confidence;
  double low = static_cast<double>(successes) / trials;
  double high = 1.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = (low + high) / 2.0;
    (binomial_cdf(successes, trials, mid) > alpha ? low : high) = mid;
  }
  return high;
}

CalibrationSummary summarize_calibration(const std::string& ref, const std::string& sha,
                                         const std::vector<std::uint64_t>& seeds,
                                         const std::vector<EngineResult>& runs) {
  CalibrationSummary summary;
  summary.ref = ref;
  summary.sha = sha;
  summary.runs = static_cast<int>(runs.size());
  summary.seeds = seeds;
  std::map<std::string, BenchmarkCalibration> by_name;
  std::map<std::string, std::vector<double>> abs_log_ratios;
  for (const auto& run : runs) {
    for (const auto& outcome : run.benchmarks) {
      auto& entry = by_name[outcome.name];
      entry.name = outcome.name;
      ++entry.comparisons;
      switch (outcome.estimate.decision) {
        case stats::Decision::Faster:
        case stats::Decision::Slower:
          ++entry.false_positives;
          break;
        case stats::Decision::NoSignificantChange:
          ++entry.no_change;
          break;
        case stats::Decision::Inconclusive:
          ++entry.inconclusive;
          break;
      }
      const double half_width = std::max(1.0 - outcome.estimate.ci_low, outcome.estimate.ci_high - 1.0) * 100.0;
      entry.noise_floor_percent = std::max(entry.noise_floor_percent, half_width);
      for (std::size_t i = 0; i < outcome.base_medians_ns.size() && i < outcome.head_medians_ns.size(); ++i) {
        abs_log_ratios[outcome.name].push_back(
            std::fabs(std::log(outcome.head_medians_ns[i] / outcome.base_medians_ns[i])));
      }
    }
  }
  for (auto& [name, entry] : by_name) {
    entry.false_positive_rate = static_cast<double>(entry.false_positives) / entry.comparisons;
    entry.false_positive_upper95 = binomial_upper_bound(entry.false_positives, entry.comparisons);
    entry.round_noise_percent = std::expm1(stats::median(abs_log_ratios[name])) * 100.0;
    summary.comparisons += entry.comparisons;
    summary.false_positives += entry.false_positives;
    summary.benchmarks.push_back(entry);
  }
  if (summary.comparisons > 0) {
    summary.false_positive_rate = static_cast<double>(summary.false_positives) / summary.comparisons;
  }
  summary.false_positive_upper95 = binomial_upper_bound(summary.false_positives, summary.comparisons);
  return summary;
}

nlohmann::json to_json(const CalibrationSummary& summary) {
  nlohmann::json out{{"ref", summary.ref},
                     {"sha", summary.sha},
                     {"runs", summary.runs},
                     {"seeds", summary.seeds},
                     {"comparisons", summary.comparisons},
                     {"false_positives", summary.false_positives},
                     {"false_positive_rate", summary.false_positive_rate},
                     {"false_positive_upper95", summary.false_positive_upper95},
                     {"benchmarks", nlohmann::json::array()}};
  for (const auto& entry : summary.benchmarks) {
    out["benchmarks"].push_back({{"name", display_name(entry.name)},
                                 {"node_id", entry.name},
                                 {"comparisons", entry.comparisons},
                                 {"false_positives", entry.false_positives},
                                 {"no_change", entry.no_change},
                                 {"inconclusive", entry.inconclusive},
                                 {"false_positive_rate", entry.false_positive_rate},
                                 {"false_positive_upper95", entry.false_positive_upper95},
                                 {"round_noise_percent", entry.round_noise_percent},
                                 {"noise_floor_percent", entry.noise_floor_percent}});
  }
  return out;
}

std::string render_calibration(const CalibrationSummary& summary) {
  std::string text = fmt::format("## A/A calibration: `{}` against itself ({} runs)\n\n",
                                 markdown::ref_label(summary.ref), summary.runs);
  text +=
      "| Benchmark | A/A runs | False verdicts | Rate (95% upper) | No change | Inconclusive | Round noise | "
      "Noise floor |\n|:---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& entry : summary.benchmarks) {
    text += fmt::format("| {} | {} | {} | {:.1f}% (≤ {:.1f}%) | {} | {} | ±{:.1f}% | ±{:.1f}% |\n",
                        display_name(entry.name), entry.comparisons, entry.false_positives,
                        entry.false_positive_rate * 100, entry.false_positive_upper95 * 100, entry.no_change,
                        entry.inconclusive, entry.round_noise_percent, entry.noise_floor_percent);
  }
  text += fmt::format(
      "\nOverall: {} false verdict(s) in {} A/A comparisons — false-positive rate {:.1f}%, at most {:.1f}% with 95% "
      "confidence.\n",
      summary.false_positives, summary.comparisons, summary.false_positive_rate * 100,
      summary.false_positive_upper95 * 100);
  return text;
}

std::filesystem::path calibration_file(const std::filesystem::path& project_root) {
  return project_root / ".codeflash" / "prhost-calibration.json";
}

}  // namespace prhost::compare
