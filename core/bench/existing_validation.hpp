// An existing benchmark — the user's own, or one an earlier bench run wrote —
// is never rewritten, but what its validation proves is still evidence a PR
// body needs: how many changed lines it executes at head and whether base and
// head return the same results on its inputs. This runs such a benchmark at
// its optimization's head and base under the same probe a new benchmark gets
// (bench_steps.hpp), without touching the file.
#pragma once

#include <string>
#include <vector>

#include "bench/bench_runner.hpp"

namespace prhost::bench {

struct ExistingBenchmark {
  int number = 0;        // the optimization's number in the inventory
  std::string function;  // module:Qualname, as the inventory names it
  std::string path;      // relative to the project root
  std::string test_name;
};

// One row per benchmark, with the coverage, the equivalence and the notes the
// probe found; its status says whether the run worked (Exists), failed or
// found a difference (NeedsReview, Blocked, with the cause). A benchmark whose
// optimization or function the inventory no longer has gets only a cause.
std::vector<BenchRow> validate_existing(const BenchContext& context, const std::vector<ExistingBenchmark>& benchmarks);

}  // namespace prhost::bench
