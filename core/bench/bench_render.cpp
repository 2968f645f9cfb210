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

const char* equivalence_id(Equivalence::Status status) {
  switch (status) {
    case Equivalence::Status::Same:
      return "same";
    case Equivalence::Status::Different:
      return "different";
    case Equivalence::Status::NotComparable:
      return "not comparable";
    case Equivalence::Status::NotChecked:
      break;
  }
  return "not checked";
}

// What prepare and the PR body read: "the benchmark executes 14/16 changed
// lines", "same result at base and head".
void add_evidence(const BenchRow& row, nlohmann::json& out) {
  out["input_source"] = row.input_source;
  out["public_entry"] = row.public_entry;
  if (row.coverage) {
    out["coverage"] = {{"file", row.coverage->file},
                       {"changed_lines", row.coverage->changed},
                       {"executed_lines", row.coverage->executed},
                       {"changed", row.coverage->changed_text}};
  } else {
    out["coverage"] = nullptr;
  }
  out["equivalence"] = {{"status", equivalence_id(row.equivalence.status)},
                        {"how", row.equivalence.how},
                        {"base", row.equivalence.base},
                        {"head", row.equivalence.head}};
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
    nlohmann::json item{{"number", row.number},
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
                        {"notes", row.notes}};
    add_evidence(row, item);
    out["benchmarks"].push_back(std::move(item));
  }
  return out;
}

bool all_ready(const BenchReport& report) {
  for (const auto& row : report.rows) {
    if (row.status == BenchStatus::NeedsReview || row.status == BenchStatus::Blocked) return false;
  }
  return true;
}

}  // namespace prhost::bench
