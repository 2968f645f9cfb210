// "cpu.benchmark": times one realistic call. The inputs are built once,
// outside the timed call, so the timings are the function's own; pytest-
// benchmark decides the rounds.
#include "domain-cpu/cpu_module.hpp"
#include "prhost/sdk/helpers/benchmark_template.hpp"

namespace prhost::plugins::cpu {
namespace {

std::string body(const sdk::BenchmarkRequest& /*request*/) { return "benchmark(_once)\n"; }

sdk::GeneratedBenchmark generate(const sdk::BenchmarkRequest& request, sdk::HostServices& /*services*/) {
  sdk::helpers::BenchmarkStyle style;
  style.domain = "cpu";
  style.metric =
      "Primary metric: wall-clock time of one realistic call (pytest-benchmark). The inputs are built once,\n"
      "outside the timed call, so only the function itself is timed.";
  style.test_doc = "Time one realistic call; inputs are built outside the timed part.";
  style.pytest_options = "--benchmark-only";
  style.body = &body;
  return {sdk::helpers::render_benchmark_module(request, style), {}};
}

}  // namespace

sdk::BenchmarkGenerator make_benchmark_generator() {
  // The fallback: a change no classifier recognised is still worth timing.
  return sdk::BenchmarkGenerator{"cpu.benchmark", "cpu", &generate, 10, true};
}

}  // namespace prhost::plugins::cpu
