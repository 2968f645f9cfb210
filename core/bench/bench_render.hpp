// Shows a bench report: the markdown table people read, and JSON for scripts
// and `prhost prepare`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bench/bench_runner.hpp"

namespace prhost::bench {

// | # | Function | Benchmark | Inputs | Status |
std::string render_table(const BenchReport& report);

nlohmann::json to_json(const BenchReport& report);

// True when every row is created or exists (exit 0).
bool all_ready(const BenchReport& report);

}  // namespace prhost::bench
