// The benchmark-pitfall checks (core.benchmark-pitfalls, mem.mocks-allocate,
// async.loop-per-round) on real benchmark files, read by the real AST reader
// (sdk/python/prhost_benchmark_facts.py) in the machine's python3.
#include <gtest/gtest.h>

#include "checks-core/checks_core_module.hpp"
#include "domain-async/async_module.hpp"
#include "domain-mem/mem_module.hpp"
#include "fake_host_services.hpp"
#include "prhost/sdk/helpers/benchmark_facts.hpp"
#include "test_support.hpp"

namespace prhost::plugins {
namespace {

using testing::FakeHostServices;
using testing::ScratchDir;
using testing::write_file;

constexpr const char* kFile = "tests/benchmarks/test_benchmark_parse.py";

sdk::CheckContext context(const ScratchDir& project, const std::string& benchmark_source) {
  write_file(project / kFile, benchmark_source);
  sdk::CheckContext ctx;
  ctx.project.root = project.path();
  ctx.python = {"python3"};
  ctx.benchmarks_root = "tests/benchmarks";
  ctx.benchmark_files = {kFile};
  return ctx;
}

bool any_hint_has(const sdk::CheckResult& result, const std::string& part) {
  return std::any_of(result.hints.begin(), result.hints.end(),
                     [&](const std::string& hint) { return hint.find(part) != std::string::npos; });
}

std::string hints_of(const sdk::CheckResult& result) {
  std::string all;
  for (const auto& hint : result.hints) all += hint + "\n";
  return result.message + "\n" + all;
}

constexpr const char* kCleanBenchmark = R"(from shop import parse


def test_benchmark_parse(benchmark):
    data = "item," * 10_000
    benchmark(parse, data)
)";

TEST(BenchmarkFacts, ReaderStatesWhatTheBenchmarkMeasuresAndPatches) {
  ScratchDir project;
  const auto ctx = context(project, R"(from unittest.mock import patch
from shop import parse


def test_benchmark_parse(benchmark):
    with patch("shop.io.fetch", return_value=b"x" * 1024):
        benchmark(lambda: parse("a"))
)");
  FakeHostServices services;
  const auto facts = sdk::helpers::read_benchmark_facts(ctx, services);
  ASSERT_TRUE(facts.failure.empty()) << facts.failure;
  ASSERT_EQ(facts.of_kind("measured").size(), 1u);
  EXPECT_EQ(facts.of_kind("measured")[0].detail(0), "parse");
  EXPECT_EQ(facts.of_kind("measured")[0].where(), std::string(kFile) + ":7");
  ASSERT_EQ(facts.of_kind("patch").size(), 1u);
  EXPECT_EQ(facts.of_kind("patch")[0].detail(0), "shop.io.fetch");
  ASSERT_EQ(facts.of_kind("mock").size(), 1u);
  EXPECT_EQ(facts.of_kind("mock")[0].detail(1), "yes") << "its return value allocates";
  // Isolated mode: a project module named like a stdlib one cannot shadow it.
  EXPECT_EQ(services.requests.at(0).argv.at(1), "-I");
}

TEST(BenchmarkPitfallsCheck, PatchingTheMeasuredFunctionIsAnError) {
  ScratchDir project;
  const auto ctx = context(project, R"(from unittest.mock import patch
import shop


def test_benchmark_parse(benchmark):
    with patch("shop.parse", return_value=[]):
        benchmark(shop.parse, "a,b")
)");
  FakeHostServices services;
  const auto result = checks_core::make_benchmark_pitfalls_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Error) << hints_of(result);
  EXPECT_TRUE(any_hint_has(result, std::string(kFile) + ":6: patches `parse`")) << hints_of(result);
}

TEST(BenchmarkPitfallsCheck, PropertyMockOnAnInstanceIsAnErrorAndOnTheTypeIsNot) {
  ScratchDir project;
  const auto ctx = context(project, R"(from unittest.mock import patch, PropertyMock
from shop import parse, limits


def test_benchmark_parse(benchmark):
    with patch.object(limits, "max_rows", new_callable=PropertyMock, return_value=5):
        benchmark(parse, "a")


def test_benchmark_parse_typed(benchmark):
    with patch.object(type(limits), "max_rows", new_callable=PropertyMock, return_value=5):
        benchmark(parse, "a")
)");
  FakeHostServices services;
  const auto result = checks_core::make_benchmark_pitfalls_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Error);
  ASSERT_EQ(result.hints.size(), 1u) << hints_of(result);
  EXPECT_TRUE(any_hint_has(result, ":6: patches property `max_rows` on the instance `limits`")) << hints_of(result);
  EXPECT_TRUE(any_hint_has(result, "patch.object(type(limits)")) << "the edit is spelled out";
}

TEST(BenchmarkPitfallsCheck, PatchedConfigurationIsAWarning) {
  ScratchDir project;
  const auto ctx = context(project, R"(from shop import parse, settings


def test_benchmark_parse(benchmark, monkeypatch):
    monkeypatch.setattr(settings, "CHUNK", 10)
    benchmark(parse, "a")
)");
  FakeHostServices services;
  const auto result = checks_core::make_benchmark_pitfalls_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning) << hints_of(result);
  EXPECT_TRUE(any_hint_has(result, "patches configuration (`settings.CHUNK`)")) << hints_of(result);
}

TEST(BenchmarkPitfallsCheck, CleanBenchmarkIsOkAndMissingFilesAreNotApplicable) {
  ScratchDir project;
  auto ctx = context(project, kCleanBenchmark);
  FakeHostServices services;
  EXPECT_EQ(checks_core::make_benchmark_pitfalls_check().run(ctx, services).status, sdk::CheckStatus::Ok);
  ctx.benchmark_files = {"tests/benchmarks/test_benchmark_absent.py"};
  EXPECT_EQ(checks_core::make_benchmark_pitfalls_check().run(ctx, services).status, sdk::CheckStatus::NotApplicable);
}

TEST(BenchmarkPitfallsCheck, UnparsableBenchmarkIsNamedNotIgnored) {
  ScratchDir project;
  const auto ctx = context(project, "def test_benchmark_parse(benchmark:\n");
  FakeHostServices services;
  const auto result = checks_core::make_benchmark_pitfalls_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning);
  EXPECT_TRUE(any_hint_has(result, std::string(kFile) + ": could not be read")) << hints_of(result);
}

constexpr const char* kSilentMocks = R"(from unittest.mock import patch, MagicMock
from shop import load_catalog


def fake_decode(blob):
    return {"rows": []}


def test_benchmark_load_catalog(benchmark):
    model = MagicMock(return_value=None)
    with patch("shop.codec.decode", fake_decode), patch("shop.model.get", model):
        benchmark(load_catalog, "catalog.bin")
)";

TEST(MockAllocationCheck, MocksThatAllocateNothingWarnForMemoryComparisons) {
  ScratchDir project;
  auto ctx = context(project, kSilentMocks);
  ctx.domains = {"mem"};
  FakeHostServices services;
  const auto result = mem::make_mock_allocation_check().run(ctx, services);
  EXPECT_EQ(result.status, sdk::CheckStatus::Warning) << hints_of(result);
  EXPECT_TRUE(any_hint_has(result, "allocate nothing")) << hints_of(result);
  EXPECT_TRUE(any_hint_has(result, "def fake_decode at :5")) << hints_of(result);
}

TEST(MockAllocationCheck, AStandInThatAllocatesIsFineAndCpuOnlyIsNotApplicable) {
  ScratchDir project;
  std::string allocating = kSilentMocks;
  allocating.replace(allocating.find("return {\"rows\": []}"), 20, "return bytearray(50 * 1024 * 1024)");
  auto ctx = context(project, allocating);
  ctx.domains = {"mem"};
  FakeHostServices services;
  EXPECT_EQ(mem::make_mock_allocation_check().run(ctx, services).status, sdk::CheckStatus::Ok);
  ctx.domains = {"cpu"};
  EXPECT_EQ(mem::make_mock_allocation_check().run(ctx, services).status, sdk::CheckStatus::NotApplicable);
}

TEST(LoopReuseCheck, OneLoopForEveryRoundWarnsAndAsyncioRunPerRoundIsOk) {
  ScratchDir project;
  auto ctx = context(project, R"(import asyncio
from shop import fetch_all

loop = asyncio.new_event_loop()


def test_benchmark_fetch_all(benchmark):
    benchmark(loop.run_until_complete, fetch_all(["a", "b"]))
)");
  FakeHostServices services;
  const auto reused = async::make_loop_reuse_check().run(ctx, services);
  EXPECT_EQ(reused.status, sdk::CheckStatus::Warning) << hints_of(reused);
  EXPECT_TRUE(any_hint_has(reused, std::string(kFile) + ":8: every round runs on the one loop `loop`"))
      << hints_of(reused);

  write_file(project / kFile, R"(import asyncio
from shop import fetch_all


def test_benchmark_fetch_all(benchmark):
    benchmark(lambda: asyncio.run(fetch_all(["a", "b"])))
)");
  EXPECT_EQ(async::make_loop_reuse_check().run(ctx, services).status, sdk::CheckStatus::Ok);
}

}  // namespace
}  // namespace prhost::plugins
