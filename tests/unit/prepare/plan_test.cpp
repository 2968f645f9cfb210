#include "prepare/plan.hpp"

#include <gtest/gtest.h>

namespace prhost::prepare {
namespace {

// Two optimizations whose PR puts them on the same refs, and one on its own.
Plan three_items() {
  static const auto inventory = [] {
    auto collected = std::make_shared<inventory::CollectedInventory>();
    for (int number : {1, 2, 3}) {
      inventory::Optimization optimization;
      optimization.number = number;
      collected->inventory.optimizations.push_back(optimization);
    }
    return collected;
  }();
  Plan plan;
  plan.inventory = inventory;
  const std::pair<std::string, std::string> refs[] = {{"a", "b"}, {"a", "b"}, {"b", "c"}};
  for (int i = 0; i < 3; ++i) {
    PlanItem item;
    item.optimization = &inventory->inventory.optimizations[i];
    item.refs.base_sha = refs[i].first;
    item.refs.head_sha = refs[i].second;
    item.flags.memory = i == 1;
    if (i == 0) item.flags.timeout_seconds = 120;
    item.benchmarks.push_back({"m:f", "m.py", false, "test_benchmark_f" + std::to_string(i),
                               "tests/benchmarks/test_benchmark_f" + std::to_string(i) + ".py", true});
    plan.items.push_back(item);
  }
  return plan;
}

TEST(Plan, ComparisonsThatShareRefsShareOneGroupWithEveryBenchmarkAndFlag) {
  auto plan = three_items();
  group_comparisons(plan);
  ASSERT_EQ(plan.groups.size(), 2U);
  EXPECT_EQ(plan.groups[0].items, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(plan.groups[0].benchmark_paths.size(), 2U);
  EXPECT_TRUE(plan.groups[0].memory) << "one member wants --memory";
  EXPECT_EQ(plan.groups[0].timeout_seconds, 120) << "the longest timeout any member asks for";
  EXPECT_FALSE(plan.groups[1].memory);
}

TEST(Plan, NoRefsOrNoBenchmarkMeansNoComparison) {
  auto plan = three_items();
  plan.items[2].refs.error = "root commit";
  plan.items[1].benchmarks.clear();
  group_comparisons(plan);
  ASSERT_EQ(plan.groups.size(), 1U);
  EXPECT_EQ(plan.groups[0].items, std::vector<std::size_t>{0});
}

TEST(Plan, TheDryRunTextNamesRefsFlagsBenchmarksAndChecks) {
  auto plan = three_items();
  plan.checks = {"mem.memray-importable"};
  group_comparisons(plan);
  const auto text = render_plan(plan, "python -m pytest -q tests");
  EXPECT_NE(text.find("nothing is written"), std::string::npos);
  EXPECT_NE(text.find("tests/benchmarks/test_benchmark_f0.py (exists)"), std::string::npos) << text;
  EXPECT_NE(text.find("#1, #2 a..b"), std::string::npos) << text;
  EXPECT_NE(text.find("mem.memray-importable"), std::string::npos);
  EXPECT_EQ(plan_json(plan, "x")["comparisons"].size(), 2U);
}

}  // namespace
}  // namespace prhost::prepare
