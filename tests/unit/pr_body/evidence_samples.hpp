// Evidence as prepare assembles it, for tests of the PR body and the report:
// a cpu optimization with everything measured (what `ready` needs), and
// helpers to take pieces away.
#pragma once

#include "pr_body/evidence.hpp"

namespace prhost::testing {

inline pr_body::TimingEvidence faster_timing() {
  pr_body::TimingEvidence timing;
  timing.decision = "faster";
  timing.verdict = "1.53x faster (98.3% CI 1.47–1.60x, 20 paired rounds)";
  timing.speedup = 1.53;
  timing.speedup_low = 1.47;
  timing.speedup_high = 1.60;
  timing.confidence = 0.983;
  timing.pairs = 20;
  for (int i = 0; i < 20; ++i) {
    timing.base_round_ns.push_back(41'000'000.0 + 300'000.0 * (i % 5));
    timing.head_round_ns.push_back(27'000'000.0 + 200'000.0 * (i % 3));
  }
  return timing;
}

inline pr_body::MemoryEvidence lower_memory() {
  pr_body::MemoryEvidence memory;
  memory.direction = "lower";
  memory.base_peaks = {62.1 * 1048576, 62.0 * 1048576, 62.2 * 1048576};
  memory.head_peaks = {20.1 * 1048576, 20.0 * 1048576, 20.2 * 1048576};
  memory.base_peak_bytes = 62.1 * 1048576;
  memory.head_peak_bytes = 20.1 * 1048576;
  memory.delta_fraction = 20.1 / 62.1 - 1.0;
  memory.backend = "memray";
  return memory;
}

// #1: count_words, a cpu change measured 1.53x faster with all the evidence.
inline pr_body::OptimizationEvidence ready_cpu_evidence() {
  pr_body::OptimizationEvidence e;
  e.number = 1;
  e.description = "count_words uses collections.Counter — 2.1x faster on a 1 MB page dump";
  e.subject = "perf: count words with collections.Counter";
  e.body = "The dict get/set pair per word cost two hash lookups; Counter counts in C.";
  e.commit_sha = "e94065875b5f331cc55f30cf20f4a4b2dde48b8b";
  e.short_sha = "e940658";
  e.functions = {"shelfscan.tokens:count_words"};
  e.domains = {"cpu"};
  e.flags = "--timeout 120";
  e.time_primary = true;
  e.runner_python = "uv run python";
  e.refs = {
      "85f27dff8ad6aaaabbbbccccddddeeeeffff0000", e.commit_sha, "85f27dff8ad6 (first parent)", "e940658", "commit", ""};
  pr_body::BenchmarkEvidence benchmark;
  benchmark.function = "shelfscan.tokens:count_words";
  benchmark.function_file = "shelfscan/tokens.py";
  benchmark.test_name = "test_benchmark_count_words";
  benchmark.path = "tests/benchmarks/test_benchmark_count_words.py";
  benchmark.status = "created";
  benchmark.coverage = "the benchmark executes 14/16 changed lines of shelfscan/tokens.py";
  benchmark.equivalent = true;
  e.benchmarks = {benchmark};
  e.compare.measured = true;
  e.compare.backend = "builtin";
  e.compare.own_code_enforced = true;
  e.compare.base_sha = e.refs.base_sha;
  e.compare.head_sha = e.refs.head_sha;
  e.compare.markdown = "## Benchmark: `85f27dff8ad6` vs `e94065875b5f`\n\n### test_benchmark_count_words\n";
  e.compare.benchmarks = {{"test_benchmark_count_words", faster_timing(), std::nullopt, std::nullopt}};
  e.unit_tests.state = pr_body::UnitTestEvidence::State::Passed;
  e.unit_tests.summary = "412 passed";
  e.unit_tests.command = "uv run python -m pytest -q tests";
  e.unit_tests.head_sha = e.commit_sha;
  return e;
}

}  // namespace prhost::testing
