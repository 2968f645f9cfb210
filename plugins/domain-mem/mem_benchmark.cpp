// "mem.benchmark": peak-memory oriented. Each round is one call whose result
// is dropped before the next round, so the peak memray sees is the call's
// own working set (plus the mocks' production-sized buffers), not results
// piling up across rounds. Few rounds: memray tracing is slow, and the peak
// does not need many samples. Only pytest-benchmark's fixture has
// pedantic(); codeflash's has only __call__, so the file asks the fixture
// it was given and runs under both (`codeflash compare` included).
#include "domain-mem/mem_module.hpp"
#include "prhost/sdk/helpers/benchmark_template.hpp"

namespace prhost::plugins::mem {
namespace {

std::string body(const sdk::BenchmarkRequest& /*request*/) {
  return "def _round():\n"
         "    _once()  # the result is dropped: the next round starts from the same baseline\n"
         "\n"
         "gc.collect()\n"
         "if hasattr(benchmark, \"pedantic\"):  # pytest-benchmark: a fixed number of one-call rounds\n"
         "    benchmark.pedantic(_round, rounds=MEMORY_ROUNDS, iterations=1, warmup_rounds=0)\n"
         "else:  # codeflash's fixture has no pedantic(): it chooses its own rounds\n"
         "    benchmark(_round)\n";
}

sdk::GeneratedBenchmark generate(const sdk::BenchmarkRequest& request, sdk::HostServices& services) {
  const long long rounds = services.option_int("benchmark-rounds").value_or(5);
  sdk::helpers::BenchmarkStyle style;
  style.domain = "mem";
  style.metric =
      "Primary metric: peak memory of one realistic call (pytest --memray, prhost compare --memory).\n"
      "Secondary metric: wall-clock time (pytest-benchmark). Mocks at inference boundaries allocate their\n"
      "production footprint, so a change in object lifetimes shows up in the peak.";
  style.test_doc = "Peak memory of one realistic call (run with --memray); time is secondary.";
  style.pytest_options = "--memray";
  style.imports = {"import gc"};
  style.constants = "# Rounds per run: memray tracing is slow and one peak per round is enough.\nMEMORY_ROUNDS = " +
                    std::to_string(rounds) + "\n";
  style.body = &body;
  return {sdk::helpers::render_benchmark_module(request, style), {}};
}

}  // namespace

sdk::BenchmarkGenerator make_benchmark_generator() {
  return sdk::BenchmarkGenerator{"mem.benchmark", "mem", &generate, 20, false};
}

}  // namespace prhost::plugins::mem
