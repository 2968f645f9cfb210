// Turns a finished comparison into what people and machines read: the
// codeflash-shaped markdown (same headings, columns and units, so a PR body
// works with either backend) followed by prhost's verdict lines, and JSON
// with every raw value needed to audit or redo the statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/engine/compare_engine.hpp"
#include "pytest/failure_causes.hpp"

namespace prhost::compare {

struct RefInfo {
  std::string name;  // as the user wrote it: "main", "HEAD", a SHA
  std::string sha;   // full SHA
};

// A benchmark file left out of the comparison because it fails on its own
// at one ref (compare/run/file_triage.hpp); the others were still compared.
struct SetAsideFile {
  std::string file;
  std::string side;  // "base" or "head": where it failed first
  std::string ref;
  pytest::FailureCause cause;
};

// A ref compared as its temporary branch (compare --branches).
struct TemporaryBranchUse {
  std::string ref;     // as the user wrote it
  std::string branch;  // prhost/tmp/<ref>-bench, deleted after the comparison
  std::vector<std::string> cherry_picked;
};

struct ComparisonContext {
  RefInfo base;
  RefInfo head;
  std::string backend;                   // "builtin" or "codeflash"
  std::vector<std::string> interpreter;  // python argv used in the checkouts
  std::string python_version;
  std::vector<std::string> benchmark_files;
  std::vector<std::string> injected;  // benchmark files copied into refs that lacked them
  std::uint64_t seed = 0;
  double margin = 0.05;
  bool memory = false;
  std::optional<int> timeout_seconds;
  std::vector<SetAsideFile> set_aside;
  std::vector<TemporaryBranchUse> temporary_branches;
};

// The markdown tables, each followed directly by its benchmark's verdict
// lines (ratios coloured only where the engine decided), then one line on how
// the comparison was made.
std::string render_markdown(const ComparisonContext& context, const EngineResult& result);

// "1.53x faster (95% CI …)" lines only, "name: line" each.
std::vector<std::string> verdict_lines(const EngineResult& result, double margin);
// One benchmark's lines: its time verdict and, with --memory, its memory one.
std::vector<std::string> verdict_lines(const BenchmarkOutcome& outcome, double margin);

nlohmann::json to_json(const ComparisonContext& context, const EngineResult& result);

// "test_x" for the pytest node id "tests/benchmarks/test_a.py::test_x", as
// codeflash names benchmark sections.
std::string display_name(const std::string& node_id);

// True when any benchmark is "slower" or its memory went up (for
// --fail-on-regression).
bool has_regression(const EngineResult& result);

}  // namespace prhost::compare
