// Reads the markdown `codeflash compare -o FILE` writes (the shape in
// markdown.hpp) back into numbers, so results from the codeflash backend feed
// the same PR body and report as our own engine's. Lines it does not know are
// skipped; input without the "## Benchmark:" header or a benchmark section
// without both rows is an error that says what was missing and where.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::compare::codeflash {

class MarkdownParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ParsedTiming {
  double min_us = 0.0;
  double median_us = 0.0;
  double mean_us = 0.0;
  double ops = 0.0;  // per second
  int rounds = 0;
};

// As printed: base/head for times, head/base for OPS.
struct ParsedSpeedups {
  double min = 0.0;
  double median = 0.0;
  double mean = 0.0;
  double ops = 0.0;
};

struct ParsedMemoryRow {
  double peak_bytes = 0.0;
  long long allocations = 0;
};

struct ParsedMemory {
  ParsedMemoryRow base;
  ParsedMemoryRow head;
  std::optional<double> delta_fraction;  // head row's Delta cell: -0.38 for "🟢 -38%"
};

struct ParsedBenchmark {
  std::string name;
  std::string base_label;
  std::string head_label;
  ParsedTiming base;
  ParsedTiming head;
  std::optional<ParsedSpeedups> speedup;
  std::optional<ParsedMemory> memory;
};

struct ParsedComparison {
  std::string base_ref;  // as printed in the header (≤ 12 characters for SHAs)
  std::string head_ref;
  std::vector<ParsedBenchmark> benchmarks;
};

// Throws MarkdownParseError (message names the line) on unrecognized input.
ParsedComparison parse_codeflash_markdown(std::string_view markdown);

}  // namespace prhost::compare::codeflash
