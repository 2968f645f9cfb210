// The embedded analysis helper, run with python3 on a real layout: it reads
// parameters, harvests self-contained call sites from the tests (scaling
// them only where that is safe), finds the boundaries a function reaches and
// never imports the project.
#include <gtest/gtest.h>

#include "bench/analysis.hpp"
#include "services/process_runner.hpp"
#include "test_support.hpp"

namespace prhost::bench {
namespace {

using testing::ScratchDir;
using testing::write_file;

class AnalysisHelper : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir / "pkg/__init__.py", "raise RuntimeError('importing the project is a side effect')\n");
    write_file(dir / "pkg/ocr.py", "class OCRAgent:\n    pass\n");
    write_file(dir / "pkg/mod.py",
               "from pkg.ocr import OCRAgent\n\n"
               "def tokens(text: 'str', items: list[int], *, sep=','):\n    return text\n\n"
               "def point(xy):\n    return xy\n\n"
               "async def fetch(url):\n    return url\n\n"
               "class Table:\n    def __init__(self, rows, name: str = 'x'):\n        self.rows = rows\n\n"
               "    def render(self, width):\n        agent = OCRAgent()\n        return width\n\n"
               "    @staticmethod\n    def helper(x):\n        return x\n");
    write_file(dir / "tests/test_mod.py",
               "from pkg.mod import tokens, point, Table\nfrom pkg import mod\n\n"
               "WORDS = ['alpha', 'beta', 'gamma']\n\n"
               "def test_a(tmp_path):\n"
               "    text = 'a fairly long sentence with spaces'\n"
               "    tokens(text, [1, 2, 3, 4, 5, 6])\n"
               "    tokens(tmp_path, WORDS)\n"
               "    point([3, 4])\n"
               "    t = Table([[1, 2]], name='n')\n"
               "    t.render(10)\n"
               "    mod.tokens(text=text, items=WORDS)\n");
    write_file(dir / "tests/benchmarks/test_benchmark_tokens.py", "from pkg.mod import tokens\ntokens('x', [1])\n");
  }

  AnalysisResult run_helper() {
    AnalysisRequest request;
    request.root = dir.path();
    request.benchmarks_root = "tests/benchmarks";
    request.modules = {"json", "surely_not_installed_xyz"};
    request.boundaries = {"pkg.ocr.OCRAgent"};
    request.targets = {{"0", "pkg/mod.py", "pkg.mod", "tokens"},       {"1", "pkg/mod.py", "pkg.mod", "Table.render"},
                       {"2", "pkg/mod.py", "pkg.mod", "point"},        {"3", "pkg/mod.py", "pkg.mod", "fetch"},
                       {"4", "pkg/mod.py", "pkg.mod", "Table.helper"}, {"5", "pkg/mod.py", "pkg.mod", "gone"}};
    return analyse({"python3"}, request, services::run_process);
  }

  ScratchDir dir;
};

TEST_F(AnalysisHelper, ReadsParametersModulesAndMethodKinds) {
  auto result = run_helper();
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_TRUE(result.modules["json"]);
  EXPECT_FALSE(result.modules["surely_not_installed_xyz"]);
  const auto& tokens = result.targets["0"];
  ASSERT_TRUE(tokens.found) << tokens.error;
  ASSERT_EQ(tokens.params.size(), 3u);
  EXPECT_EQ(tokens.params[0].annotation, "str") << "string annotations are unquoted";
  EXPECT_EQ(tokens.params[1].annotation, "list[int]");
  EXPECT_TRUE(tokens.params[2].keyword_only());
  EXPECT_FALSE(tokens.params[2].required());
  EXPECT_TRUE(result.targets["3"].is_async);
  EXPECT_EQ(result.targets["4"].kind, "staticmethod");
  EXPECT_EQ(result.targets["4"].params.size(), 1u) << "a static method has no self";
  EXPECT_FALSE(result.targets["5"].found);
  EXPECT_NE(result.targets["5"].error.find("gone"), std::string::npos);
}

TEST_F(AnalysisHelper, HarvestsSelfContainedCallsAndScalesOnlyWhatIsSafeToGrow) {
  auto result = run_helper();
  ASSERT_TRUE(result.failure.empty()) << result.failure;
  const auto& calls = result.targets["0"].calls;
  // tokens(tmp_path, ...) depends on a fixture: not self-contained. The
  // benchmark file itself is not a source of call sites.
  ASSERT_EQ(calls.size(), 2u);
  bool positional = false, keywords = false;
  for (const auto& call : calls) {
    if (call.args.size() == 2) {
      positional = true;
      EXPECT_EQ(call.args[0].source, "'a fairly long sentence with spaces'") << "a local name is inlined";
      EXPECT_NE(call.args[0].scaled.find("* "), std::string::npos) << "text with spaces grows";
      EXPECT_NE(call.args[1].scaled.find("* 16667"), std::string::npos) << "six ints grow to 100k";
    } else {
      keywords = true;
      EXPECT_EQ(call.kwargs.at("items").source, "['alpha', 'beta', 'gamma']") << "a module constant is inlined";
    }
  }
  EXPECT_TRUE(positional && keywords);
  const auto& point = result.targets["2"].calls;
  ASSERT_EQ(point.size(), 1u);
  EXPECT_TRUE(point[0].args[0].scaled.empty()) << "two numbers look like a point: never repeated";
}

TEST_F(AnalysisHelper, FindsConstructionsAndTheBoundariesAMethodReaches) {
  auto result = run_helper();
  const auto& render = result.targets["1"];
  ASSERT_TRUE(render.has_class);
  EXPECT_EQ(render.class_path, "Table");
  EXPECT_TRUE(render.init_known);
  ASSERT_EQ(render.init_params.size(), 2u);
  ASSERT_EQ(render.constructions.size(), 1u);
  EXPECT_EQ(render.constructions[0].kwargs.at("name").source, "'n'");
  EXPECT_TRUE(render.constructions[0].args[0].scaled.empty()) << "mutable items are never repeated";
  ASSERT_EQ(render.calls.size(), 1u);
  EXPECT_EQ(render.calls[0].args[0].source, "10");
  ASSERT_EQ(render.boundaries.size(), 1u);
  EXPECT_EQ(render.boundaries[0].patch_targets, (std::vector<std::string>{"pkg.mod.OCRAgent", "pkg.ocr.OCRAgent"}));
  EXPECT_TRUE(result.targets["0"].boundaries.empty());
}

TEST(Analysis, AMissingInterpreterIsAFailureNamingTheCommand) {
  ScratchDir dir;
  AnalysisRequest request;
  request.root = dir.path();
  const auto result = analyse({"/nonexistent/python"}, request, services::run_process);
  EXPECT_NE(result.failure.find("/nonexistent/python"), std::string::npos) << result.failure;
}

}  // namespace
}  // namespace prhost::bench
