#include "report/report.hpp"

namespace prhost::report {
namespace {

using nlohmann::json;

template <typename T, typename F>
json optional_json(const std::optional<T>& value, F&& convert) {
  return value ? convert(*value) : json();
}

json timing_json(const pr_body::TimingEvidence& t) {
  return {{"decision", t.decision},
          {"verdict", t.verdict},
          {"speedup", t.speedup},
          {"speedup_ci", {t.speedup_low, t.speedup_high}},
          {"confidence", t.confidence},
          {"pairs", t.pairs},
          {"base_round_ns", t.base_round_ns},
          {"head_round_ns", t.head_round_ns}};
}

json memory_json(const pr_body::MemoryEvidence& m) {
  return {{"direction", m.direction},
          {"base_peak_bytes", m.base_peak_bytes},
          {"head_peak_bytes", m.head_peak_bytes},
          {"delta_fraction", m.delta_fraction},
          {"base_peaks", m.base_peaks},
          {"head_peaks", m.head_peaks},
          {"backend", m.backend}};
}

json instructions_json(const pr_body::InstructionEvidence& i) {
  return {{"ratio", i.ratio}, {"ratio_ci", {i.ratio_low, i.ratio_high}}, {"verdict", i.verdict}};
}

json compare_json(const pr_body::CompareEvidence& c) {
  json benchmarks = json::array();
  for (const auto& b : c.benchmarks) {
    benchmarks.push_back({{"name", b.name},
                          {"timing", optional_json(b.timing, timing_json)},
                          {"memory", optional_json(b.memory, memory_json)},
                          {"instructions", optional_json(b.instructions, instructions_json)}});
  }
  return {{"measured", c.measured},
          {"failed", c.failed},
          {"missing", c.missing},
          {"source", c.source},
          {"backend", c.backend},
          {"base_sha", c.base_sha},
          {"head_sha", c.head_sha},
          {"python_version", c.python_version},
          {"margin", c.margin},
          {"own_code", c.own_code},
          {"own_code_enforced", c.own_code_enforced},
          {"benchmarks", benchmarks}};
}

json benchmark_json(const pr_body::BenchmarkEvidence& b) {
  return {{"function", b.function},
          {"test_name", b.test_name},
          {"path", b.path},
          {"status", b.status},
          {"cause", b.cause},
          {"fix", b.fix},
          {"inputs", b.inputs},
          {"blob", b.blob},
          {"coverage", b.coverage ? json(*b.coverage) : json()},
          {"coverage_reaches_change", b.coverage_reaches_change},
          {"equivalent", b.equivalent ? json(*b.equivalent) : json()},
          {"equivalence_detail", b.equivalence_detail},
          {"public_entry", b.public_entry}};
}

std::string unit_state(pr_body::UnitTestEvidence::State state) {
  using State = pr_body::UnitTestEvidence::State;
  switch (state) {
    case State::Passed:
      return "passed";
    case State::Failed:
      return "failed";
    case State::NoTests:
      return "no tests";
    case State::CouldNotRun:
      return "could not run";
    case State::NotRun:
      break;
  }
  return "not run";
}

std::string claim_verdict(pr_body::ClaimCheck::Verdict verdict) {
  switch (verdict) {
    case pr_body::ClaimCheck::Verdict::Inside:
      return "inside";
    case pr_body::ClaimCheck::Verdict::Outside:
      return "outside";
    case pr_body::ClaimCheck::Verdict::NotMeasured:
      break;
  }
  return "not measured";
}

}  // namespace

json to_json(const pr_body::DoctorEvidence& doctor) {
  return {{"checked", doctor.checked}, {"errors", doctor.errors},   {"review", doctor.review},
          {"details", doctor.details}, {"applied", doctor.applied}, {"not_applied", doctor.not_applied}};
}

pr_body::DoctorEvidence doctor_from_json(const json& doctor) {
  pr_body::DoctorEvidence evidence;
  if (!doctor.is_object()) return evidence;
  const auto texts = [&doctor](const char* key) {
    std::vector<std::string> values;
    const auto found = doctor.find(key);
    if (found == doctor.end() || !found->is_array()) return values;
    for (const auto& value : *found) {
      if (value.is_string()) values.push_back(value.get<std::string>());
    }
    return values;
  };
  evidence.checked = doctor.value("checked", false);
  evidence.errors = texts("errors");
  evidence.review = texts("review");
  evidence.details = texts("details");
  evidence.applied = texts("applied");
  evidence.not_applied = texts("not_applied");
  return evidence;
}

json to_json(const pr_body::OptimizationEvidence& e) {
  json benchmarks = json::array();
  for (const auto& benchmark : e.benchmarks) benchmarks.push_back(benchmark_json(benchmark));
  json claims = json::array();
  for (const auto& check : e.claims) {
    claims.push_back({{"text", check.claim.text},
                      {"where", check.claim.where},
                      {"kind", check.claim.kind == pr_body::Claim::Kind::Speedup ? "speedup" : "memory"},
                      {"value", check.claim.value},
                      {"measured", check.measured},
                      {"verdict", claim_verdict(check.verdict)}});
  }
  return {{"number", e.number},
          {"description", e.description},
          {"subject", e.subject},
          {"commit", e.commit_sha},
          {"functions", e.functions},
          {"domains", e.domains},
          {"flags", e.flags},
          {"refs",
           {{"base", e.refs.base_sha},
            {"head", e.refs.head_sha},
            {"base_label", e.refs.base_label},
            {"head_label", e.refs.head_label},
            {"origin", e.refs.origin},
            {"error", e.refs.error}}},
          {"benchmarks", benchmarks},
          {"compare", compare_json(e.compare)},
          {"unit_tests",
           {{"state", unit_state(e.unit_tests.state)},
            {"summary", e.unit_tests.summary},
            {"first_failure", e.unit_tests.first_failure},
            {"command", e.unit_tests.command},
            {"why", e.unit_tests.why},
            {"head", e.unit_tests.head_sha},
            {"note", e.unit_tests.note}}},
          {"claims", claims},
          {"doctor", to_json(e.doctor)},
          {"pr_status", e.pr_status},
          {"pr_body", e.pr_body_path}};
}

json to_json(const Report& report) {
  json rows = json::array();
  for (const auto& row : report.rows) {
    auto entry = to_json(row.evidence);
    entry["status"] = row.status.id();
    entry["status_text"] = row.status.text();
    entry["reasons"] = row.status.reasons;
    entry["review_reasons"] = row.status.review_reasons;
    entry["compare_summary"] = compare_cell(row.evidence);
    rows.push_back(std::move(entry));
  }
  return {{"optimizations", rows},
          {"platform", report.platform},
          {"notes", report.notes},
          {"counts", status_counts(report)}};
}

}  // namespace prhost::report
