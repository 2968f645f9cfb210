#include "doctor/doctor_json.hpp"

#include "doctor/repair_text.hpp"

namespace prhost::doctor {
namespace {

const char* outcome_word(AppliedStep::Outcome outcome) {
  switch (outcome) {
    case AppliedStep::Outcome::Applied:
      return "applied";
    case AppliedStep::Outcome::Failed:
      return "failed";
    case AppliedStep::Outcome::NeedsYes:
      return "needs-yes";
    case AppliedStep::Outcome::NotAvailable:
      return "not-available";
  }
  return "unknown";
}

nlohmann::json repair_json(const std::optional<sdk::Repair>& repair) {
  if (!repair) return nullptr;
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& step : repair->steps) {
    steps.push_back({{"step", describe_step(step, {})}, {"needs_yes", sdk::needs_yes(step)}});
  }
  return {{"summary", repair->summary}, {"steps", steps}};
}

nlohmann::json check_json(const CheckOutcome& check) {
  nlohmann::json applied = nlohmann::json::array();
  for (const auto& step : check.applied) {
    applied.push_back({{"step", step.description}, {"outcome", outcome_word(step.outcome)}, {"detail", step.detail}});
  }
  return {{"id", check.id},
          {"plugin", check.plugin},
          {"title", check.title},
          {"status", status_word(check.result.status)},
          {"message", check.result.message},
          {"hints", check.result.hints},
          {"repair", repair_json(check.result.repair)},
          {"applied", applied}};
}

nlohmann::json checks_json(const std::vector<CheckOutcome>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& check : checks) list.push_back(check_json(check));
  return list;
}

}  // namespace

nlohmann::json to_json(const DoctorReport& report) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& target : report.targets) {
    targets.push_back({{"label", target.target.label},
                       {"base", target.target.base_ref},
                       {"head", target.target.head_ref},
                       {"benchmarks", target.target.benchmark_files},
                       {"memory", target.target.memory},
                       {"optimizations", target.target.optimizations},
                       {"checks", checks_json(target.checks)},
                       {"before_fix", checks_json(target.before_fix)}});
  }
  return {{"fix", report.fix}, {"yes", report.yes}, {"ok", !report.has_errors()}, {"targets", targets}};
}

}  // namespace prhost::doctor
