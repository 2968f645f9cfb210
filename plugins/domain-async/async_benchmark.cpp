// "async.benchmark": runs a coroutine function on a fresh event loop every
// round (a loop reused across rounds would carry tasks, caches and closed
// resources from one round into the next), with anyio.run when the project
// uses anyio, else a new asyncio loop that is shut down cleanly.
#include "domain-async/async_module.hpp"
#include "prhost/sdk/helpers/benchmark_template.hpp"

namespace prhost::plugins::async {
namespace {

std::string body(const sdk::BenchmarkRequest& /*request*/) { return "benchmark(_once)\n"; }

sdk::GeneratedBenchmark generate(const sdk::BenchmarkRequest& request, sdk::HostServices& /*services*/) {
  sdk::helpers::BenchmarkStyle style;
  style.domain = "async";
  style.metric = request.project_uses_anyio
                     ? "Primary metric: wall-clock time of one awaited call, each round on a fresh event loop\n"
                       "started by anyio.run (the project uses anyio)."
                     : "Primary metric: wall-clock time of one awaited call, each round on a fresh asyncio\n"
                       "event loop that is shut down after the call.";
  style.test_doc = "Time one awaited call on a fresh event loop per round.";
  style.pytest_options = "--benchmark-only";
  style.body = &body;
  style.explicit_event_loop = true;
  return {sdk::helpers::render_benchmark_module(request, style), {}};
}

}  // namespace

sdk::BenchmarkGenerator make_benchmark_generator() {
  return sdk::BenchmarkGenerator{"async.benchmark", "async", &generate, 15, false};
}

}  // namespace prhost::plugins::async
