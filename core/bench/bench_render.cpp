#include "bench/bench_render.hpp"

#include <fmt/format.h>

namespace prhost::bench {
namespace {

// Table cells: a pipe would end the cell, a newline the row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out.empty() ? "-" : out;
}

const char* status_id(BenchStatus status) {
  switch (status) {
    case BenchStatus::Created:
      return "created";
    case BenchStatus::Exists:
      return "exists";
    case BenchStatus::NeedsReview:
      break;
  }
  return "needs review";
}

}  // namespace

std::string render_table(const BenchReport& report) {
  std::string out = "| # | Function | Benchmark | Inputs | Status |\n|---|----------|-----------|--------|--------|\n";
  for (const auto& row : report.rows) {
    const std::string benchmark = row.test_name.empty() ? "-" : "`" + row.path + "::" + row.test_name + "`";
    out += fmt::format("| {} | {} | {} | {} | {} |\n", row.number,
                       cell(row.function.empty() ? "" : "`" + row.function + "`"), cell(benchmark), cell(row.inputs),
                       cell(status_text(row)));
  }
  return out;
}

nlohmann::json to_json(const BenchReport& report) {
  nlohmann::json out;
  out["benchmarks_root"] = report.benchmarks_root;
  out["created_paths"] = report.created_paths;
  out["notes"] = report.notes;
  out["all_ready"] = all_ready(report);
  out["benchmarks"] = nlohmann::json::array();
  for (const auto& row : report.rows) {
    out["benchmarks"].push_back({{"number", row.number},
                                 {"optimization", row.optimization},
                                 {"function", row.function},
                                 {"test_name", row.test_name},
                                 {"path", row.path},
                                 {"inputs", row.inputs},
                                 {"domains", row.domains},
                                 {"generator", row.generator},
                                 {"status", status_id(row.status)},
                                 {"cause", row.cause},
                                 {"fix", row.fix},
                                 {"notes", row.notes}});
  }
  return out;
}

bool all_ready(const BenchReport& report) {
  for (const auto& row : report.rows) {
    if (row.status == BenchStatus::NeedsReview) return false;
  }
  return true;
}

}  // namespace prhost::bench
