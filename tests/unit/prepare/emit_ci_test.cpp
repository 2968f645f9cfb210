#include "prepare/emit_ci.hpp"

#include <gtest/gtest.h>

namespace prhost::prepare {
namespace {

Plan two_comparisons() {
  static const auto inventory = [] {
    auto collected = std::make_shared<inventory::CollectedInventory>();
    for (int number : {1, 2}) {
      inventory::Optimization optimization;
      optimization.number = number;
      collected->inventory.optimizations.push_back(optimization);
    }
    return collected;
  }();
  Plan plan;
  plan.inventory = inventory;
  for (const auto& optimization : inventory->inventory.optimizations) {
    PlanItem item;
    item.optimization = &optimization;
    item.benchmarks.push_back({"pkg.m:f" + std::to_string(optimization.number), "pkg/m.py", false, "test_benchmark_f",
                               "tests/benchmarks/test_benchmark_f.py", true});
    plan.items.push_back(item);
  }
  plan.groups.push_back({"aaaa", "bbbb", {0}, {"tests/benchmarks/test_benchmark_f.py"}, true, std::nullopt});
  plan.groups.push_back({"bbbb", "cccc", {1}, {"tests/benchmarks/with space.py"}, false, 120});
  return plan;
}

TEST(EmitCi, OneMatrixJobPerComparisonWithItsCompareCommand) {
  const auto matrix = ci_matrix(two_comparisons());
  ASSERT_EQ(matrix["include"].size(), 2U);
  EXPECT_EQ(matrix["include"][0]["command"],
            "prhost compare aaaa bbbb --backend builtin --memory --benchmark tests/benchmarks/test_benchmark_f.py "
            "--json -o prhost-compare/compare-1.md > prhost-compare/compare-1.json");
  EXPECT_EQ(matrix["include"][1]["command"],
            "prhost compare bbbb cccc --backend builtin --timeout 120 --benchmark 'tests/benchmarks/with space.py' "
            "--json -o prhost-compare/compare-2.md > prhost-compare/compare-2.json");
  EXPECT_EQ(matrix["include"][1]["name"], "#2 f2");
  EXPECT_EQ(matrix["include"][0]["artifact"], "prhost-compare-1");
}

TEST(EmitCi, TheWorkflowCarriesTheMatrixAsOneLineAndTheCollectStep) {
  const auto workflow = github_workflow(two_comparisons(), "3.11.7", {"tests/benchmarks/test_benchmark_f.py"});
  EXPECT_NE(workflow.find("      matrix: " + ci_matrix(two_comparisons()).dump() + "\n"), std::string::npos)
      << workflow;
  EXPECT_NE(workflow.find("prhost report --collect prhost-compare"), std::string::npos);
  EXPECT_NE(workflow.find("${{ matrix.command }}"), std::string::npos);
  EXPECT_NE(workflow.find("python-version: \"3.11.7\""), std::string::npos);
  EXPECT_NE(workflow.find("#   tests/benchmarks/test_benchmark_f.py"), std::string::npos) << "untracked files named";
  EXPECT_EQ(workflow.find("git push"), std::string::npos);
}

TEST(EmitCi, ShellWordsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(shell_word("tests/b.py"), "tests/b.py");
  EXPECT_EQ(shell_word("a b"), "'a b'");
  EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_word("$(x)"), "'$(x)'");
  EXPECT_EQ(shell_word(""), "''");
}

}  // namespace
}  // namespace prhost::prepare
