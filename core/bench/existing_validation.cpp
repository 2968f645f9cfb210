#include "bench/existing_validation.hpp"

#include <fmt/format.h>

#include "bench/bench_steps.hpp"

namespace prhost::bench {
namespace {

struct Found {
  const inventory::Optimization* optimization = nullptr;
  const inventory::ChangedFunction* function = nullptr;
};

Found find_target(const inventory::Inventory& inventory, const ExistingBenchmark& benchmark) {
  for (const auto& optimization : inventory.optimizations) {
    if (optimization.number != benchmark.number) continue;
    for (const auto& function : optimization.functions) {
      if (function.id() == benchmark.function) return {&optimization, &function};
    }
  }
  return {};
}

BenchRow row_for(const ExistingBenchmark& benchmark, const inventory::Optimization& optimization) {
  BenchRow row;
  row.number = benchmark.number;
  row.optimization = optimization.description;
  row.function = benchmark.function;
  row.test_name = benchmark.test_name;
  row.path = benchmark.path;
  row.domains = optimization.domains_or_declared();
  // Whoever wrote it chose its inputs: a call faster than bench's bound is
  // said, not held against it (validation_step.cpp).
  row.input_source = "existing";
  return row;
}

}  // namespace

std::vector<BenchRow> validate_existing(const BenchContext& context, const std::vector<ExistingBenchmark>& benchmarks) {
  std::vector<BenchRow> rows;
  RefCheckouts refs(context.repository, context.project_root, context.make_side);
  for (const auto& benchmark : benchmarks) {
    const auto found = find_target(*context.inventory, benchmark);
    if (found.function == nullptr) {
      BenchRow row;
      row.number = benchmark.number;
      row.function = benchmark.function;
      row.path = benchmark.path;
      row.test_name = benchmark.test_name;
      row.cause = "optimization #" + std::to_string(benchmark.number) + " no longer changes " + benchmark.function;
      rows.push_back(std::move(row));
      continue;
    }
    auto row = row_for(benchmark, *found.optimization);
    if (context.progress) {
      context.progress(
          fmt::format("#{} {}: running the existing {} once at head and base", row.number, row.function, row.path));
    }
    validate_at_both_refs(context, refs, {"existing", found.optimization, found.function}, row);
    if (row.status == BenchStatus::Created) row.status = BenchStatus::Exists;  // proven, not written
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace prhost::bench
