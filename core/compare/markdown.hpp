// Markdown for compare results, cell for cell in the shape `codeflash compare
// -o` writes, so a PR body reads the same whichever backend produced it. Our
// own additions (the decision line) come after codeflash's tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/statistics.hpp"

namespace prhost::compare::markdown {

// ---------------------------------------------------------------------------
// Cells.

// "1,234,567"; negative numbers keep their sign in front.
std::string thousands(long long value);
// "41,200.00μs": two decimals, thousands separators.
std::string format_time_us(double microseconds);
// "22.68 ops/s", "1.50 Kops/s", "2.00 Mops/s".
std::string format_ops(double ops_per_second);
// "512 B", "1.5 KiB", "512.0 MiB", "2.0 GiB" (binary units).
std::string format_bytes(double bytes);
// "**🟢 1.53x**" when base/head >= 1, else "**🔴 0.80x**" (codeflash's
// colouring by value, kept only to reproduce its tables).
std::string speedup_cell(double speedup);

// How a table's Speedup row is coloured. Colour is a claim: prhost's tables
// colour a ratio only when the engine decided faster or slower; an
// undecided or unchanged benchmark's ratios are plain, so a skimming reviewer
// never sees a green 1.26x on identical code.
enum class SpeedupColour { ByValue, Green, Red, Neutral };

// The colour a decision earns: Faster green, Slower red, anything else neutral.
SpeedupColour colour_for(stats::Decision decision);
std::string_view to_string(SpeedupColour colour);

// "**🟢 1.53x**", "**🔴 0.80x**", or "1.26x" for Neutral.
std::string speedup_cell(double speedup, SpeedupColour colour);
// "🟢 -38%" when the head uses no more memory than base, else "🔴 +12%".
std::string memory_delta_cell(double delta_fraction);
// "95%", "98.3%": a fraction as a percentage without a useless ".0".
std::string format_percent(double fraction);

// A ref as shown in tables: a commit SHA (7–40 hex digits) shortened to 12
// characters; a branch, tag or expression such as HEAD~1 kept whole.
std::string ref_label(std::string_view ref);

// ---------------------------------------------------------------------------
// Tables.

// Times are nanoseconds, the unit both perf_counter_ns and codeflash's own
// timing plugin record; they are shown in μs.
struct TimeStats {
  double min_ns = 0.0;
  double median_ns = 0.0;
  double mean_ns = 0.0;
  double ops = 0.0;  // operations per second
  int rounds = 0;
};

struct MemoryStats {
  double peak_bytes = 0.0;
  long long allocations = 0;
};

struct MemoryComparison {
  MemoryStats base;
  MemoryStats head;
};

struct BenchmarkTable {
  std::string name;        // e.g. test_benchmark_partition_pdf
  std::string base_label;  // passed through ref_label
  std::string head_label;
  TimeStats base;
  TimeStats head;
  // Rendered whenever present: whether a memory change is worth showing is
  // the caller's call (stats::compare_memory), not the renderer's.
  std::optional<MemoryComparison> memory;
  SpeedupColour colour = SpeedupColour::ByValue;
  // prhost's verdict with its interval, rendered directly under the table
  // (after the memory table); empty: none (codeflash's own shape).
  std::vector<std::string> verdict_lines;
};

// "## Benchmark: `a1b2c3d4e5f6` vs `codeflash/op`"
std::string render_header(std::string_view base_ref, std::string_view head_ref);

// "### <name>", the time table and, with memory, "#### Memory" and its table.
// No trailing newline.
std::string render_benchmark(const BenchmarkTable& table);

// The header and every benchmark section separated by blank lines, ending in
// a newline.
std::string render_comparison(std::string_view base_ref, std::string_view head_ref,
                              const std::vector<BenchmarkTable>& tables);

// ---------------------------------------------------------------------------
// Our verdict line, in speedup terms (base/head) except for "slower", which
// states the slowdown (head/base):
//   "1.53x faster (95% CI 1.49–1.57x, 20 paired rounds)"
//   "1.25x slower (95% CI 1.20–1.31x, 20 paired rounds)"
//   "no significant change (0.98–1.03x, 20 paired rounds)"
//   "inconclusive (0.93–1.02x, 40 paired rounds): the interval straddles the ±5% margin"
// The verdict is estimate.decision (so a Holm downgrade shows, with its
// reason); `margin` must be the one the decision was made with.
std::string decision_line(const stats::PairedEstimate& estimate, double margin = stats::kDefaultMargin);

}  // namespace prhost::compare::markdown
