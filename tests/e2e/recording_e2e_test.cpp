// Recorded calls (issue 8.1.2, 8.1.4, 8.2) end to end: real git repositories
// holding small projects shaped like the real commits the recorder missed,
// the real default plugins, the project's tests run under the embedded call
// recorder at head and base, and the generated benchmark validated at both.
// One fixture per failure kind:
//   - a private method reached only through a public one, whose own
//     arguments cannot be pickled (a re.Match): the public caller is replayed;
//   - a function reached only through a rule list, whose state holds a
//     module and a parser full of closures: the parser is rebuilt from the
//     construction the tests made;
//   - a dataclass with required fields that the tests never build directly:
//     its constructions inside the project's code are replayed;
//   - a private class built from a test's own (unpicklable) generator: the
//     generator is replayed as an iterator over the same items;
//   - a method the commit adds over an inherited one: at base the calls of
//     the inherited method on an instance of the class are the same calls.
#include <gtest/gtest.h>

#include <filesystem>

#include "bench/bench_render.hpp"
#include "bench/bench_runner.hpp"
#include "bench/inventory_source.hpp"
#include "bench/session_context.hpp"
#include "session/session.hpp"
#include "test_support.hpp"

namespace prhost::testing {
namespace {

const char* kPyproject = "[project]\nname = \"fixture\"\nversion = \"0.1.0\"\n";

bench::BenchReport bench_in(const std::filesystem::path& root) {
  SessionOptions globals;
  globals.project_dir = root;
  globals.plugin_dirs.emplace_back(PRHOST_PLUGIN_DIR);
  globals.quiet = true;
  const auto session = Session::open(globals);
  const auto snapshot = bench::load_inventory(session);
  return bench::run_bench(bench::make_context(session, snapshot), {});
}

const bench::BenchRow& row_for(const bench::BenchReport& report, const std::string& function) {
  for (const auto& row : report.rows) {
    if (row.function == function) return row;
  }
  ADD_FAILURE() << "no row for " << function << "\n" << bench::render_table(report);
  static const bench::BenchRow none;
  return none;
}

// Created (so it ran at head and base), from a recorded call, agreeing at
// both refs, and executing changed lines unless it is a class layout.
void expect_recorded_and_validated(const bench::BenchReport& report, const bench::BenchRow& row) {
  const auto table = bench::render_table(report);
  EXPECT_EQ(row.status, bench::BenchStatus::Created) << row.cause << "\n" << table;
  EXPECT_EQ(row.input_source, "recorded") << table;
  EXPECT_EQ(row.equivalence.status, bench::Equivalence::Status::Same) << row.equivalence.how;
  ASSERT_TRUE(row.coverage.has_value()) << table;
  EXPECT_TRUE(row.coverage->reaches()) << row.coverage->executed << "/" << row.coverage->changed;
}

TEST(Recording, APrivateMethodWithAMatchArgumentIsTimedThroughThePublicCallerThatReachedIt) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("textsub/__init__.py", "");
  const auto replace = [](const std::string& lookup) {
    return "import re\n\n\nclass MultiReplace:\n    def __init__(self, mapping):\n"
           "        self.mapping = dict(mapping)\n        self.keys = list(self.mapping)\n"
           "        self.pattern = re.compile('|'.join(re.escape(k) for k in self.keys))\n\n"
           "    def _get_value(self, match):\n" +
           lookup + "\n    def sub(self, text):\n        return self.pattern.sub(self._get_value, text)\n";
  };
  // pickle (and dill) refuse a re.Match: _get_value's own calls cannot be replayed.
  repo.write("textsub/replace.py", replace("        for key in self.keys:\n            if match.group(0) == key:\n"
                                           "                return self.mapping[key]\n"));
  repo.write("tests/test_replace.py",
             "from textsub.replace import MultiReplace\n\n\ndef test_sub():\n"
             "    m = MultiReplace({f'k{i}': str(i) for i in range(50)})\n"
             "    assert m.sub('k1 k2 k49 ' * 20).startswith('1 2 49')\n");
  repo.commit("initial");
  repo.write("textsub/replace.py", replace("        return self.mapping[match.group(0)]\n"));
  repo.commit("perf: MultiReplace._get_value looks the match up directly");

  const auto report = bench_in(repo.root());
  const auto& row = row_for(report, "textsub.replace:MultiReplace._get_value");
  expect_recorded_and_validated(report, row);
  EXPECT_EQ(row.public_entry, "textsub.replace:MultiReplace.sub") << "the PR body names what was timed";
  const auto source = read_file(repo.root() / row.path);
  EXPECT_NE(source.find("inspect.getattr_static(_entry_module.MultiReplace, \"sub\")"), std::string::npos) << source;
}

TEST(Recording, ARuleReachedOnlyThroughARuleListGetsItsStateWithTheParserRebuiltFromItsConstruction) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("mdlite/__init__.py", "");
  repo.write("mdlite/util.py", "def squash(text):\n    return ' '.join(text.split())\n");
  const auto rules = [](const std::string& body) { return "def join_text(state):\n" + body; };
  repo.write("mdlite/rules.py", rules("    text = ''\n    for piece in state.pieces:\n"
                                      "        text = text + piece\n    state.text = text\n"));
  repo.write("mdlite/parser.py",
             "from mdlite import rules, util\n\nRULES = [('join', rules.join_text)]\n\n\n"
             "class State:\n    def __init__(self, src, parser):\n        self.src = src\n"
             "        self.parser = parser\n        self.pieces = [parser.clean(p) for p in src.split(',')]\n"
             "        self.text = ''\n\n\n"
             "class Parser:\n    def __init__(self, strip=True):\n        self.util = util  # a module\n"
             "        # a closure: pickle refuses it, so the parser is rebuilt as the tests built it\n"
             "        self.clean = (lambda s: s.strip()) if strip else (lambda s: s)\n\n"
             "    def parse(self, text):\n        state = State(text, self)\n"
             "        for _name, rule in RULES:\n            rule(state)\n        return state.text\n");
  repo.write("tests/test_parser.py",
             "from mdlite.parser import Parser\n\n\ndef test_short():\n    assert Parser().parse('a, b') == 'ab'\n\n\n"
             "def test_long():\n    text = ','.join(f' word{i} ' for i in range(400))\n"
             "    assert Parser().parse(text).startswith('word0word1')\n");
  repo.commit("initial");
  repo.write("mdlite/rules.py", rules("    state.text = ''.join(state.pieces)\n"));
  repo.commit("perf: join_text joins once");

  const auto report = bench_in(repo.root());
  const auto& row = row_for(report, "mdlite.rules:join_text");
  expect_recorded_and_validated(report, row);
  bool from_long = false;
  for (const auto& note : row.notes) from_long |= note.find("test_parser.py::test_long") != std::string::npos;
  EXPECT_TRUE(from_long) << "the bigger of the two recorded calls\n" << bench::render_table(report);
}

TEST(Recording, ADataclassWithRequiredFieldsIsBuiltFromTheConstructionsTheProjectsCodeMakes) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("toks/__init__.py", "");
  const auto token = [](const std::string& decorator) {
    return "from dataclasses import dataclass, field\n\n\n" + decorator +
           "\nclass Token:\n    type: str\n    tag: str\n    nesting: int\n"
           "    attrs: dict = field(default_factory=dict)\n    content: str = ''\n";
  };
  repo.write("toks/token.py", token("@dataclass"));
  repo.write("toks/stream.py",
             "from toks.token import Token\n\n\ndef tokenize(text):\n"
             "    return [Token('word', 'span', 0, content=w) for w in text.split()]\n");
  repo.write("tests/test_stream.py",
             "from toks.stream import tokenize\n\n\ndef test_tokenize():\n"
             "    assert [t.content for t in tokenize('a b c')] == ['a', 'b', 'c']\n");
  repo.commit("initial");
  repo.write("toks/token.py", token("@dataclass(slots=True)"));
  repo.commit("struct: Token uses slots");

  const auto report = bench_in(repo.root());
  const auto& row = row_for(report, "toks.token:Token");
  const auto table = bench::render_table(report);
  EXPECT_EQ(row.status, bench::BenchStatus::Created) << row.cause << "\n" << table;
  EXPECT_EQ(row.input_source, "recorded") << table;
  EXPECT_EQ(row.generator, "struct.benchmark");
  const auto source = read_file(repo.root() / row.path);
  EXPECT_NE(source.find("[_target(*_args, **_kwargs) for _ in instances]"), std::string::npos) << source;
  EXPECT_NE(source.find("the construction of `Token`"), std::string::npos) << source;
}

TEST(Recording, APrivateClassBuiltFromATestsLocalGeneratorIsBuiltFromTheSameItems) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("teeing/__init__.py", "");
  const auto core = [](const std::string& slots) {
    return "def tee(iterable, n=2):\n    first = _Tee(iterable)\n"
           "    return (first,) + tuple(_Tee(first) for _ in range(n - 1))\n\n\n"
           "class _Tee:\n" +
           slots +
           "    def __init__(self, iterable):\n        it = iter(iterable)\n"
           "        self.iterator = it.iterator if isinstance(it, _Tee) else it\n\n"
           "    def __iter__(self):\n        return self\n\n"
           "    def __next__(self):\n        return next(self.iterator)\n";
  };
  repo.write("teeing/core.py", core(""));
  // A generator of the test's own: pickle refuses it, and no other test builds a _Tee.
  repo.write("tests/test_core.py",
             "from teeing.core import tee\n\n\ndef test_tee():\n    def producer(limit):\n"
             "        for x in range(limit):\n            yield x\n\n"
             "    first, second = tee(producer(1000), n=2)\n    assert next(first) == 0\n");
  repo.commit("initial");
  repo.write("teeing/core.py", core("    __slots__ = ('iterator',)\n\n"));
  repo.commit("struct: __slots__ on _Tee");

  const auto report = bench_in(repo.root());
  const auto& row = row_for(report, "teeing.core:_Tee");
  const auto table = bench::render_table(report);
  EXPECT_EQ(row.status, bench::BenchStatus::Created) << row.cause << "\n" << table;
  EXPECT_EQ(row.input_source, "recorded") << table;
  EXPECT_EQ(row.public_entry, "") << "its own constructions were timed, not a public caller";
}

TEST(Recording, AMethodTheCommitAddsOverAnInheritedOneIsRecordedAtBaseThroughTheInstancesType) {
  GitRepo repo;
  repo.write("pyproject.toml", kPyproject);
  repo.write("caches/__init__.py", "");
  const std::string base =
      "class Cache:\n    def __init__(self, maxsize):\n        self.data = {}\n        self.maxsize = maxsize\n\n"
      "    def __setitem__(self, key, value):\n        if key not in self.data and len(self.data) >= self.maxsize:\n"
      "            self.popitem()\n        self.data[key] = value\n\n"
      "    def popitem(self):\n        del self.data[min(self.data)]\n\n\n"
      "class RRCache(Cache):\n";
  repo.write("caches/cache.py", base + "    pass\n");
  repo.write("tests/test_cache.py",
             "from caches.cache import RRCache\n\n\ndef test_fill_past_maxsize():\n    cache = RRCache(50)\n"
             "    for i in range(200):\n        cache[i] = i\n    assert len(cache.data) == 50\n");
  repo.commit("initial");
  repo.write("caches/cache.py", base +
                                    "    def __setitem__(self, key, value):\n"
                                    "        if key not in self.data and len(self.data) >= self.maxsize:\n"
                                    "            del self.data[next(iter(self.data))]\n"
                                    "        self.data[key] = value\n");
  repo.commit("perf: RRCache evicts the oldest key without a scan");

  const auto report = bench_in(repo.root());
  const auto& row = row_for(report, "caches.cache:RRCache.__setitem__");
  expect_recorded_and_validated(report, row);
}

}  // namespace
}  // namespace prhost::testing
