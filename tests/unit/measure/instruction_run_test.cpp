// Instruction counts: the marker arithmetic on recorded dumps, and real
// callgrind runs of a tiny project (valgrind from Debian, the interpreter
// python3 on PATH resolves to) whose per-call count must not depend on the
// start-up around it.
#include "compare/measure/instruction_run.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "fake_host_services.hpp"
#include "test_support.hpp"

namespace prhost::compare::measure {
namespace {

using namespace std::chrono_literals;
using testing::FakeHostServices;
using testing::ScratchDir;
using testing::write_file;

TEST(InstructionDumps, TheTotalIsTheSummaryLineElseTheTotalsLine) {
  EXPECT_EQ(callgrind_total("# callgrind format\nevents: Ir\nsummary: 71580667\n"), 71580667);
  EXPECT_EQ(callgrind_total("events: Ir\nfn=main\n1 5\ntotals: 1234\n"), 1234);
  EXPECT_EQ(callgrind_total("desc: summary: 99\nevents: Ir\n"), std::nullopt) << "only at the start of a line";
  EXPECT_EQ(callgrind_total(""), std::nullopt);
}

TEST(InstructionDumps, EachBenchmarksSecondAndThirdMarkerEndItsKAndTwoKSegments) {
  const auto log = parse_marker_log(
      R"({"markers": 6, "benchmarks": [{"name": "test_a", "fullname": "t.py::test_a", "calls": 2, "first_marker": 0},
                                        {"name": "test_b", "fullname": "t.py::test_b", "calls": 2, "first_marker": 3}]})");
  // Dump 1 and 4 hold start-up and what ran between benchmarks: unused.
  const std::map<int, long long> dumps{{1, 900'000'000}, {2, 71'580'667}, {3, 143'568'746},
                                       {4, 19'000'000},  {5, 12'861'309}, {6, 25'685'481}};
  const auto counts = counts_from_dumps(log, dumps);
  ASSERT_EQ(counts.size(), 2U);
  EXPECT_EQ(counts[0].fullname, "t.py::test_a");
  EXPECT_DOUBLE_EQ(counts[0].per_call(), (143'568'746.0 - 71'580'667.0) / 2.0);
  EXPECT_DOUBLE_EQ(counts[1].per_call(), (25'685'481.0 - 12'861'309.0) / 2.0);
}

TEST(InstructionDumps, RepeatedSegmentsKeepTheLeastOfEachKindSoAOneOffCostIsDropped) {
  const auto log = parse_marker_log(
      R"({"markers": 7, "benchmarks": [{"name": "a", "fullname": "t.py::a", "calls": 2, "first_marker": 0,
                                         "repeats": 3}]})");
  // Segments K, 2K, K, 2K, K, 2K end at dumps 2..7; the first 2K segment
  // paid a one-off 40,000 instructions (an arena growing, say).
  const std::map<int, long long> dumps{{1, 900'000'000}, {2, 1'000'100}, {3, 2'040'100}, {4, 1'000'000},
                                       {5, 2'000'300},   {6, 1'000'050}, {7, 2'000'000}};
  const auto counts = counts_from_dumps(log, dumps);
  ASSERT_EQ(counts.size(), 1U);
  EXPECT_EQ(counts[0].segment_k, 1'000'000);
  EXPECT_EQ(counts[0].segment_2k, 2'000'000);
  EXPECT_DOUBLE_EQ(counts[0].per_call(), 500'000.0);
  const std::map<int, long long> short_of_one{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}};
  EXPECT_THROW(counts_from_dumps(parse_marker_log(R"({"markers": 6, "benchmarks": [{"name": "a", "fullname": "a",
                                   "calls": 2, "first_marker": 0, "repeats": 3}]})"),
                                 short_of_one),
               std::runtime_error);
}

TEST(InstructionDumps, ADumpMoreThanTheMarkersIsRefusedNotGuessed) {
  const auto log = parse_marker_log(
      R"({"markers": 3, "benchmarks": [{"name": "a", "fullname": "a", "calls": 1, "first_marker": 0}]})");
  const std::map<int, long long> four{{1, 10}, {2, 20}, {3, 40}, {4, 41}};  // the project called getppid() too
  EXPECT_THROW(counts_from_dumps(log, four), std::runtime_error);
  EXPECT_THROW(parse_marker_log("{\"markers\": 1}"), std::exception);
}

std::string real_python() {
  sdk::ProcessRequest request;
  request.argv = {"python3", "-c", "import sys; print(sys.executable)"};
  auto out = services::run_process(request).out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

constexpr const char* kBenchmarks = R"(def work(n):
    total = 0
    for _ in range(n):
        total += 1
    return total


def test_small(benchmark):
    assert benchmark(work, 20000) > 0


def test_large(benchmark):
    assert benchmark.pedantic(work, args=(80000,), rounds=3) > 0


def test_not_a_benchmark():
    pass
)";

InstructionRun count(const ScratchDir& project, int calls) {
  InstructionRequest request;
  request.target.checkout = project.path();
  request.target.python = {real_python()};
  request.target.benchmark_files = {"tests/test_work.py"};
  request.target.timeout = 300s;
  // Only pytest-benchmark: every other plugin installed in the interpreter
  // would be start-up work valgrind runs ~50x slower (prhost's own runs
  // isolate plugins the same way, pytest/plugin_plan.hpp).
  request.target.plugin_modules = std::vector<std::string>{"pytest_benchmark.plugin"};
  request.valgrind = "/usr/bin/valgrind";
  request.calls = calls;
  FakeHostServices services;
  return run_instructions_once(request, services);
}

TEST(InstructionRun, ACallCostsTheSameInstructionsWhateverTheStartUpAndKAndScalesWithTheWork) {
  if (!std::filesystem::exists("/usr/bin/valgrind")) GTEST_SKIP() << "valgrind is not installed";
  ScratchDir project;
  write_file(project / "tests/test_work.py", kBenchmarks);
  const auto one = count(project, 1);
  ASSERT_TRUE(one.ok) << one.process.err << (one.failure ? one.failure->detail : "");
  const auto three = count(project, 3);
  ASSERT_TRUE(three.ok) << three.process.err;
  ASSERT_EQ(one.benchmarks.size(), 2U) << "the test without `benchmark` is not counted";
  ASSERT_EQ(three.benchmarks.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    const double a = one.benchmarks[i].per_call();
    const double b = three.benchmarks[i].per_call();
    ASSERT_GT(a, 0.0);
    EXPECT_LT(std::fabs(b / a - 1.0), 0.002) << one.benchmarks[i].name << ": " << a << " vs " << b;
  }
  // 4x the iterations of the same small-int loop is 4x the instructions.
  const double ratio = one.benchmarks[1].per_call() / one.benchmarks[0].per_call();
  EXPECT_NEAR(ratio, 4.0, 0.05);
  EXPECT_EQ(one.argv.front(), "/usr/bin/valgrind");
}

TEST(InstructionRun, AFailingBenchmarkIsAClassifiedFailure) {
  if (!std::filesystem::exists("/usr/bin/valgrind")) GTEST_SKIP() << "valgrind is not installed";
  ScratchDir project;
  write_file(project / "tests/test_work.py", "def test_boom(benchmark):\n    benchmark(lambda: 1 / 0)\n");
  const auto run = count(project, 1);
  EXPECT_FALSE(run.ok);
  ASSERT_TRUE(run.failure.has_value());
}

}  // namespace
}  // namespace prhost::compare::measure
