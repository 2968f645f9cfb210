// Memory runs against real pytest processes (python3 on PATH, with memray)
// on a tiny project: a 50 MiB allocation must come out as 50 MiB above the
// no-op baseline under both backends, and the replacement fixture must
// behave like pytest-benchmark's (arguments, pedantic, return values).
#include "compare/measure/memory_run.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "fake_host_services.hpp"
#include "test_support.hpp"

namespace prhost::compare::measure {
namespace {

using namespace std::chrono_literals;
using testing::FakeHostServices;
using testing::ScratchDir;
using testing::write_file;

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kAllocated = 50.0 * kMiB;

// The fixture's return value is asserted inside each test: a replacement
// that dropped it (or mangled arguments) fails the run.
constexpr const char* kMemoryBenchmarks = R"(import asyncio

SIZE = 50 * 1024 * 1024


def allocate(size, fill=0):
    buffer = bytearray(size)
    return len(buffer) + fill


def test_alloc(benchmark):
    assert benchmark(allocate, SIZE, fill=1) == SIZE + 1


def test_noop(benchmark):
    assert benchmark(lambda: 42) == 42


def test_pedantic(benchmark):
    calls = []

    def setup():
        calls.append("setup")
        return (SIZE,), {"fill": 2}

    result = benchmark.pedantic(allocate, setup=setup, rounds=5, iterations=1)
    assert result == SIZE + 2
    assert calls == ["setup"]


def test_async(benchmark):
    async def work():
        await asyncio.sleep(0)
        return 7

    assert benchmark(lambda: asyncio.run(work())) == 7


def test_not_a_benchmark():
    pass
)";

MemoryRequest request_for(const ScratchDir& project, MemoryBackend backend) {
  MemoryRequest request;
  request.target.checkout = project.path();
  request.target.python = {"python3"};
  request.target.benchmark_files = {"tests/benchmarks/test_memory.py"};
  request.target.timeout = 60s;
  request.target.ref = "head";
  request.backend = backend;
  return request;
}

std::string describe(const MemoryRun& run) {
  std::string text = "exit " + std::to_string(run.process.exit_code) + "\nstdout:\n" + run.process.out + "\nstderr:\n" +
                     run.process.err;
  if (run.failure) text += "\ncause: " + run.failure->cause_id + ": " + run.failure->detail;
  return text;
}

// Runs the project under `backend` and checks the 50 MiB allocation against
// the no-op baseline: |peak - (50 MiB + baseline)| <= 2% of 50 MiB.
void expect_fifty_mib(MemoryBackend backend, MemoryBackend expected_backend) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_memory.py", kMemoryBenchmarks);
  FakeHostServices services;
  const MemoryRun run = run_memory_once(request_for(project, backend), services);
  ASSERT_TRUE(run.ok) << describe(run);
  ASSERT_EQ(run.benchmarks.size(), 4U) << describe(run);  // test_not_a_benchmark is skipped

  const MemoryMeasurement* alloc = run.find("tests/benchmarks/test_memory.py::test_alloc");
  const MemoryMeasurement* noop = run.find("tests/benchmarks/test_memory.py::test_noop");
  const MemoryMeasurement* pedantic = run.find("tests/benchmarks/test_memory.py::test_pedantic");
  ASSERT_NE(alloc, nullptr);
  ASSERT_NE(noop, nullptr);
  ASSERT_NE(pedantic, nullptr);
  for (const auto& measurement : run.benchmarks) EXPECT_EQ(measurement.backend, expected_backend);

  const double baseline = static_cast<double>(noop->peak_bytes);
  const double error = static_cast<double>(alloc->peak_bytes) - (kAllocated + baseline);
  EXPECT_LE(std::fabs(error), 0.02 * kAllocated) << "peak " << alloc->peak_bytes << " baseline " << baseline;
  const double pedantic_error = static_cast<double>(pedantic->peak_bytes) - (kAllocated + baseline);
  EXPECT_LE(std::fabs(pedantic_error), 0.02 * kAllocated) << "pedantic peak " << pedantic->peak_bytes;
  // The no-op allocates next to nothing: the baseline is tracker overhead.
  EXPECT_LT(baseline, 64 * 1024);
  // ru_maxrss saw the 50 MiB buffer (the whole process's high-water mark).
  EXPECT_GE(static_cast<double>(alloc->rss_bytes), kAllocated);
  std::printf("[measure] %s: peak %lld B, baseline %.0f B, error %.4f%% of 50 MiB, allocations %s, rss %lld B\n",
              std::string(to_string(expected_backend)).c_str(), alloc->peak_bytes, baseline, 100.0 * error / kAllocated,
              alloc->allocations ? std::to_string(*alloc->allocations).c_str() : "null", alloc->rss_bytes);

  if (expected_backend == MemoryBackend::Memray) {
    ASSERT_TRUE(alloc->allocations.has_value());
    EXPECT_GE(*alloc->allocations, 1);
  } else {
    EXPECT_FALSE(alloc->allocations.has_value());
  }
  // The plugin's output path and backend choice travel in the environment.
  const auto& env = services.requests.back().env;
  EXPECT_EQ(env.at("PRHOST_MEMORY_BACKEND"), to_string(backend));
  EXPECT_TRUE(env.contains("PRHOST_MEMORY_OUT"));
}

TEST(MemoryRun, FiftyMebibytesUnderMemray) { expect_fifty_mib(MemoryBackend::Auto, MemoryBackend::Memray); }

TEST(MemoryRun, FiftyMebibytesUnderTracemalloc) {
  expect_fifty_mib(MemoryBackend::Tracemalloc, MemoryBackend::Tracemalloc);
}

TEST(MemoryRun, RaisingBenchmarkIsClassifiedAndTheOthersKept) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_memory.py", R"(def test_fine(benchmark):
    benchmark(lambda: bytearray(1024))


def test_broken(benchmark):
    def explode():
        raise ValueError("partition failed at this ref")

    benchmark(explode)
)");
  FakeHostServices services;
  const MemoryRun run = run_memory_once(request_for(project, MemoryBackend::Auto), services);
  EXPECT_FALSE(run.ok);
  ASSERT_TRUE(run.failure);
  EXPECT_EQ(run.failure->cause_id, pytest::cause::kBenchmarkFailed) << describe(run);
  EXPECT_EQ(run.failure->detail,
            "FAILED tests/benchmarks/test_memory.py::test_broken - ValueError: partition failed at this ref");
  ASSERT_EQ(run.benchmarks.size(), 1U);
  EXPECT_EQ(run.benchmarks[0].name, "test_fine");
}

TEST(MemoryRun, ParsesPluginOutput) {
  const auto measurements = parse_memory_json(R"({"backend": "tracemalloc", "benchmarks": [
      {"name": "test_a", "fullname": "t.py::test_a", "backend": "tracemalloc", "peak_bytes": 1048576,
       "allocations": null, "rss_bytes": 2097152},
      {"name": "test_b", "fullname": "t.py::test_b", "backend": "memray", "peak_bytes": 10, "allocations": 3,
       "rss_bytes": 0}]})");
  ASSERT_EQ(measurements.size(), 2U);
  EXPECT_EQ(measurements[0].backend, MemoryBackend::Tracemalloc);
  EXPECT_EQ(measurements[0].peak_bytes, 1048576);
  EXPECT_FALSE(measurements[0].allocations);
  EXPECT_EQ(measurements[0].rss_bytes, 2097152);
  EXPECT_EQ(measurements[1].backend, MemoryBackend::Memray);
  EXPECT_EQ(measurements[1].allocations, 3);
  EXPECT_THROW(parse_memory_json(R"({"benchmarks": [{"name": "x", "backend": "valgrind", "peak_bytes": 1}]})"),
               std::runtime_error);
  EXPECT_ANY_THROW(parse_memory_json("[]"));
}

}  // namespace
}  // namespace prhost::compare::measure
