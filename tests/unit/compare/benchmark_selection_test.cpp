// Which of the project's modules a benchmark imports: the modules compare's
// own-code proof must find inside each checkout.
#include "compare/run/benchmark_selection.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace prhost::compare {
namespace {

TEST(BenchmarkSelection, ProjectModulesCountStaticAndImportModuleImportsButNotOthers) {
  testing::ScratchDir checkout;
  testing::write_file(checkout / "shelfscan/__init__.py", "");
  testing::write_file(checkout / "shelfscan/tokens.py", "");
  testing::write_file(checkout / "src/pages.py", "");
  testing::write_file(checkout / "tests/benchmarks/test_benchmark_a.py",
                      "import importlib\nimport pickle\nfrom pages import render\n\n\ndef test_a(benchmark):\n"
                      "    target = importlib.import_module(\"shelfscan.tokens\")\n"
                      "    other = importlib.import_module('json')\n");
  EXPECT_EQ(project_modules_imported_by(checkout.path(), {"tests/benchmarks/test_benchmark_a.py"}),
            (std::vector<std::string>{"pages", "shelfscan.tokens"}));
  testing::write_file(checkout / "tests/benchmarks/test_benchmark_b.py", "import json\n\n\ndef test_b(): pass\n");
  EXPECT_TRUE(project_modules_imported_by(checkout.path(), {"tests/benchmarks/test_benchmark_b.py"}).empty());
}

}  // namespace
}  // namespace prhost::compare
