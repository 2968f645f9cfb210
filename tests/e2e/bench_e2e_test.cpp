// `prhost bench` end to end: real git repositories holding small Python
// projects (one per domain), the real default plugins (and the in-house
// example plugin) loaded from disk, the project's real interpreter, and the
// generated benchmarks run with real pytest-benchmark (and pytest-memray).
//
// The bench logic runs in-process through the same Session and context the
// command builds (bench/session_context.hpp); one test also drives the
// binary once `bench` is registered in the command list.
#include <gtest/gtest.h>

#include <filesystem>

#include "bench/bench_render.hpp"
#include "bench/bench_runner.hpp"
#include "bench/inventory_source.hpp"
#include "bench/session_context.hpp"
#include "session/session.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

namespace prhost::testing {
namespace {

const char* kPyproject = "[project]\nname = \"fixture\"\nversion = \"0.1.0\"\n";

// The tests of the static input sources (recipes, harvested call sites)
// switch call recording off: a recorded call would come first.
const bench::BenchOptions kStaticInputs{.record = false};

bench::BenchReport bench_in(const std::filesystem::path& root, const bench::BenchOptions& options = {},
                            bool with_inhouse_plugin = false) {
  SessionOptions globals;
  globals.project_dir = root;
  // In-house plugins come first on the search path, as a team configures
  // them, so their recipes are tried before the defaults.
  if (with_inhouse_plugin) globals.plugin_dirs.emplace_back(PRHOST_INHOUSE_PLUGIN_DIR);
  globals.plugin_dirs.emplace_back(PRHOST_PLUGIN_DIR);
  globals.quiet = true;
  const auto session = Session::open(globals);
  const auto snapshot = bench::load_inventory(session);
  return bench::run_bench(bench::make_context(session, snapshot), options);
}

const bench::BenchRow* row_for(const bench::BenchReport& report, const std::string& function) {
  for (const auto& row : report.rows) {
    if (row.function == function) return &row;
  }
  return nullptr;
}

std::string describe(const bench::BenchReport& report) { return bench::render_table(report); }

// Real pytest-benchmark, timing for real (kept short).
sdk::ProcessResult run_benchmark(const std::filesystem::path& root, const std::string& path) {
  return run({"python3", "-m", "pytest", path, "--benchmark-only", "-q", "-p", "no:cacheprovider",
              "--benchmark-max-time=0.05", "--benchmark-min-rounds=1", "--benchmark-warmup=off"},
             root, {{"PYTHONDONTWRITEBYTECODE", "1"}});
}

bool python_has(const std::string& module) {
  return run({"python3", "-c", "import " + module}, std::filesystem::current_path()).exit_code == 0;
}

// The generated file under the real codeflash benchmark plugin, started the
// way `codeflash compare` starts it (codeflash/benchmarking/trace_benchmarks.py):
// codeflash's own `benchmark` fixture, which has no pedantic(), with
// pytest-benchmark blocked. codeflash only logs a run that fails, so the
// rounds it stored in its trace are what proves the file ran there.
void expect_runs_under_codeflash(const std::filesystem::path& root, const bench::BenchRow& row) {
  ScratchDir scratch;
  const auto trace = (scratch.path() / "trace.sqlite").string();
  const std::map<std::string, std::string> env{{"PYTHONPATH", root.string()}, {"PYTHONDONTWRITEBYTECODE", "1"}};
  const auto traced =
      run({"python3", "-m", "codeflash.benchmarking.pytest_new_process_trace_benchmarks", row.path, "tests", trace},
          root, env);
  EXPECT_EQ(traced.exit_code, 0) << row.path << " under codeflash's fixture\n" << traced.out << traced.err;
  const auto rounds = run({"python3", "-c",
                           "import sqlite3, sys\n"
                           "rows = sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM benchmark_timings "
                           "WHERE benchmark_function_name = ?', (sys.argv[2],)).fetchone()\n"
                           "print(rows[0])",
                           trace, row.test_name},
                          root);
  EXPECT_GE(std::atoi(rounds.out.c_str()), 5) << "codeflash stores at least 5 rounds of " << row.test_name << "\n"
                                              << rounds.out << rounds.err;
}

// The same file in codeflash's memory run (pytest-memray, codeflash's
// fixture without tracing: a plain call).
void expect_codeflash_memory_run(const std::filesystem::path& root, const bench::BenchRow& row) {
  ScratchDir scratch;
  const auto bin_dir = scratch.path() / "memray";
  const auto measured = run({"python3", "-m", "codeflash.benchmarking.pytest_new_process_memory_benchmarks", row.path,
                             bin_dir.string(), "prhost"},
                            root, {{"PYTHONPATH", root.string()}, {"PYTHONDONTWRITEBYTECODE", "1"}});
  EXPECT_EQ(measured.exit_code, 0) << row.path << " in codeflash's memory run\n" << measured.out << measured.err;
  bool profiled = false;
  if (std::filesystem::exists(bin_dir)) {
    for (const auto& entry : std::filesystem::directory_iterator(bin_dir)) {
      profiled |= entry.path().filename().string().ends_with(row.test_name + ".bin");
    }
  }
  EXPECT_TRUE(profiled) << "memray wrote no profile of " << row.test_name << " in " << bin_dir;
}

// ---------------------------------------------------------------- cpu

void write_textkit(const GitRepo& repo) {
  repo.write("pyproject.toml", kPyproject);
  repo.write("textkit/__init__.py", "");
  repo.write("textkit/words.py",
             "def count_words(text: str) -> int:\n"
             "    return len([w for w in text.split(' ') if w])\n\n\n"
             "def dedupe(tokens):\n"
             "    out = []\n"
             "    for token in tokens:\n"
             "        if token not in out:\n"
             "            out.append(token)\n"
             "    return out\n");
  repo.write("tests/test_words.py",
             "from textkit.words import count_words, dedupe\n\n"
             "TOKENS = ['alpha', 'beta', 'alpha', 'gamma', 'beta']\n\n\n"
             "def test_dedupe():\n"
             "    assert dedupe(TOKENS) == ['alpha', 'beta', 'gamma']\n\n\n"
             "def test_count():\n"
             "    assert count_words('a b  c') == 3\n");
}

TEST(BenchCpu, RecipeAndHarvestedInputsPassWithRealPytestBenchmarkAndASecondRunChangesNothing) {
  GitRepo repo;
  write_textkit(repo);
  repo.commit("initial");
  repo.write("textkit/words.py",
             "def count_words(text: str) -> int:\n"
             "    return sum(1 for w in text.split(' ') if w)\n\n\n"
             "def dedupe(tokens):\n"
             "    return list(dict.fromkeys(tokens))\n");
  repo.commit("cpu: split once and dedupe through a dict");

  const auto report = bench_in(repo.root(), kStaticInputs);
  ASSERT_TRUE(bench::all_ready(report)) << describe(report);
  const auto* count = row_for(report, "textkit.words:count_words");
  const auto* dedupe = row_for(report, "textkit.words:dedupe");
  ASSERT_TRUE(count && dedupe) << describe(report);
  EXPECT_EQ(count->status, bench::BenchStatus::Created);
  EXPECT_EQ(count->path, "tests/benchmarks/test_benchmark_count_words.py");
  EXPECT_EQ(count->generator, "cpu.benchmark");
  EXPECT_NE(count->inputs.find("recipe cpu.text"), std::string::npos) << count->inputs;
  EXPECT_NE(dedupe->inputs.find("tests (scaled)"), std::string::npos) << dedupe->inputs;

  const auto source = read_file(repo.root() / count->path);
  EXPECT_NE(source.find("from textkit.words import count_words"), std::string::npos) << source;
  EXPECT_NE(source.find("python -m pytest tests/benchmarks/test_benchmark_count_words.py --benchmark-only"),
            std::string::npos)
      << source;
  EXPECT_NE(source.find("prhost compare <base> <head> --timeout 120"), std::string::npos) << source;
  EXPECT_NE(source.find("def test_benchmark_count_words(benchmark):"), std::string::npos);
  const auto dedupe_source = read_file(repo.root() / dedupe->path);
  EXPECT_NE(dedupe_source.find("* 20000"), std::string::npos) << "5 tokens scaled to 100k:\n" << dedupe_source;
  EXPECT_FALSE(std::filesystem::exists(repo.root() / "tests/benchmarks/__init__.py"))
      << "the tests are not a package, so neither is the benchmarks root";
  EXPECT_FALSE(std::filesystem::exists(repo.root() / ".pytest_cache"));

  for (const auto* row : {count, dedupe}) {
    const auto result = run_benchmark(repo.root(), row->path);
    EXPECT_EQ(result.exit_code, 0) << row->path << "\n" << result.out << result.err;
  }
  expect_runs_under_codeflash(repo.root(), *count);

  const auto before = std::filesystem::last_write_time(repo.root() / count->path);
  const auto again = bench_in(repo.root(), kStaticInputs);
  ASSERT_TRUE(bench::all_ready(again)) << describe(again);
  for (const auto& row : again.rows) EXPECT_EQ(row.status, bench::BenchStatus::Exists) << describe(again);
  EXPECT_TRUE(again.created_paths.empty());
  EXPECT_EQ(std::filesystem::last_write_time(repo.root() / count->path), before);

  // --force rewrites prhost's own file (same content, so the same test).
  const auto forced = bench_in(repo.root(), {.only = 1, .force = true, .record = false});
  EXPECT_EQ(row_for(forced, "textkit.words:count_words")->status, bench::BenchStatus::Created) << describe(forced);
  EXPECT_EQ(read_file(repo.root() / count->path), source);
}

TEST(BenchCpu, OnlyUnknownNumberIsAnErrorNamingTheCount) {
  GitRepo repo;
  write_textkit(repo);
  repo.commit("cpu: initial words");
  try {
    bench_in(repo.root(), {.only = 7});
    FAIL() << "expected BenchError";
  } catch (const bench::BenchError& error) {
    EXPECT_NE(std::string(error.what()).find("no optimization #7"), std::string::npos) << error.what();
  }
}

TEST(BenchCpu, AMissingInputIsAnExplicitFailureAndNeedsReviewOnEveryRun) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("calc/__init__.py", "");
  repo.write("calc/core.py", "def checksum(window):\n    return sum(window) % 255\n");
  repo.commit("initial");
  repo.write("calc/core.py", "def checksum(window):\n    return sum(window) & 0xFF\n");
  repo.commit("cpu: mask instead of modulo");

  const auto report = bench_in(repo.root());
  EXPECT_FALSE(bench::all_ready(report));
  const auto* row = row_for(report, "calc.core:checksum");
  ASSERT_NE(row, nullptr) << describe(report);
  EXPECT_EQ(row->status, bench::BenchStatus::NeedsReview);
  EXPECT_NE(row->cause.find("`window`"), std::string::npos) << row->cause;
  const auto source = read_file(repo.root() / row->path);
  EXPECT_NE(source.find("pytest.fail("), std::string::npos) << source;

  const auto result = run_benchmark(repo.root(), row->path);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.out.find("could not find a realistic input"), std::string::npos) << result.out;

  const auto again = bench_in(repo.root());
  EXPECT_EQ(row_for(again, "calc.core:checksum")->status, bench::BenchStatus::NeedsReview) << describe(again);
}

// Issue 8.1.3: with no test calling it, the function's docstring example is
// a static call site (doctest runs it with the module's globals).
TEST(BenchCpu, ADocstringExampleGivesTheInputsWhenNoTestCallsTheFunction) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("calc/__init__.py", "");
  const auto module = [](const std::string& body) {
    return "def checksum(window, seed):\n    \"\"\"Sum of a window.\n\n    >>> checksum([3, 1, 4, 1, 5],\n"
           "    ...          seed=9)\n    5\n    \"\"\"\n" +
           body;
  };
  repo.write("calc/core.py", module("    return (sum(window) + seed) % 256\n"));
  repo.commit("initial");
  repo.write("calc/core.py", module("    return (sum(window) + seed) & 0xFF\n"));
  repo.commit("cpu: mask instead of modulo");

  const auto report = bench_in(repo.root(), kStaticInputs);
  const auto* row = row_for(report, "calc.core:checksum");
  ASSERT_NE(row, nullptr) << describe(report);
  EXPECT_EQ(row->status, bench::BenchStatus::Created) << describe(report);
  EXPECT_NE(row->inputs.find("docstring (scaled)"), std::string::npos) << row->inputs;
  const auto source = read_file(repo.root() / row->path);
  EXPECT_NE(source.find("from calc/core.py:2, "), std::string::npos) << source;
  EXPECT_NE(source.find("seed = 9"), std::string::npos) << source;
  EXPECT_EQ(run_benchmark(repo.root(), row->path).exit_code, 0);
}

TEST(BenchCpu, ATomlHintWinsAndAFailingBenchmarkIsKeptWithItsCause) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("codec/__init__.py", "");
  repo.write("codec/header.py",
             "def parse_header(data: bytes) -> str:\n    return data[:64].decode('ascii')\n\n\n"
             "def parse_body(data: bytes) -> str:\n    return data.decode('ascii')\n");
  repo.commit("initial");
  repo.write("codec/header.py",
             "def parse_header(data: bytes) -> str:\n    return bytes(data[:64]).decode('ascii')\n\n\n"
             "def parse_body(data: bytes) -> str:\n    return str(data, 'ascii')\n");
  repo.commit("cpu: decode without an intermediate copy");
  repo.write("prhost.toml",
             "[[benchmark]]\nfunction = \"codec.header:parse_header\"\n"
             "setup = \"payload = b'GET / HTTP/1.1' * 100_000\"\ncall = \"parse_header(payload)\"\n");

  const auto report = bench_in(repo.root());
  const auto* header = row_for(report, "codec.header:parse_header");
  const auto* body = row_for(report, "codec.header:parse_body");
  ASSERT_TRUE(header && body) << describe(report);
  EXPECT_EQ(header->status, bench::BenchStatus::Created) << describe(report);
  EXPECT_NE(header->inputs.find("prhost.toml"), std::string::npos) << header->inputs;
  // parse_header reads 64 bytes whatever the input: under a microsecond for
  // real. The input is the user's, so the speed is said, not held against it.
  bool flagged = false;
  for (const auto& note : header->notes) flagged |= note.starts_with("flagged: it finishes in ");
  EXPECT_TRUE(flagged) << describe(report);
  // 10 MiB of random bytes are not ASCII: the run fails, the cause is named
  // and the file is kept for the user to fix.
  EXPECT_EQ(body->status, bench::BenchStatus::NeedsReview) << describe(report);
  EXPECT_NE(body->cause.find("UnicodeDecodeError"), std::string::npos) << body->cause;
  EXPECT_TRUE(std::filesystem::exists(repo.root() / body->path));
}

TEST(BenchCpu, AHandoffPythonBlockUnderTheOptimizationIsUsed) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("grid/__init__.py", "");
  repo.write("grid/ops.py", "def transpose(rows, width):\n    return [list(r) for r in zip(*rows)][:width]\n");
  repo.commit("initial");
  repo.write("grid/ops.py", "def transpose(rows, width):\n    return list(map(list, zip(*rows)))[:width]\n");
  const auto sha = repo.commit("speed up transpose");
  repo.write(".codeflash/HANDOFF.md", "# Handoff\n\n## Optimizations committed\n\n1. **" + sha.substr(0, 9) +
                                          "**: transpose through map (cpu)\n\n   Benchmark with:\n\n   ```python\n"
                                          "   rows = [[i] * 200 for i in range(2_000)]\n"
                                          "   transpose(rows, width=50)\n   ```\n\n## Discarded experiments\n\n"
                                          "- 1234abc: numpy transpose, slower\n");

  const auto report = bench_in(repo.root());
  const auto* row = row_for(report, "grid.ops:transpose");
  ASSERT_NE(row, nullptr) << describe(report);
  EXPECT_EQ(row->status, bench::BenchStatus::Created) << describe(report);
  EXPECT_NE(row->inputs.find(".codeflash/HANDOFF.md:"), std::string::npos) << row->inputs;
  EXPECT_NE(read_file(repo.root() / row->path).find("rows = [[i] * 200 for i in range(2_000)]"), std::string::npos);
}

// ---------------------------------------------------------------- async

TEST(BenchAsync, CoroutinesRunOnAFreshAsyncioLoopPerRound) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("netkit/__init__.py", "");
  repo.write("netkit/fetch.py",
             "import asyncio\n\n\nasync def fetch_sizes(urls: list[str]) -> list[int]:\n"
             "    out = []\n    for url in urls:\n        await asyncio.sleep(0)\n        out.append(len(url))\n"
             "    return out\n");
  repo.commit("initial");
  repo.write("netkit/fetch.py",
             "import asyncio\n\n\nasync def fetch_sizes(urls: list[str]) -> list[int]:\n"
             "    await asyncio.sleep(0)\n    return [len(url) for url in urls]\n");
  repo.commit("async: one await instead of one per url");

  const auto report = bench_in(repo.root());
  ASSERT_TRUE(bench::all_ready(report)) << describe(report);
  const auto* row = row_for(report, "netkit.fetch:fetch_sizes");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->generator, "async.benchmark");
  const auto source = read_file(repo.root() / row->path);
  EXPECT_NE(source.find("asyncio.new_event_loop()"), std::string::npos) << source;
  EXPECT_EQ(source.find("anyio"), std::string::npos) << "the project does not use anyio";
  const auto result = run_benchmark(repo.root(), row->path);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  expect_runs_under_codeflash(repo.root(), *row);
}

TEST(BenchAsync, AProjectThatUsesAnyioGetsAnyioRun) {
  if (!python_has("anyio")) GTEST_SKIP() << "anyio is not installed for python3 (scripts/bootstrap.sh installs it)";
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("netkit/__init__.py", "");
  repo.write("netkit/pool.py",
             "import anyio\n\n\nasync def total_length(names: list[str]) -> int:\n"
             "    await anyio.sleep(0)\n    return sum(len(n) for n in names)\n");
  repo.commit("initial");
  repo.write("netkit/pool.py",
             "import anyio\n\n\nasync def total_length(names: list[str]) -> int:\n"
             "    await anyio.sleep(0)\n    return sum(map(len, names))\n");
  repo.commit("async: sum through map");

  const auto report = bench_in(repo.root());
  ASSERT_TRUE(bench::all_ready(report)) << describe(report);
  const auto source = read_file(repo.root() / row_for(report, "netkit.pool:total_length")->path);
  EXPECT_NE(source.find("anyio.run(_main)"), std::string::npos) << source;
  EXPECT_EQ(run_benchmark(repo.root(), "tests/benchmarks/test_benchmark_total_length.py").exit_code, 0);
}

// ---------------------------------------------------------------- struct

TEST(BenchStruct, ManyInstancesBuiltLikeTheTestsBuildThemAndAMethodNamedClassUnderscoreMethod) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("geo/__init__.py", "");
  repo.write("geo/point.py",
             "class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n"
             "    def norm(self):\n        return (self.x ** 2 + self.y ** 2) ** 0.5\n");
  repo.write("tests/__init__.py", "");
  repo.write(
      "tests/test_point.py",
      "from geo.point import Point\n\n\ndef test_norm():\n    p = Point(3.0, 4.0)\n    assert p.norm() == 5.0\n");
  repo.commit("initial");
  repo.write("geo/point.py",
             "class Point:\n    __slots__ = ('x', 'y')\n\n    def __init__(self, x, y):\n        self.x = x\n"
             "        self.y = y\n\n    def norm(self):\n        return (self.x * self.x + self.y * self.y) ** 0.5\n");
  repo.commit("struct: __slots__ on Point");

  const auto report = bench_in(repo.root(), kStaticInputs);
  ASSERT_TRUE(bench::all_ready(report)) << describe(report);
  const auto* row = row_for(report, "geo.point:Point.norm");
  ASSERT_NE(row, nullptr) << describe(report);
  EXPECT_EQ(row->test_name, "test_benchmark_Point_norm");
  EXPECT_EQ(row->generator, "struct.benchmark");
  const auto source = read_file(repo.root() / row->path);
  EXPECT_NE(source.find("Point(x, y) for _ in range(STRUCT_INSTANCES)"), std::string::npos) << source;
  EXPECT_NE(source.find("--memory --timeout 120"), std::string::npos) << source;
  EXPECT_TRUE(std::filesystem::exists(repo.root() / "tests/benchmarks/__init__.py"))
      << "tests/ is a package, so the new benchmarks root is one too";
  const auto result = run_benchmark(repo.root(), row->path);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  expect_runs_under_codeflash(repo.root(), *row);
  expect_codeflash_memory_run(repo.root(), *row);
}

// Issue 8.2: a commit that only adds __slots__ changes no function; the class
// itself is the target, built the way the project's test builds it.
TEST(BenchStruct, AClassThatOnlyGainsSlotsIsTheTargetAndManyInstancesAreBuilt) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("tok/__init__.py", "");
  const std::string init = "    def __init__(self, kind, text):\n        self.kind = kind\n        self.text = text\n";
  repo.write("tok/token.py", "class Token:\n" + init);
  repo.write("tests/test_token.py",
             "from tok.token import Token\n\n\ndef test_token():\n    assert Token('word', 'hello').text == 'hello'\n");
  repo.commit("initial");
  repo.write("tok/token.py", "class Token:\n    __slots__ = ('kind', 'text')\n\n" + init);
  repo.commit("struct: __slots__ on Token");

  // The static path (the test's own construction); recording_e2e_test replays recorded ones.
  const auto report = bench_in(repo.root(), kStaticInputs);
  ASSERT_TRUE(bench::all_ready(report)) << describe(report);
  ASSERT_EQ(report.rows.size(), 1U) << describe(report);
  const auto& row = report.rows.front();
  EXPECT_EQ(row.function, "tok.token:Token");
  EXPECT_EQ(row.generator, "struct.benchmark");
  EXPECT_EQ(row.test_name, "test_benchmark_Token");
  bool says_layout = false;
  for (const auto& note : row.notes) says_layout |= note.starts_with("the class layout change (L2 of tok/token.py)");
  EXPECT_TRUE(says_layout) << describe(report);
  EXPECT_EQ(row.equivalence.status, bench::Equivalence::Status::Same) << row.equivalence.how;
  const auto source = read_file(repo.root() / row.path);
  EXPECT_NE(source.find("[Token(kind, text) for _ in instances]"), std::string::npos) << source;
  EXPECT_NE(source.find("kind = 'word'"), std::string::npos) << "the test's own arguments:\n" << source;
  const auto result = run_benchmark(repo.root(), row.path);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

// ---------------------------------------------------------------- mem + in-house mocks

void write_acme_docs(const GitRepo& repo, bool streaming) {
  repo.write("pyproject.toml", kPyproject);
  repo.write("acme_docs/__init__.py", "");
  repo.write("acme_docs/layout.py",
             "class TextRegions:\n    def __init__(self, element_coords):\n"
             "        self.element_coords = list(element_coords)\n");
  repo.write("acme_docs/ocr.py",
             "class OCRAgent:\n    def __init__(self):\n"
             "        raise RuntimeError('the OCR model weights are not available here')\n\n"
             "    def get_layout_from_image(self, image):\n        raise NotImplementedError\n");
  repo.write("acme_docs/pages.py",
             "PAGE_BYTES = 2 * 1024 * 1024\n\n\nclass Document:\n    def __init__(self, pages: int):\n"
             "        self.page_count = pages\n\n    @classmethod\n    def synthetic(cls, pages=20):\n"
             "        return cls(pages)\n\n    def page_image(self, index):\n        return bytearray(PAGE_BYTES)\n");
  repo.write("acme_docs/pipeline.py",
             std::string("from acme_docs.ocr import OCRAgent\nfrom acme_docs.pages import Document\n\n\n"
                         "def extract_layouts(document: Document) -> list:\n    agent = OCRAgent()\n") +
                 (streaming ? "    return [agent.get_layout_from_image(document.page_image(i))\n"
                              "            for i in range(document.page_count)]\n"
                            : "    images = [document.page_image(i) for i in range(document.page_count)]\n"
                              "    return [agent.get_layout_from_image(image) for image in images]\n"));
}

TEST(BenchMemWithInhouseMocks, UsesTheInhouseMockAndRecipeAndMemraySeesTheDifferenceBetweenRefs) {
  if (!python_has("memray")) GTEST_SKIP() << "memray is not installed for python3 (scripts/bootstrap.sh installs it)";
  GitRepo repo;
  write_acme_docs(repo, false);
  const auto base = repo.commit("initial pipeline");
  write_acme_docs(repo, true);
  repo.commit("mem: render one page at a time in extract_layouts");

  const auto report = bench_in(repo.root(), kStaticInputs, /*with_inhouse_plugin=*/true);
  ASSERT_TRUE(bench::all_ready(report)) << describe(report);
  const auto* row = row_for(report, "acme_docs.pipeline:extract_layouts");
  ASSERT_NE(row, nullptr) << describe(report);
  EXPECT_EQ(row->generator, "mem.benchmark");
  EXPECT_NE(row->inputs.find("recipe acme.document"), std::string::npos) << row->inputs;
  const auto source = read_file(repo.root() / row->path);
  EXPECT_NE(source.find("class FakeOCRAgent"), std::string::npos) << source;
  EXPECT_NE(source.find("bytearray(30 * 1024 * 1024)"), std::string::npos) << source;
  EXPECT_NE(source.find("mock.patch(\"acme_docs.pipeline.OCRAgent\", FakeOCRAgent)"), std::string::npos) << source;
  EXPECT_NE(source.find("from acme_docs.layout import TextRegions"), std::string::npos) << "real return type";
  EXPECT_EQ(source.find("FakeTableModel"), std::string::npos) << "only the boundary the function reaches";
  EXPECT_NE(source.find("prhost compare <base> <head> --memory\n"), std::string::npos) << source;
  expect_runs_under_codeflash(repo.root(), *row);
  expect_codeflash_memory_run(repo.root(), *row);

  // A real memory comparison of the two refs: prhost compare --memory
  // injects the generated benchmark into both checkouts and runs it in
  // untimed processes under memray.
  const auto compared = run_prhost(
      {"compare", base, "HEAD", "--backend", "builtin", "--memory", "--json", "--max-pairs", "10", "--seed", "1"},
      repo.root());
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  const auto json = nlohmann::json::parse(compared.out);
  ASSERT_EQ(json["benchmarks"].size(), 1U) << json.dump(2);
  const auto& memory = json["benchmarks"][0]["memory"];
  EXPECT_EQ(memory["backend"], "memray") << memory.dump(2);
  EXPECT_EQ(memory["direction"], "lower") << memory.dump(2);
  for (std::size_t run = 0; run < memory["head_peak_bytes"].size(); ++run) {
    const double base_peak = memory["base_peak_bytes"][run].get<double>();
    const double head_peak = memory["head_peak_bytes"][run].get<double>();
    EXPECT_GE(head_peak, 30.0 * 1024 * 1024) << "the mock's 30 MiB must show in the peak";
    EXPECT_GT(base_peak - head_peak, 20.0 * 1024 * 1024) << "base keeps 20 pages of 2 MiB alive, head one at a time";
  }
}

// ---------------------------------------------------------------- the binary

TEST(BenchCommand, TheBinaryPrintsTheTableAndExitsZeroWhenAllAreReady) {
  GitRepo repo;
  write_textkit(repo);
  repo.commit("cpu: words");
  const auto result = run_prhost({"bench", "--plugin-dir", PRHOST_PLUGIN_DIR}, repo.root());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("| # | Function | Benchmark | Inputs | Status |"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("| created |"), std::string::npos) << result.out;
  const auto json = run_prhost({"bench", "--json", "--plugin-dir", PRHOST_PLUGIN_DIR}, repo.root());
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"status\": \"exists\""), std::string::npos) << json.out;
}

}  // namespace
}  // namespace prhost::testing
