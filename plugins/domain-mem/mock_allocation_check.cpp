// "mem.mocks-allocate": the "0% memory delta" pitfall. A memory optimization
// usually changes how long objects live or how big they are; when the
// benchmark replaces the expensive part (a model, a decoder, I/O) with stand-
// ins that allocate nothing, base and head reach the same peak and the
// comparison reports no change, however real the saving is in production.
// The stand-ins must allocate what the real code returns (bytearray(n), an
// array of the real shape).
#include <algorithm>
#include <string>
#include <vector>

#include "domain-mem/mem_module.hpp"
#include "prhost/sdk/helpers/benchmark_facts.hpp"

namespace prhost::plugins::mem {
namespace {

using sdk::helpers::BenchmarkFacts;

bool compares_memory(const sdk::CheckContext& ctx) {
  return ctx.memory || std::find(ctx.domains.begin(), ctx.domains.end(), "mem") != ctx.domains.end();
}

// "file: 3 stand-ins (patch(pkg.model.load) at :12, def fake_decode at :5, …) allocate nothing"
std::string silent_mocks(const BenchmarkFacts& facts, const std::string& file) {
  const auto mocks = facts.in_file("mock", file);
  if (mocks.empty()) return {};
  std::string listed;
  for (const auto& mock : mocks) {
    if (mock.detail(1) == "yes") return {};  // at least one stand-in allocates: judged fine
    if (listed.size() < 160)
      listed += (listed.empty() ? "" : ", ") + mock.detail(0) + " at :" + std::to_string(mock.line);
  }
  return file + ": " + std::to_string(mocks.size()) + " stand-in(s) (" + listed +
         ") allocate nothing, so base and head reach the same peak. Fix: make each return what production "
         "returns, at its size (e.g. `bytearray(n)`, `numpy.empty(shape)`)";
}

sdk::CheckResult run_mock_allocation_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  sdk::CheckResult result;
  if (!compares_memory(ctx)) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no comparison here measures peak memory (no mem optimization, no --memory)";
    return result;
  }
  const BenchmarkFacts facts = sdk::helpers::read_benchmark_facts(ctx, services);
  if (facts.files_read.empty() || !facts.failure.empty()) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = facts.failure.empty() ? "no benchmark file in the working tree to read yet"
                                           : "could not read the benchmarks: " + facts.failure;
    return result;
  }
  for (const auto& file : facts.files_read) {
    if (auto finding = silent_mocks(facts, file); !finding.empty()) result.hints.push_back(std::move(finding));
  }
  if (result.hints.empty()) {
    result.message = "every benchmark's stand-ins allocate (or it uses none) in " +
                     std::to_string(facts.files_read.size()) + " file(s)";
    return result;
  }
  result.status = sdk::CheckStatus::Warning;
  result.message = std::to_string(result.hints.size()) +
                   " benchmark file(s) replace the work with mocks that allocate nothing: a memory comparison will "
                   "show 0% (edit by hand; each line says how)";
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_mock_allocation_check() {
  return sdk::DiagnosticCheck{"mem.mocks-allocate", "memory benchmarks' mocks allocate like production", 47,
                              &run_mock_allocation_check};
}

sdk::CheckDescription describe_mock_allocation_check() {
  return {"mem.mocks-allocate",
          "each benchmark file's AST, for mem optimizations and --memory: patches with a value, Mock(...), fake_/"
          "mock_/stub_ functions, and whether any of them allocates (bytearray, bytes, numpy arrays, [x] * n)",
          "none applied: give the stand-ins production-sized allocations"};
}

}  // namespace prhost::plugins::mem
