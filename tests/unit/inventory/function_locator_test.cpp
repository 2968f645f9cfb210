// The embedded helper, run by a real interpreter on real sources: methods,
// nested functions, decorators, async, classes in classes.
#include "inventory/function_locator.hpp"

#include <gtest/gtest.h>

#include "services/process_runner.hpp"
#include "test_support.hpp"

namespace prhost::inventory {
namespace {

using testing::ScratchDir;
using testing::write_file;

const std::string kItems = R"(import functools


def plain(a, b: int = 2, *args, c, d=4, **kw) -> str:
    return str(a)


class InlineTable:
    @property
    def size(self):
        return 1

    @functools.lru_cache(maxsize=None)
    def as_string(self, sep: str = ","):
        def inner():
            return sep
        return inner()

    class Nested:
        async def fetch(self, url):
            return url


async def gather_all(tasks):
    return tasks
)";

std::vector<std::string> ids(const LocateResult& result) {
  std::vector<std::string> out;
  for (const auto& function : result.functions) out.push_back(function.id());
  return out;
}

const ChangedFunction& by_qualname(const LocateResult& result, const std::string& qualname) {
  for (const auto& function : result.functions) {
    if (function.qualname == qualname) return function;
  }
  throw std::runtime_error("not found: " + qualname);
}

LocateResult locate(const std::filesystem::path& root, std::vector<LocateFile> files) {
  return locate_changed_functions({"python3"}, root, files, services::run_process);
}

TEST(FunctionLocator, FindsMethodsNestedFunctionsDecoratorsAndAsync) {
  ScratchDir project;
  write_file(project / "src/pkg/__init__.py", "");
  write_file(project / "src/pkg/items.py", kItems);
  // Changed: plain's body (5), the decorator of as_string (13), inner's body
  // (16), Nested.fetch (21), gather_all (25).
  const auto result =
      locate(project.path(), {{"k1", "src/pkg/items.py", kItems, {{5, 5}, {13, 13}, {16, 16}, {21, 21}, {25, 25}}}});
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_EQ(ids(result), (std::vector<std::string>{"pkg.items:plain", "pkg.items:InlineTable.as_string",
                                                   "pkg.items:InlineTable.as_string.<locals>.inner",
                                                   "pkg.items:InlineTable.Nested.fetch", "pkg.items:gather_all"}));

  const auto& plain = by_qualname(result, "plain");
  EXPECT_FALSE(plain.is_method);
  EXPECT_EQ(plain.return_annotation, "str");
  ASSERT_EQ(plain.params.size(), 6U);
  EXPECT_EQ(plain.params[1].name, "b");
  EXPECT_EQ(plain.params[1].annotation, "int");
  EXPECT_EQ(plain.params[1].default_value, "2");
  EXPECT_EQ(plain.params[2].kind, "var_positional");
  EXPECT_EQ(plain.params[3].kind, "keyword_only");
  EXPECT_EQ(plain.params[5].kind, "var_keyword");

  const auto& as_string = by_qualname(result, "InlineTable.as_string");
  EXPECT_TRUE(as_string.is_method);
  EXPECT_EQ(as_string.class_name, "InlineTable");
  EXPECT_EQ(as_string.lineno, 14);
  EXPECT_EQ(as_string.start_lineno, 13);  // the decorator counts
  EXPECT_EQ(as_string.end_lineno, 17);
  EXPECT_EQ(as_string.decorators, std::vector<std::string>{"functools.lru_cache(maxsize=None)"});
  EXPECT_EQ(as_string.key, "k1");

  const auto& inner = by_qualname(result, "InlineTable.as_string.<locals>.inner");
  EXPECT_TRUE(inner.is_nested);
  EXPECT_FALSE(inner.is_method);

  const auto& fetch = by_qualname(result, "InlineTable.Nested.fetch");
  EXPECT_TRUE(fetch.is_async);
  EXPECT_TRUE(fetch.is_method);
  EXPECT_EQ(fetch.class_name, "Nested");

  EXPECT_TRUE(by_qualname(result, "gather_all").is_async);
}

TEST(FunctionLocator, ChangesOutsideFunctionsFindNothingButAClassHeaderFindsTheClass) {
  ScratchDir project;
  const auto result = locate(project.path(), {{"k", "items.py", kItems, {{1, 3}, {6, 7}}}});
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_TRUE(result.functions.empty());
  // `class InlineTable:` is layout: new bases or a decorator change every instance.
  const auto header = locate(project.path(), {{"k", "items.py", kItems, {{8, 8}}}});
  ASSERT_EQ(header.functions.size(), 1U);
  EXPECT_EQ(header.functions[0].id(), "items:InlineTable");
  EXPECT_TRUE(header.functions[0].is_class);
  EXPECT_EQ(header.functions[0].layout_lines, std::vector<int>{8});
}

TEST(FunctionLocator, ModuleNamesFollowPackagesAndSrcLayout) {
  ScratchDir project;
  write_file(project / "lib/pkg/__init__.py", "");
  write_file(project / "lib/pkg/sub/__init__.py", "");
  const std::string source = "def f():\n    return 1\n";
  const auto result = locate(project.path(), {{"a", "lib/pkg/sub/mod.py", source, {{2, 2}}},
                                              {"b", "lib/pkg/sub/__init__.py", source, {{2, 2}}},
                                              {"c", "src/nsp/tool.py", source, {{2, 2}}},
                                              {"d", "scripts/run.py", source, {{2, 2}}},
                                              {"e", "top.py", source, {{2, 2}}}});
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_EQ(ids(result),
            (std::vector<std::string>{"pkg.sub.mod:f", "pkg.sub:f", "nsp.tool:f", "scripts.run:f", "top:f"}));
}

TEST(FunctionLocator, SyntaxErrorsAreReportedPerFile) {
  ScratchDir project;
  const auto result = locate(project.path(), {{"bad", "bad.py", "def broken(:\n    pass\n", {{1, 1}}},
                                              {"good", "good.py", "def ok():\n    pass\n", {{2, 2}}}});
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_EQ(ids(result), std::vector<std::string>{"good:ok"});
  ASSERT_EQ(result.errors.size(), 1U);
  EXPECT_EQ(result.errors[0].key, "bad");
  EXPECT_NE(result.errors[0].message.find("syntax error at line 1"), std::string::npos);
}

TEST(FunctionLocator, NonUtf8SourceDoesNotBreakTheRequest) {
  ScratchDir project;
  const std::string latin1 = "# caf\xe9\ndef f():\n    return '\xe9'\n";
  const auto result = locate(project.path(), {{"x", "latin.py", latin1, {{3, 3}}}});
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_EQ(ids(result), std::vector<std::string>{"latin:f"});
}

TEST(FunctionLocator, AMissingInterpreterIsAFailureNotACrash) {
  ScratchDir project;
  const auto result =
      locate_changed_functions({"prhost-no-such-python"}, project.path(),
                               {{"x", "a.py", "def f():\n    pass\n", {{1, 1}}}}, services::run_process);
  EXPECT_NE(result.failure.find("cannot start `prhost-no-such-python`"), std::string::npos) << result.failure;
}

}  // namespace
}  // namespace prhost::inventory
