// "async.loop-per-round": pytest-benchmark calls the measured callable once
// per round. `benchmark(loop.run_until_complete, main())` or a lambda over a
// loop made once at module level shares one event loop between every round
// (and, with a coroutine object made once, awaits it only the first time):
// tasks, caches and connections carry over, so later rounds measure a warm
// loop base and head may not share. Each round should run its own loop.
#include <string>

#include "domain-async/async_module.hpp"
#include "prhost/sdk/helpers/benchmark_facts.hpp"

namespace prhost::plugins::async {
namespace {

sdk::CheckResult run_loop_reuse_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  sdk::CheckResult result;
  const auto facts = sdk::helpers::read_benchmark_facts(ctx, services);
  if (facts.files_read.empty() || !facts.failure.empty()) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = facts.failure.empty() ? "no benchmark file in the working tree to read yet"
                                           : "could not read the benchmarks: " + facts.failure;
    return result;
  }
  for (const auto& reuse : facts.of_kind("loop_reuse")) {
    result.hints.push_back(reuse.where() + ": every round runs on the one loop `" + reuse.detail(0) +
                           "`, made once outside the measured call. Fix: `benchmark(lambda: asyncio.run(main()))`, "
                           "so each round gets a fresh loop and a fresh coroutine");
  }
  if (result.hints.empty()) {
    result.message = "no benchmark reuses one event loop across rounds (" + std::to_string(facts.files_read.size()) +
                     " file(s) read)";
    return result;
  }
  result.status = sdk::CheckStatus::Warning;
  result.message = std::to_string(result.hints.size()) + " benchmark call(s) share one event loop across rounds";
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_loop_reuse_check() {
  return sdk::DiagnosticCheck{"async.loop-per-round", "async benchmarks run each round on its own loop", 48,
                              &run_loop_reuse_check};
}

sdk::CheckDescription describe_loop_reuse_check() {
  return {"async.loop-per-round",
          "each benchmark file's AST: `run_until_complete` measured on a loop made by `new_event_loop()` / "
          "`get_event_loop()` outside the measured call",
          "none applied: measure `lambda: asyncio.run(main())`"};
}

}  // namespace prhost::plugins::async
