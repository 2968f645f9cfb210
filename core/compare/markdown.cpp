#include "compare/markdown.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace prhost::compare::markdown {
namespace {

// Inserts separators into the integer part of an already formatted number.
// Built by appending rather than string::insert, which trips GCC 12's false
// -Wrestrict positive at -O2.
std::string group_thousands(const std::string& formatted) {
  const std::size_t digits_begin = (!formatted.empty() && formatted[0] == '-') ? 1 : 0;
  std::size_t digits_end = formatted.find('.');
  if (digits_end == std::string::npos) digits_end = formatted.size();
  const std::size_t digit_count = digits_end - digits_begin;
  std::string grouped(formatted, 0, digits_begin);
  for (std::size_t i = 0; i < digit_count; ++i) {
    if (i > 0 && (digit_count - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(formatted[digits_begin + i]);
  }
  grouped.append(formatted, digits_end, std::string::npos);
  return grouped;
}

constexpr std::string_view kGreen = "🟢";
constexpr std::string_view kRed = "🔴";

std::string time_row(std::string_view label, std::string_view side, const TimeStats& stats) {
  return fmt::format("| `{}` ({}) | {} | {} | {} | {} | {} |", label, side, format_time_us(stats.min_ns / 1000.0),
                     format_time_us(stats.median_ns / 1000.0), format_time_us(stats.mean_ns / 1000.0),
                     format_ops(stats.ops), stats.rounds);
}

std::string memory_row(std::string_view label, std::string_view side, const MemoryStats& stats,
                       std::string_view delta) {
  // An empty Delta cell is "| |", as codeflash prints it, not "|  |".
  return fmt::format("| `{}` ({}) | {} | {} | {}|", label, side, format_bytes(stats.peak_bytes),
                     thousands(stats.allocations), delta.empty() ? std::string() : std::string(delta) + " ");
}

}  // namespace

std::string thousands(long long value) { return group_thousands(fmt::format("{}", value)); }

std::string format_time_us(double microseconds) { return group_thousands(fmt::format("{:.2f}", microseconds)) + "μs"; }

std::string format_ops(double ops_per_second) {
  if (ops_per_second >= 1e6) return fmt::format("{:.2f} Mops/s", ops_per_second / 1e6);
  if (ops_per_second >= 1e3) return fmt::format("{:.2f} Kops/s", ops_per_second / 1e3);
  return fmt::format("{:.2f} ops/s", ops_per_second);
}

std::string format_bytes(double bytes) {
  constexpr double kKiB = 1024.0;
  if (std::fabs(bytes) < kKiB) return fmt::format("{:.0f} B", bytes);
  if (std::fabs(bytes) < kKiB * kKiB) return fmt::format("{:.1f} KiB", bytes / kKiB);
  if (std::fabs(bytes) < kKiB * kKiB * kKiB) return fmt::format("{:.1f} MiB", bytes / (kKiB * kKiB));
  return fmt::format("{:.1f} GiB", bytes / (kKiB * kKiB * kKiB));
}

std::string speedup_cell(double speedup) {
  return fmt::format("**{} {:.2f}x**", speedup >= 1.0 ? kGreen : kRed, speedup);
}

SpeedupColour colour_for(stats::Decision decision) {
  switch (decision) {
    case stats::Decision::Faster:
      return SpeedupColour::Green;
    case stats::Decision::Slower:
      return SpeedupColour::Red;
    case stats::Decision::NoSignificantChange:
    case stats::Decision::Inconclusive:
      break;
  }
  return SpeedupColour::Neutral;
}

std::string_view to_string(SpeedupColour colour) {
  switch (colour) {
    case SpeedupColour::Green:
      return "green";
    case SpeedupColour::Red:
      return "red";
    case SpeedupColour::Neutral:
      return "neutral";
    case SpeedupColour::ByValue:
      break;
  }
  return "by value";
}

std::string speedup_cell(double speedup, SpeedupColour colour) {
  switch (colour) {
    case SpeedupColour::ByValue:
      return speedup_cell(speedup);
    case SpeedupColour::Green:
      return fmt::format("**{} {:.2f}x**", kGreen, speedup);
    case SpeedupColour::Red:
      return fmt::format("**{} {:.2f}x**", kRed, speedup);
    case SpeedupColour::Neutral:
      break;
  }
  return fmt::format("{:.2f}x", speedup);
}

std::string memory_delta_cell(double delta_fraction) {
  return fmt::format("{} {:+.0f}%", delta_fraction <= 0.0 ? kGreen : kRed, delta_fraction * 100.0);
}

std::string format_percent(double fraction) {
  std::string text = fmt::format("{:.1f}", fraction * 100.0);
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text + "%";
}

std::string ref_label(std::string_view ref) {
  const bool is_sha = ref.size() >= 7 && ref.size() <= 40 &&
                      std::all_of(ref.begin(), ref.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
  return std::string(is_sha ? ref.substr(0, 12) : ref);
}

std::string render_header(std::string_view base_ref, std::string_view head_ref) {
  return fmt::format("## Benchmark: `{}` vs `{}`", ref_label(base_ref), ref_label(head_ref));
}

std::string render_benchmark(const BenchmarkTable& table) {
  const std::string base = ref_label(table.base_label);
  const std::string head = ref_label(table.head_label);
  const SpeedupColour colour = table.colour;
  std::vector<std::string> lines = {
      fmt::format("### {}", table.name),
      "",
      "| | Min | Median | Mean | OPS | Rounds |",
      "|:---|---:|---:|---:|---:|---:|",
      time_row(base, "base", table.base),
      time_row(head, "head", table.head),
      fmt::format("| **Speedup** | {} | {} | {} | {} | |", speedup_cell(table.base.min_ns / table.head.min_ns, colour),
                  speedup_cell(table.base.median_ns / table.head.median_ns, colour),
                  speedup_cell(table.base.mean_ns / table.head.mean_ns, colour),
                  speedup_cell(table.head.ops / table.base.ops, colour)),
  };
  if (table.memory) {
    const MemoryComparison& memory = *table.memory;
    const double delta =
        memory.base.peak_bytes > 0.0 ? (memory.head.peak_bytes - memory.base.peak_bytes) / memory.base.peak_bytes : 0.0;
    lines.insert(lines.end(), {
                                  "",
                                  "#### Memory",
                                  "",
                                  "| Ref | Peak Memory | Allocations | Delta |",
                                  "|:---|---:|---:|:---|",
                                  memory_row(base, "base", memory.base, ""),
                                  memory_row(head, "head", memory.head, memory_delta_cell(delta)),
                              });
  }
  if (!table.verdict_lines.empty()) lines.emplace_back("");
  for (const auto& verdict : table.verdict_lines) lines.push_back("- " + verdict);
  return fmt::format("{}", fmt::join(lines, "\n"));
}

std::string render_comparison(std::string_view base_ref, std::string_view head_ref,
                              const std::vector<BenchmarkTable>& tables) {
  std::string out = render_header(base_ref, head_ref);
  for (const BenchmarkTable& table : tables) out += "\n\n" + render_benchmark(table);
  return out + "\n";
}

std::string decision_line(const stats::PairedEstimate& estimate, double margin) {
  // Speedup orientation: base/head, so the bounds swap and invert.
  const double speedup_low = stats::speedup_from_time_ratio(estimate.ci_high);
  const double speedup_high = stats::speedup_from_time_ratio(estimate.ci_low);
  const std::string confidence = format_percent(estimate.requested_confidence);
  switch (estimate.decision) {
    case stats::Decision::Faster:
      return fmt::format("{:.2f}x faster ({} CI {:.2f}–{:.2f}x, {} paired rounds)",
                         stats::speedup_from_time_ratio(estimate.time_ratio), confidence, speedup_low, speedup_high,
                         estimate.pairs);
    case stats::Decision::Slower:
      return fmt::format("{:.2f}x slower ({} CI {:.2f}–{:.2f}x, {} paired rounds)", estimate.time_ratio, confidence,
                         estimate.ci_low, estimate.ci_high, estimate.pairs);
    case stats::Decision::NoSignificantChange:
      return fmt::format("no significant change ({:.2f}–{:.2f}x, {} paired rounds)", speedup_low, speedup_high,
                         estimate.pairs);
    case stats::Decision::Inconclusive:
      break;
  }
  const stats::Decision before_holm = stats::classify(estimate, margin);
  if (before_holm == stats::Decision::Faster || before_holm == stats::Decision::Slower) {
    return fmt::format(
        "inconclusive ({:.2f}–{:.2f}x, {} paired rounds): {} on its own, but not after Holm's correction across "
        "benchmarks (adjusted p = {:.3g})",
        speedup_low, speedup_high, estimate.pairs, stats::to_string(before_holm), estimate.holm_p_value);
  }
  if (estimate.achieved_confidence + 1e-12 < estimate.requested_confidence) {
    return fmt::format("inconclusive ({:.2f}–{:.2f}x, {} paired rounds): too few pairs for a {} interval", speedup_low,
                       speedup_high, estimate.pairs, confidence);
  }
  return fmt::format("inconclusive ({:.2f}–{:.2f}x, {} paired rounds): the interval straddles the ±{} margin",
                     speedup_low, speedup_high, estimate.pairs, format_percent(margin));
}

}  // namespace prhost::compare::markdown
