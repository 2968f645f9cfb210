// Timing rounds against real pytest + pytest-benchmark processes (python3 on
// PATH) on tiny projects written into scratch directories.
#include "compare/measure/timing_round.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include "fake_host_services.hpp"
#include "test_support.hpp"

namespace prhost::compare::measure {
namespace {

using namespace std::chrono_literals;
using testing::FakeHostServices;
using testing::ScratchDir;
using testing::write_file;

constexpr const char* kTimingBenchmarks = R"(import time


def busy():
    total = 0
    for i in range(2000):
        total += i * i
    return total


def test_sleep(benchmark):
    benchmark(time.sleep, 0.002)


def test_busy(benchmark):
    assert benchmark(busy) == sum(i * i for i in range(2000))
)";

RoundRequest request_for(const ScratchDir& project, std::vector<std::string> files) {
  RoundRequest request;
  request.target.checkout = project.path();
  request.target.python = {"python3"};
  request.target.benchmark_files = std::move(files);
  request.target.timeout = 60s;
  request.target.ref = "base";
  return request;
}

std::string describe(const TimingRound& round) {
  std::string text = "exit " + std::to_string(round.process.exit_code) + "\nstdout:\n" + round.process.out +
                     "\nstderr:\n" + round.process.err;
  if (round.failure) text += "\ncause: " + round.failure->cause_id + ": " + round.failure->detail;
  return text;
}

// True once no process is left in process group `pgid` (kill(-pgid, 0) says
// ESRCH). Killed members are reaped asynchronously by their parents, so poll.
bool group_gone(pid_t pgid) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (::kill(-pgid, 0) == -1 && errno == ESRCH) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

TEST(TimingRound, MeasuresSleepAndBusyLoopThenReplaysTheCalibration) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_timing.py", kTimingBenchmarks);
  FakeHostServices services;

  // Round 1: pytest-benchmark calibrates.
  RoundRequest request = request_for(project, {"tests/benchmarks/test_timing.py"});
  const TimingRound first = run_timing_round(request, services);
  ASSERT_TRUE(first.ok) << describe(first);
  ASSERT_EQ(first.benchmarks.size(), 2U);

  const BenchmarkTiming* sleep = first.find("tests/benchmarks/test_timing.py::test_sleep");
  const BenchmarkTiming* busy = first.find("tests/benchmarks/test_timing.py::test_busy");
  ASSERT_NE(sleep, nullptr);
  ASSERT_NE(busy, nullptr);
  // time.sleep(0.002) never returns early; how late it returns depends on
  // the machine's load (seen: +40% with both cores busy), so the upper bound
  // only rules out a unit error (μs vs ns, per-round vs per-call).
  EXPECT_GE(sleep->median_ns, 2.0e6);
  EXPECT_LE(sleep->median_ns, 200.0e6);
  EXPECT_EQ(sleep->iterations, 1);  // one call already exceeds the 1 ms round target
  EXPECT_EQ(sleep->name, "test_sleep");
  for (const BenchmarkTiming* timing : {sleep, busy}) {
    EXPECT_EQ(timing->rounds, 5);
    EXPECT_EQ(timing->data_ns.size(), 5U);
    EXPECT_FALSE(timing->fixed_iterations);
    EXPECT_LE(timing->min_ns, timing->median_ns);
    EXPECT_LE(timing->median_ns, timing->max_ns);
    EXPECT_NEAR(timing->ops, 1e9 / timing->mean_ns, 1e-6 * timing->ops);
    EXPECT_DOUBLE_EQ(timing->min_ns, *std::min_element(timing->data_ns.begin(), timing->data_ns.end()));
  }
  // 2000 multiply-adds take tens of microseconds; calibration then loops it
  // so a round lasts at least 1 ms.
  EXPECT_GT(busy->median_ns, 1e3);
  EXPECT_LT(busy->median_ns, 20e6);
  EXPECT_GE(busy->iterations, 2);
  EXPECT_GE(busy->median_ns * static_cast<double>(busy->iterations), 0.5e6);
  std::printf("[measure] calibrated: sleep median %.0f ns x%lld, busy median %.0f ns x%lld\n", sleep->median_ns,
              sleep->iterations, busy->median_ns, busy->iterations);

  // Round 2: the engine replays the counts; 37 is a count pytest-benchmark's
  // calibration never picks (it tries powers of ten, then an estimate), and
  // the sleep test is keyed by bare name to prove that key works too.
  auto iterations = first.iterations();
  EXPECT_EQ(iterations.size(), 2U);
  iterations.erase("tests/benchmarks/test_timing.py::test_sleep");
  iterations["test_sleep"] = 3;
  iterations["tests/benchmarks/test_timing.py::test_busy"] = 37;
  request.fixed_iterations = iterations;
  request.rounds = 3;
  const TimingRound second = run_timing_round(request, services);
  ASSERT_TRUE(second.ok) << describe(second);
  const BenchmarkTiming* busy2 = second.find("tests/benchmarks/test_timing.py::test_busy");
  const BenchmarkTiming* sleep2 = second.find("tests/benchmarks/test_timing.py::test_sleep");
  ASSERT_NE(busy2, nullptr);
  ASSERT_NE(sleep2, nullptr);
  EXPECT_EQ(busy2->iterations, 37);
  EXPECT_EQ(sleep2->iterations, 3);
  EXPECT_TRUE(busy2->fixed_iterations);
  EXPECT_TRUE(sleep2->fixed_iterations);
  EXPECT_EQ(busy2->rounds, 3);
  // Times stay per call whatever the loop count. The busy loop only gets an
  // order-of-magnitude check: on a shared 2-core runner with compilers
  // running, its median moved 83 -> 197 µs between two processes.
  EXPECT_GE(sleep2->median_ns, 2.0e6);
  EXPECT_LE(sleep2->median_ns, 2.6e6);
  EXPECT_GT(busy2->median_ns, busy->median_ns / 4);
  EXPECT_LT(busy2->median_ns, busy->median_ns * 4);
  std::printf("[measure] fixed: sleep median %.0f ns x%lld, busy median %.0f ns x%lld\n", sleep2->median_ns,
              sleep2->iterations, busy2->median_ns, busy2->iterations);

  // The fixed counts travel in the environment, the plugin on PYTHONPATH.
  const auto& env = services.requests.back().env;
  ASSERT_TRUE(env.contains("PRHOST_FIXED_ITERATIONS"));
  EXPECT_NE(env.at("PRHOST_FIXED_ITERATIONS").find("\"test_sleep\":3"), std::string::npos);
  EXPECT_TRUE(env.contains("PYTHONPATH"));
  const auto& argv = second.argv;
  EXPECT_NE(std::find(argv.begin(), argv.end(), "prhost_timing_plugin"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "--benchmark-min-rounds=3"), argv.end());
}

TEST(TimingRound, ParsesAReportWithoutDataOrPrhostNote) {
  const auto timings = parse_benchmark_json(R"({"benchmarks": [{"name": "test_a", "fullname": "t.py::test_a",
      "stats": {"min": 0.001, "max": 0.003, "mean": 0.002, "stddev": 0.0005, "median": 0.0021, "rounds": 7,
                "iterations": 10, "ops": 500.0}}]})");
  ASSERT_EQ(timings.size(), 1U);
  EXPECT_EQ(timings[0].fullname, "t.py::test_a");
  EXPECT_DOUBLE_EQ(timings[0].median_ns, 2.1e6);
  EXPECT_DOUBLE_EQ(timings[0].min_ns, 1e6);
  EXPECT_EQ(timings[0].iterations, 10);
  EXPECT_EQ(timings[0].rounds, 7);
  EXPECT_DOUBLE_EQ(timings[0].ops, 500.0);
  EXPECT_TRUE(timings[0].data_ns.empty());
  EXPECT_FALSE(timings[0].fixed_iterations);
  EXPECT_THROW(parse_benchmark_json(R"({"machine_info": {}})"), std::runtime_error);
  EXPECT_ANY_THROW(parse_benchmark_json("not json"));
}

TEST(TimingRound, MissingBenchmarkFileIsBenchmarkMissing) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_other.py", kTimingBenchmarks);
  FakeHostServices services;
  const TimingRound round = run_timing_round(request_for(project, {"tests/benchmarks/test_new.py"}), services);
  EXPECT_FALSE(round.ok);
  ASSERT_TRUE(round.failure);
  EXPECT_EQ(round.failure->cause_id, pytest::cause::kBenchmarkMissing) << describe(round);
  EXPECT_EQ(round.failure->title, "Benchmark missing at base");
  EXPECT_NE(round.failure->detail.find("tests/benchmarks/test_new.py"), std::string::npos);
}

TEST(TimingRound, ModuleNotFoundNamesTheDependency) {
  ScratchDir project;
  write_file(project / "tests/benchmarks/test_dep.py",
             "import prhost_surely_absent_dependency.models\n\n\ndef test_x(benchmark):\n    benchmark(lambda: 1)\n");
  FakeHostServices services;
  const TimingRound round = run_timing_round(request_for(project, {"tests/benchmarks/test_dep.py"}), services);
  EXPECT_FALSE(round.ok);
  ASSERT_TRUE(round.failure);
  EXPECT_EQ(round.failure->cause_id, pytest::cause::kMissingDependency) << describe(round);
  EXPECT_EQ(round.failure->title, "The checkout cannot import a dependency: prhost_surely_absent_dependency");
  EXPECT_NE(round.failure->fix.find("git show base:pyproject.toml"), std::string::npos);
}

TEST(TimingRound, HangingBenchmarkIsKilledWithItsWholeProcessGroup) {
  ScratchDir project;
  // The benchmark records its process group and starts a grandchild before
  // hanging, so the test can prove nothing of the group survives the kill.
  write_file(project / "tests/benchmarks/test_hang.py", R"(import os
import subprocess
import time


def hang():
    child = subprocess.Popen(["sleep", "60"])
    with open("pids.txt", "w") as out:
        out.write(f"{os.getpgid(0)} {os.getpid()} {child.pid}\n")
    time.sleep(60)


def test_hang(benchmark):
    benchmark(hang)
)");
  FakeHostServices services;
  RoundRequest request = request_for(project, {"tests/benchmarks/test_hang.py"});
  request.target.timeout = 3s;
  const auto started = std::chrono::steady_clock::now();
  const TimingRound round = run_timing_round(request, services);
  const auto elapsed = std::chrono::steady_clock::now() - started;

  EXPECT_LT(elapsed, 10s);
  EXPECT_TRUE(round.process.timed_out);
  EXPECT_FALSE(round.ok);
  ASSERT_TRUE(round.failure);
  EXPECT_EQ(round.failure->cause_id, pytest::cause::kTimeout);
  EXPECT_EQ(round.failure->detail, "killed after 3s: the benchmark hangs or needs more time");

  std::ifstream pids(project / "pids.txt");
  pid_t pgid = 0;
  pid_t python_pid = 0;
  pid_t sleep_pid = 0;
  ASSERT_TRUE(static_cast<bool>(pids >> pgid >> python_pid >> sleep_pid)) << "the benchmark never started";
  EXPECT_NE(pgid, ::getpgid(0)) << "the benchmark must run in its own process group";
  EXPECT_TRUE(group_gone(pgid)) << "a process of group " << pgid << " survived";
  EXPECT_EQ(::kill(python_pid, 0), -1);
}

}  // namespace
}  // namespace prhost::compare::measure
