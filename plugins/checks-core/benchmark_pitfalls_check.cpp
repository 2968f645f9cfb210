// "core.benchmark-pitfalls": a benchmark that measures something other than
// the change. Read from the benchmark's AST (sdk/helpers/benchmark_facts.hpp):
//  - it patches the function it measures: it times the mock, base and head
//    run the same stand-in, and the comparison says "no change";
//  - it patches a property on an instance with PropertyMock: properties live
//    on the type, so the patch fails ("property ... has no setter") or
//    does nothing;
//  - it patches configuration: the benchmark then runs a path production
//    never takes; the real configuration's defaults are nearly always right.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks-core/checks_core_module.hpp"
#include "prhost/sdk/helpers/benchmark_facts.hpp"

namespace prhost::plugins::checks_core {
namespace {

using sdk::helpers::BenchmarkFact;
using sdk::helpers::BenchmarkFacts;

struct Finding {
  sdk::CheckStatus status;
  std::string text;
};

bool has_flag(const BenchmarkFact& patch, std::string_view flag) {
  for (const auto piece : sdk::helpers::split(patch.detail(2), ',')) {
    if (piece == flag) return true;
  }
  return false;
}

bool names_configuration(const BenchmarkFact& patch) {
  const auto words = sdk::helpers::to_lower(patch.detail(0) + " " + patch.detail(1));
  return words.find("settings") != std::string::npos || words.find("config") != std::string::npos;
}

std::set<std::string> measured_names(const BenchmarkFacts& facts, const std::string& file) {
  std::set<std::string> names;
  for (const auto& fact : facts.in_file("measured", file)) names.insert(fact.detail(0));
  return names;
}

// One finding per patch, the most serious first: a patch of the measured
// function makes the rest moot.
std::optional<Finding> judge_patch(const BenchmarkFact& patch, const std::set<std::string>& measured) {
  const std::string target = patch.detail(0);
  const std::string attr = patch.detail(1);
  if (!attr.empty() && measured.count(attr) > 0) {
    return Finding{sdk::CheckStatus::Error,
                   patch.where() + ": patches `" + attr +
                       "`, the function this benchmark measures: it times the mock, and base and head run the same "
                       "stand-in. Fix: remove this patch; mock only what the function reaches (I/O, models), not "
                       "the function"};
  }
  if (has_flag(patch, "property_mock") && !has_flag(patch, "on_type")) {
    return Finding{sdk::CheckStatus::Error,
                   patch.where() + ": patches property `" + attr + "` on the instance `" + target +
                       "` with PropertyMock; properties live on the type (\"property has no setter\"). Fix: "
                       "`patch.object(type(" +
                       target + "), \"" + attr +
                       "\", new_callable=PropertyMock, return_value=...)` — or better, use the real defaults"};
  }
  if (names_configuration(patch)) {
    return Finding{sdk::CheckStatus::Warning,
                   patch.where() + ": patches configuration (`" + target + (attr.empty() ? "" : "." + attr) +
                       "`): the benchmark may take a path production never takes. Fix: use the real configuration "
                       "with its defaults; patch only when a default is wrong for the benchmark"};
  }
  return std::nullopt;
}

std::vector<Finding> findings_in(const BenchmarkFacts& facts) {
  std::vector<Finding> findings;
  for (const auto& file : facts.files_read) {
    const auto measured = measured_names(facts, file);
    for (const auto& patch : facts.in_file("patch", file)) {
      if (auto finding = judge_patch(patch, measured)) findings.push_back(std::move(*finding));
    }
  }
  for (const auto& error : facts.of_kind("error")) {
    findings.push_back({sdk::CheckStatus::Warning, error.file + ": could not be read: " + error.detail(0)});
  }
  return findings;
}

sdk::CheckResult run_benchmark_pitfalls_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  sdk::CheckResult result;
  const BenchmarkFacts facts = sdk::helpers::read_benchmark_facts(ctx, services);
  if (facts.files_read.empty()) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no benchmark file in the working tree to read yet (bench writes them)";
    return result;
  }
  if (!facts.failure.empty()) {
    result.status = sdk::CheckStatus::Warning;
    result.message = "could not read the benchmarks: " + facts.failure;
    return result;
  }
  const auto findings = findings_in(facts);
  const auto files = std::to_string(facts.files_read.size()) + " benchmark file(s)";
  if (findings.empty()) {
    result.message = "no patch of the measured function, of a property on an instance or of configuration in " + files;
    return result;
  }
  result.status = sdk::CheckStatus::Warning;
  for (const auto& finding : findings) {
    if (finding.status == sdk::CheckStatus::Error) result.status = sdk::CheckStatus::Error;
    result.hints.push_back(finding.text);
  }
  result.message = std::to_string(findings.size()) + " pitfall(s) in " + files + " (edit by hand; each line says how)";
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_benchmark_pitfalls_check() {
  return sdk::DiagnosticCheck{"core.benchmark-pitfalls", "benchmarks measure the change, not a mock", 45,
                              &run_benchmark_pitfalls_check};
}

sdk::CheckDescription describe_benchmark_pitfalls_check() {
  return {"core.benchmark-pitfalls",
          "each benchmark file's AST (read in isolated mode, nothing imported): patches of the measured function, "
          "PropertyMock on an instance instead of its type, patched configuration",
          "none applied: each finding names the line and the edit"};
}

}  // namespace prhost::plugins::checks_core
