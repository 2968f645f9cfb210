// The bench table and JSON.
#include <gtest/gtest.h>

#include "bench/bench_render.hpp"

namespace prhost::bench {
namespace {

BenchReport report() {
  BenchReport r;
  r.benchmarks_root = "tests/benchmarks";
  BenchRow created;
  created.number = 1;
  created.function = "pkg.m:f";
  created.test_name = "test_benchmark_f";
  created.path = "tests/benchmarks/test_benchmark_f.py";
  created.inputs = "recipe cpu.text";
  created.status = BenchStatus::Created;
  BenchRow review = created;
  review.number = 2;
  review.function = "pkg.m:g";
  review.status = BenchStatus::NeedsReview;
  review.cause = "ModuleNotFoundError | torch";
  r.rows = {created, review};
  return r;
}

TEST(BenchRender, TableHasTheFiveColumnsAndEscapesPipes) {
  const auto table = render_table(report());
  EXPECT_TRUE(table.starts_with("| # | Function | Benchmark | Inputs | Status |\n"));
  EXPECT_NE(table.find("| 1 | `pkg.m:f` | `tests/benchmarks/test_benchmark_f.py::test_benchmark_f` | recipe cpu.text | "
                       "created |"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("needs review: ModuleNotFoundError \\| torch"), std::string::npos) << table;
}

TEST(BenchRender, JsonAndReadiness) {
  auto r = report();
  EXPECT_FALSE(all_ready(r));
  const auto json = to_json(r);
  EXPECT_EQ(json["benchmarks"][1]["status"], "needs review");
  EXPECT_EQ(json["all_ready"], false);
  r.rows.pop_back();
  EXPECT_TRUE(all_ready(r));
}

}  // namespace
}  // namespace prhost::bench
