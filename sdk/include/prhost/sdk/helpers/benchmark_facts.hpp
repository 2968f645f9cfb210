// Facts about a project's benchmark files, for doctor checks that judge how a
// benchmark is written: which functions it measures, what it patches and how,
// which stand-ins (mocks, fakes) it uses and whether they allocate, and which
// event loop outlives one round. The facts come from an AST reader
// (sdk/python/prhost_benchmark_facts.py, compiled in below) run by the
// project's own interpreter in isolated mode: nothing of the project is
// imported or executed, and no environment is created.
//
// The reader only states facts; each check decides what is a pitfall, in the
// plugin that owns that knowledge (checks-core: mocking the measured function
// or configuration, PropertyMock on an instance; domain-mem: mocks that
// allocate nothing; domain-async: one event loop for every round).
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/helpers/benchmark_facts_source.hpp"
#include "prhost/sdk/helpers/text.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::sdk::helpers {

struct BenchmarkFact {
  std::string kind;  // measured, patch, mock, allocation, loop_reuse, error
  std::string file;  // relative to the project root
  int line = 0;
  std::vector<std::string> details;  // per kind, see the reader's docstring

  [[nodiscard]] std::string detail(std::size_t index) const {
    return index < details.size() ? details[index] : std::string();
  }
  // "tests/benchmarks/test_benchmark_parse.py:12"
  [[nodiscard]] std::string where() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

struct BenchmarkFacts {
  std::vector<BenchmarkFact> facts;
  std::vector<std::string> files_read;  // relative to the project root
  std::string failure;                  // why the reader could not run; empty when it did

  [[nodiscard]] std::vector<BenchmarkFact> of_kind(std::string_view kind) const {
    std::vector<BenchmarkFact> found;
    for (const auto& fact : facts) {
      if (fact.kind == kind) found.push_back(fact);
    }
    return found;
  }
  [[nodiscard]] std::vector<BenchmarkFact> in_file(std::string_view kind, std::string_view file) const {
    std::vector<BenchmarkFact> found;
    for (const auto& fact : facts) {
      if (fact.kind == kind && fact.file == file) found.push_back(fact);
    }
    return found;
  }
};

// The reader's output, one tab-separated fact per line; absolute paths under
// `root` become relative ones. Lines that are not facts are skipped (a
// runner may print its own).
inline std::vector<BenchmarkFact> parse_benchmark_facts(std::string_view output, const std::filesystem::path& root) {
  const std::string prefix = root.string() + "/";
  std::vector<BenchmarkFact> facts;
  for (const std::string_view line : split(output, '\n')) {
    const auto fields = split(trim_right(line), '\t');
    if (fields.size() < 3) continue;
    BenchmarkFact fact;
    fact.kind = std::string(fields[0]);
    fact.file = std::string(fields[1]);
    if (fact.file.starts_with(prefix)) fact.file.erase(0, prefix.size());
    fact.line = std::atoi(std::string(fields[2]).c_str());
    for (std::size_t i = 3; i < fields.size(); ++i) fact.details.emplace_back(fields[i]);
    facts.push_back(std::move(fact));
  }
  return facts;
}

// Reads every benchmark file of `ctx` that exists in the working tree.
inline BenchmarkFacts read_benchmark_facts(const CheckContext& ctx, HostServices& services) {
  BenchmarkFacts result;
  ProcessRequest request;
  request.argv = ctx.python;
  request.argv.insert(request.argv.end(), {"-I", "-c", std::string(benchmark_facts_source())});
  for (const auto& file : ctx.benchmark_files) {
    const auto path = ctx.project.root / file;
    if (!services.exists(path)) continue;
    result.files_read.push_back(file);
    request.argv.push_back(path.string());
  }
  if (result.files_read.empty()) return result;
  if (ctx.python.empty()) {
    result.failure = "no project interpreter is known (no runner resolved)";
    return result;
  }
  request.cwd = ctx.project.root;
  request.timeout = std::chrono::minutes(1);
  const ProcessResult read = services.run(request);
  if (!read.ok()) {
    result.failure = "the benchmark reader did not run (exit " + std::to_string(read.exit_code) +
                     (read.timed_out ? ", timed out" : "") + "): " + std::string(trim(read.err)).substr(0, 300);
    return result;
  }
  result.facts = parse_benchmark_facts(read.out, ctx.project.root);
  return result;
}

}  // namespace prhost::sdk::helpers
