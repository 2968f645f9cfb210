#include <fmt/format.h>

#include <cmath>

#include "compare/markdown.hpp"
#include "report/report.hpp"

namespace prhost::report {
namespace {

using pr_body::ClaimCheck;

constexpr std::size_t kMaxDescription = 70;

std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  auto cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string timing_cell(const pr_body::TimingEvidence& timing) {
  const auto interval = fmt::format("{:.2f}–{:.2f}x", timing.speedup_low, timing.speedup_high);
  if (timing.decision == "faster") return fmt::format("{:.2f}x faster ({})", timing.speedup, interval);
  if (timing.decision == "slower") {
    return fmt::format("{:.2f}x slower ({:.2f}–{:.2f}x)", 1.0 / timing.speedup, 1.0 / timing.speedup_high,
                       1.0 / timing.speedup_low);
  }
  if (timing.decision == "no significant change") return "no significant change (" + interval + ")";
  return "inconclusive (" + interval + ")";
}

std::string memory_cell(const pr_body::MemoryEvidence& memory) {
  if (memory.direction == "no change") return "peak memory: no change";
  const double delta = memory.head_peak_bytes - memory.base_peak_bytes;
  return fmt::format("peak {}{} ({}{:.1f}%)", delta < 0 ? "−" : "+", compare::markdown::format_bytes(std::fabs(delta)),
                     delta < 0 ? "−" : "+", std::fabs(memory.delta_fraction) * 100.0);
}

std::string optimization_cell(const pr_body::OptimizationEvidence& e) {
  std::string text = shorten(e.description.empty() ? e.subject : e.description, kMaxDescription);
  if (!e.functions.empty()) text += " — `" + e.functions.front() + "`";
  if (e.functions.size() > 1) text += fmt::format(" +{}", e.functions.size() - 1);
  return text;
}

std::string benchmark_cell(const pr_body::OptimizationEvidence& e) {
  std::string text;
  for (const auto& benchmark : e.benchmarks) {
    if (benchmark.path.empty()) continue;
    text += (text.empty() ? "" : "<br>") + ("`" + benchmark.path + "` (" + benchmark.status + ")");
  }
  return text.empty() ? "-" : text;
}

std::string claim_mark(ClaimCheck::Verdict verdict) {
  switch (verdict) {
    case ClaimCheck::Verdict::Inside:
      return "inside the measured interval";
    case ClaimCheck::Verdict::Outside:
      return "⚠ outside the measured interval";
    case ClaimCheck::Verdict::NotMeasured:
      break;
  }
  return "not measured";
}

std::string claims_table(const Report& report) {
  std::string rows;
  for (const auto& row : report.rows) {
    for (const auto& check : row.evidence.claims) {
      rows += fmt::format("| {} | {} | {} | {} | {} |\n", row.evidence.number, cell(check.claim.text),
                          cell(check.claim.where), cell(check.measured), claim_mark(check.verdict));
    }
  }
  if (rows.empty()) return {};
  return "\nClaims beside the measurements (PR bodies use the measured numbers):\n\n"
         "| # | Claim | Where | Measured | |\n|---|---|---|---|---|\n" +
         rows;
}

// A test is deselected; a file that fails to collect can only be ignored.
std::string leave_out_example(const std::string& test_id) {
  if (test_id.find("::") != std::string::npos) return "[\"--deselect\", \"" + test_id + "\"]";
  return "[\"--ignore=" + test_id + "\"]";
}

std::string details(const Report& report) {
  std::string text;
  for (const auto& row : report.rows) {
    const auto& e = row.evidence;
    if (e.unit_tests.state == pr_body::UnitTestEvidence::State::Failed) {
      text += fmt::format("- #{} first unit-test failure at {}: {}{}\n", e.number, e.unit_tests.head_sha.substr(0, 12),
                          e.unit_tests.first_failure, e.unit_tests.note.empty() ? "" : " (" + e.unit_tests.note + ")");
      text += fmt::format(
          "- #{} only if that test cannot pass on this machine (it needs the network or a service): leave it "
          "out with [prepare] unit-test-args in prhost.toml, e.g. {}\n",
          e.number, leave_out_example(failing_test_id(e.unit_tests.first_failure)));
    }
    for (const auto& reason : row.status.review_reasons) text += fmt::format("- #{} also: {}\n", e.number, reason);
    for (const auto& detail : e.doctor.details) text += fmt::format("- #{} doctor: {}\n", e.number, detail);
    // What prepare changed in the project on its own, and what it left to the user.
    for (const auto& repair : e.doctor.applied) text += fmt::format("- #{} doctor repaired {}\n", e.number, repair);
    for (const auto& repair : e.doctor.not_applied) text += fmt::format("- #{} doctor left {}\n", e.number, repair);
  }
  for (const auto& note : report.notes) text += "- " + note + "\n";
  return text.empty() ? "" : "\n" + text;
}

}  // namespace

std::string compare_cell(const pr_body::OptimizationEvidence& evidence) {
  const auto& compare = evidence.compare;
  if (!compare.measured) return (compare.failed ? "" : "not measured: ") + compare.missing;
  std::string text;
  for (const auto& measured : compare.benchmarks) {
    std::string one;
    if (measured.timing) one = timing_cell(*measured.timing);
    if (measured.memory) one += (one.empty() ? "" : ", ") + memory_cell(*measured.memory);
    if (compare.benchmarks.size() > 1) one = measured.name + ": " + one;
    text += (text.empty() ? "" : "<br>") + one;
  }
  return text;
}

Report build_report(std::vector<pr_body::OptimizationEvidence> evidence, std::string platform) {
  Report report;
  report.platform = std::move(platform);
  for (auto& item : evidence) {
    auto status = decide_status(item);
    report.rows.push_back({std::move(item), std::move(status)});
  }
  return report;
}

std::string render_markdown(const Report& report) {
  std::string text =
      "| # | Optimization | Benchmark | Compare | PR body | Status |\n"
      "|---|--------------|-----------|---------|---------|--------|\n";
  for (const auto& row : report.rows) {
    const auto& e = row.evidence;
    text += fmt::format("| {} | {} | {} | {} | {} | {} |\n", e.number, cell(optimization_cell(e)),
                        cell(benchmark_cell(e)), cell(compare_cell(e)),
                        e.pr_body_path.empty() ? "-" : "`" + e.pr_body_path + "`", cell(row.status.text()));
  }
  if (!report.platform.empty()) text += "\nMeasured on " + report.platform + ".\n";
  text += claims_table(report);
  text += details(report);
  return text;
}

nlohmann::json status_counts(const Report& report) {
  nlohmann::json counts{{"ready", 0}, {"needs review", 0}, {"blocked", 0}};
  for (const auto& row : report.rows) counts[row.status.id()] = counts[row.status.id()].get<int>() + 1;
  return counts;
}

}  // namespace prhost::report
