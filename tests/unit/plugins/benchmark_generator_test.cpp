// The four domain generators: each writes a module Python can parse, with
// the real function imported, the domain's way of measuring, the compare
// flags in its docstring, mocks with their allocations, and an explicit
// failure (never a trivial input) when an input is missing. Plus the default
// input recipes registered by domain-cpu.
#include <gtest/gtest.h>

#include <set>

#include "domain-async/async_module.hpp"
#include "domain-cpu/cpu_module.hpp"
#include "domain-mem/mem_module.hpp"
#include "domain-struct/struct_module.hpp"
#include "fake_host_services.hpp"
#include "prhost/sdk/plugin.hpp"
#include "recording_registry.hpp"
#include "test_support.hpp"

namespace prhost::plugins {
namespace {

using testing::FakeHostServices;

sdk::BenchmarkRequest request_for(const std::string& domain) {
  sdk::BenchmarkRequest request;
  request.target.module = "textkit.words";
  request.target.qualname = "count_words";
  request.domains = {domain};
  request.test_name = "test_benchmark_count_words";
  request.imports = {"from textkit.words import count_words"};
  request.setup_code = "text = 'a b c ' * 250_000\n";
  request.call_expression = "count_words(text)";
  request.input_notes = {"text: ~1 MB of text (input recipe cpu.text)"};
  request.benchmark_path = "tests/benchmarks/test_benchmark_count_words.py";
  request.compare_flags = "--timeout 120";
  return request;
}

// python3 parses the module (syntax only: nothing is imported or run).
void expect_valid_python(const std::string& source) {
  testing::ScratchDir dir;
  testing::write_file(dir / "module.py", source);
  const auto result = testing::run(
      {"python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", (dir / "module.py").string()},
      dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err << "\n" << source;
}

std::string generate(const sdk::BenchmarkGenerator& generator, const sdk::BenchmarkRequest& request) {
  FakeHostServices services;
  const auto module = generator.generate(request, services).source;
  expect_valid_python(module);
  return module;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(BenchmarkGenerators, EachDomainRegistersOneWithPrecedenceAndCpuIsTheFallback) {
  const std::pair<sdk::RegisterFunction, std::string> plugins[] = {{&mem::register_contributions, "mem"},
                                                                   {&cpu::register_contributions, "cpu"},
                                                                   {&async::register_contributions, "async"},
                                                                   {&structure::register_contributions, "struct"}};
  std::set<int> precedences;
  for (const auto& [plugin, domain] : plugins) {
    testing::RecordingRegistry registry;
    FakeHostServices services;
    plugin(registry, services);
    ASSERT_EQ(registry.generators.size(), 1u) << domain;
    EXPECT_EQ(registry.generators[0].id, domain + ".benchmark");
    EXPECT_EQ(registry.generators[0].domain, domain);
    EXPECT_EQ(registry.generators[0].fallback, domain == "cpu");
    precedences.insert(registry.generators[0].precedence);
  }
  EXPECT_EQ(precedences.size(), 4u) << "a change with two domains always has one winner";
  EXPECT_GT(structure::make_benchmark_generator().precedence, mem::make_benchmark_generator().precedence);
  EXPECT_GT(mem::make_benchmark_generator().precedence, cpu::make_benchmark_generator().precedence);
}

TEST(BenchmarkGenerators, CpuTimesOneCallWithInputsBuiltOutside) {
  const auto module = generate(cpu::make_benchmark_generator(), request_for("cpu"));
  EXPECT_TRUE(module.starts_with("\"\"\"Benchmark for textkit.words:count_words (cpu domain)."));
  EXPECT_TRUE(has(module, "python -m pytest tests/benchmarks/test_benchmark_count_words.py --benchmark-only"));
  EXPECT_TRUE(has(module, "prhost compare <base> <head> --timeout 120"));
  EXPECT_TRUE(has(module, "from textkit.words import count_words\n"));
  EXPECT_TRUE(has(module, "def test_benchmark_count_words(benchmark):\n"));
  EXPECT_TRUE(has(module, "    text = 'a b c ' * 250_000\n\n    def _once():\n        return count_words(text)\n"));
  EXPECT_TRUE(has(module, "    benchmark(_once)\n"));
  EXPECT_FALSE(has(module, "mock")) << "nothing is mocked when no boundary is reached";
}

TEST(BenchmarkGenerators, MemMeasuresPeakMemoryWithMocksThatAllocateAndPatchesAtTheBoundary) {
  auto request = request_for("mem");
  request.compare_flags = "--memory";
  sdk::MockProvider ocr;
  ocr.id = "acme.fake-ocr-agent";
  ocr.description = "OCR model (30 MiB)";
  ocr.python_source =
      "class FakeOCRAgent:\n    def get_layout(self, image):\n        _b = bytearray(30 * 1024 * 1024)\n"
      "        return TextRegions([])\n";
  ocr.imports = {"from acme.layout import TextRegions"};
  request.mocks = {ocr};
  request.patches = {{"acme.pipeline.OCRAgent", "FakeOCRAgent"}};
  const auto module = generate(mem::make_benchmark_generator(), request);
  EXPECT_TRUE(has(module, "--memray"));
  EXPECT_TRUE(has(module, "prhost compare <base> <head> --memory\n"));
  EXPECT_TRUE(has(module, "MEMORY_ROUNDS = 5"));
  EXPECT_TRUE(has(module, "    benchmark.pedantic(_round, rounds=MEMORY_ROUNDS, iterations=1"));
  // codeflash's fixture has no pedantic(): the same file must run there too.
  EXPECT_TRUE(has(module, "if hasattr(benchmark, \"pedantic\"):"));
  EXPECT_TRUE(has(module, "else:  # codeflash's fixture has no pedantic(): it chooses its own rounds\n"));
  EXPECT_TRUE(has(module, "    benchmark(_round)\n"));
  expect_valid_python(module);
  EXPECT_TRUE(has(module, "bytearray(30 * 1024 * 1024)"));
  EXPECT_TRUE(has(module, "from acme.layout import TextRegions\n"));
  EXPECT_TRUE(has(module, "from unittest import mock\n"));
  EXPECT_TRUE(has(module, "patches.enter_context(mock.patch(\"acme.pipeline.OCRAgent\", FakeOCRAgent))"));
  EXPECT_TRUE(has(module, "FakeOCRAgent: OCR model (30 MiB)"));
}

TEST(BenchmarkGenerators, AsyncUsesAFreshEventLoopPerRoundOrAnyioWhenTheProjectUsesIt) {
  auto request = request_for("async");
  request.target.is_async = true;
  request.call_expression = "fetch(urls)";
  const auto asyncio_module = generate(async::make_benchmark_generator(), request);
  EXPECT_TRUE(has(asyncio_module, "import asyncio\n"));
  EXPECT_TRUE(has(asyncio_module, "loop = asyncio.new_event_loop()"));
  EXPECT_TRUE(has(asyncio_module, "loop.run_until_complete(fetch(urls))"));
  EXPECT_TRUE(has(asyncio_module, "loop.close()"));

  request.project_uses_anyio = true;
  const auto anyio_module = generate(async::make_benchmark_generator(), request);
  EXPECT_TRUE(has(anyio_module, "import anyio\n"));
  EXPECT_TRUE(has(anyio_module, "    async def _main():\n        return await fetch(urls)\n")) << anyio_module;
  EXPECT_TRUE(has(anyio_module, "anyio.run(_main)"));

  // Any generator given a coroutine function still runs it, one loop per call.
  request.project_uses_anyio = false;
  EXPECT_TRUE(has(generate(cpu::make_benchmark_generator(), request), "asyncio.run(fetch(urls))"));
}

TEST(BenchmarkGenerators, StructBuildsAndUsesManyInstancesAndReadsTheCountFromItsOptions) {
  auto request = request_for("struct");
  request.target.qualname = "Point.norm";
  request.test_name = "test_benchmark_Point_norm";
  request.setup_code = "x = 3.0\ny = 4.0\n";
  request.instance_expression = "Point(x, y)";
  request.call_expression = "instance.norm()";
  request.compare_flags = "--memory --timeout 120";
  FakeHostServices services;
  services.int_options["instances"] = 1000;
  const auto module = structure::make_benchmark_generator().generate(request, services).source;
  expect_valid_python(module);
  EXPECT_TRUE(has(module, "STRUCT_INSTANCES = 1000"));
  EXPECT_TRUE(has(module, "instances = [Point(x, y) for _ in range(STRUCT_INSTANCES)]"));
  EXPECT_TRUE(has(module, "return [instance.norm() for instance in instances]"));
  EXPECT_TRUE(has(module, "        benchmark.pedantic(_many, rounds=STRUCT_ROUNDS"));
  EXPECT_TRUE(has(module,
                  "    else:  # codeflash's fixture has no pedantic(): it chooses its own rounds\n"
                  "        benchmark(_many)\n"));
  EXPECT_TRUE(has(module, "prhost compare <base> <head> --memory --timeout 120"));
}

TEST(BenchmarkGenerators, AMissingInputIsAnExplicitFailureNamingItNeverATrivialValue) {
  for (const auto& generator : {cpu::make_benchmark_generator(), mem::make_benchmark_generator(),
                                async::make_benchmark_generator(), structure::make_benchmark_generator()}) {
    auto request = request_for(generator.domain);
    request.missing_input_reason = "no realistic input for `window` of `calc.core:checksum`";
    const auto module = generate(generator, request);
    EXPECT_TRUE(has(module, "import pytest\n")) << generator.id;
    EXPECT_TRUE(has(module, "# prhost: needs input: no realistic input for `window`")) << generator.id;
    EXPECT_TRUE(has(module, "pytest.fail(")) << generator.id;
    EXPECT_FALSE(has(module, "benchmark(")) << generator.id;
  }
}

TEST(DefaultInputRecipes, RealisticSizesRegisteredByDomainCpuWithLibraryGuards) {
  testing::RecordingRegistry registry;
  FakeHostServices services;
  cpu::register_contributions(registry, services);
  std::map<std::string, sdk::InputRecipe> by_id;
  for (const auto& recipe : registry.recipes) by_id[recipe.id] = recipe;
  ASSERT_TRUE(by_id.contains("cpu.text"));
  EXPECT_TRUE(by_id["cpu.text"].requires_module.empty());
  EXPECT_TRUE(has(by_id["cpu.bytes"].expression, "10 * 1024 * 1024"));
  EXPECT_TRUE(has(by_id["cpu.int-list"].expression, "100_000"));
  EXPECT_EQ(by_id["cpu.numpy-page-array"].requires_module, "numpy");
  EXPECT_TRUE(has(by_id["cpu.numpy-page-array"].expression, "(2200, 1700, 3)"));
  EXPECT_EQ(by_id["cpu.pillow-page-image"].requires_module, "PIL");
  EXPECT_TRUE(has(by_id["cpu.pillow-page-image"].expression, "(1700, 2200)"));

  // The stdlib recipes really have their documented sizes.
  for (const auto& [id, size] : std::map<std::string, std::string>{{"cpu.text", "900_000 < len(v) < 1_200_000"},
                                                                   {"cpu.bytes", "len(v) == 10 * 1024 * 1024"},
                                                                   {"cpu.int-list", "len(v) == 100_000"},
                                                                   {"cpu.str-list", "len(v) == 100_000"}}) {
    std::string program;
    for (const auto& line : by_id[id].imports) program += line + "\n";
    program += "v = " + by_id[id].expression + "\nassert " + size + ", len(v)\n";
    const auto result = testing::run({"python3", "-c", program}, std::filesystem::current_path());
    EXPECT_EQ(result.exit_code, 0) << id << ": " << result.err;
  }
}

TEST(DefaultInputRecipes, PageSizedArrayAndImageBuildWhenTheLibrariesAreThere) {
  testing::RecordingRegistry registry;
  FakeHostServices services;
  cpu::register_contributions(registry, services);
  for (const auto& recipe : registry.recipes) {
    if (recipe.requires_module.empty()) continue;
    if (testing::run({"python3", "-c", "import " + recipe.requires_module}, std::filesystem::current_path())
            .exit_code != 0) {
      GTEST_SKIP() << recipe.requires_module
                   << " is not installed for python3 (scripts/bootstrap.sh should install numpy and Pillow)";
    }
    std::string program;
    for (const auto& line : recipe.imports) program += line + "\n";
    program += "v = " + recipe.expression + "\n";
    const auto result = testing::run({"python3", "-c", program}, std::filesystem::current_path());
    EXPECT_EQ(result.exit_code, 0) << recipe.id << ": " << result.err;
  }
}

}  // namespace
}  // namespace prhost::plugins
