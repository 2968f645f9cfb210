// "struct.benchmark": a data-structure change (__slots__, dataclass, tuples)
// only shows when there are many instances, so every round builds
// STRUCT_INSTANCES of them and uses each one, keeping them alive until the
// round ends: pytest-benchmark times it and memray sees the instances' peak.
// The fixed rounds use pedantic() only where the fixture has it: codeflash's
// benchmark fixture has only __call__ and picks its own rounds.
#include "domain-struct/struct_module.hpp"
#include "prhost/sdk/helpers/benchmark_template.hpp"

namespace prhost::plugins::structure {
namespace {

std::string body(const sdk::BenchmarkRequest& request) {
  const bool method = !request.instance_expression.empty();
  std::string build = method
                          ? "    instances = [" + request.instance_expression + " for _ in range(STRUCT_INSTANCES)]\n"
                          : "    instances = range(STRUCT_INSTANCES)\n";
  const std::string loop = method ? "for instance in instances" : "for _ in instances";
  std::string use;
  if (request.target.is_async) {
    use = "    async def _all():\n        return [await " + request.call_expression + " " + loop +
          "]\n\n    return asyncio.run(_all())\n";
  } else {
    use = "    return [" + request.call_expression + " " + loop + "]\n";
  }
  return "def _many():\n" + build + use +
         "\n"
         "if hasattr(benchmark, \"pedantic\"):  # pytest-benchmark: a fixed number of one-call rounds\n"
         "    benchmark.pedantic(_many, rounds=STRUCT_ROUNDS, iterations=1, warmup_rounds=1)\n"
         "else:  # codeflash's fixture has no pedantic(): it chooses its own rounds\n"
         "    benchmark(_many)\n";
}

sdk::GeneratedBenchmark generate(const sdk::BenchmarkRequest& request, sdk::HostServices& services) {
  const long long instances = services.option_int("instances").value_or(50'000);
  sdk::helpers::BenchmarkStyle style;
  style.domain = "struct";
  style.metric =
      "Primary metrics: time AND peak memory of building and using many instances (pytest-benchmark, and\n"
      "pytest --memray / prhost compare --memory --timeout 120): a layout change shows per instance.";
  style.test_doc = "Build and use many instances; measured for time and (with --memray) peak memory.";
  style.pytest_options = "--benchmark-only  (add --memray for the peak)";
  if (request.target.is_async) style.imports = {"import asyncio"};
  style.constants = "# Enough instances for a per-instance layout change to dominate.\nSTRUCT_INSTANCES = " +
                    std::to_string(instances) + "\nSTRUCT_ROUNDS = 5\n";
  style.body = &body;
  return {sdk::helpers::render_benchmark_module(request, style), {}};
}

}  // namespace

sdk::BenchmarkGenerator make_benchmark_generator() {
  // Highest precedence: a struct change also affects time, and this test
  // measures both.
  return sdk::BenchmarkGenerator{"struct.benchmark", "struct", &generate, 30, false};
}

}  // namespace prhost::plugins::structure
