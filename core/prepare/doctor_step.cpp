#include "prepare/doctor_step.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "doctor/doctor.hpp"
#include "doctor/repair_text.hpp"
#include "prepare/compare_step.hpp"
#include "report/report.hpp"

namespace prhost::prepare {
namespace {

// Checks whose warning is about something compare does not depend on:
// codeflash's own configuration and tools, or a layout compare works around.
// Every other warning — a third-party plugin's too — may change the number.
const std::set<std::string>& harmless_warnings() {
  static const std::set<std::string> ids{
      "core.benchmarks-root",       // codeflash's config key; prhost finds the benchmarks itself
      "core.benchmark-at-refs",     // compare injects the working-tree benchmark into both checkouts
      "core.xdist-addopts",         // prhost drops the xdist options from its own runs
      "core.codeflash-importable",  // only the codeflash backend imports it; prepare compares built-in
  };
  return ids;
}

enum class Effect { None, Blocks, Review };

Effect effect_of(const doctor::CheckOutcome& check) {
  switch (check.result.status) {
    case sdk::CheckStatus::Error:
      return Effect::Blocks;
    case sdk::CheckStatus::Crashed:
      return Effect::Review;  // the check could not say; the comparison may still be sound
    case sdk::CheckStatus::Warning:
      return warning_threatens_number(check.id) ? Effect::Review : Effect::None;
    case sdk::CheckStatus::Ok:
    case sdk::CheckStatus::NotApplicable:
      break;
  }
  return Effect::None;
}

std::string finding(const doctor::CheckOutcome& check) { return check.id + ": " + check.result.message; }

std::string step_text(const doctor::CheckOutcome& check, const doctor::AppliedStep& step) {
  using Outcome = doctor::AppliedStep::Outcome;
  const std::string text = check.id + ": " + step.description;
  switch (step.outcome) {
    case Outcome::Applied:
      return step.detail.empty() ? text : text + " (" + step.detail + ")";
    case Outcome::NeedsYes:
      return text + " — prepare never installs; `prhost doctor --fix --yes` applies it";
    case Outcome::Failed:
      return text + " — failed: " + step.detail;
    case Outcome::NotAvailable:
      break;
  }
  return text + " — " + step.detail;
}

pr_body::DoctorEvidence check_and_repair(const Session& session, const doctor::DoctorTarget& target) {
  doctor::DoctorOptions options;
  options.fix = true;           // the safe repairs: `yes` stays false, so nothing is installed
  options.backend = "builtin";  // what prepare compares with
  const auto report = doctor::run_doctor(session, {target}, options);
  return doctor_evidence(report.targets.front());
}

std::string members(const doctor::DoctorTarget& target) {
  std::string text;
  for (const int number : target.optimizations) text += (text.empty() ? "#" : ", #") + std::to_string(number);
  return text;
}

// What prepare would do about one failing check: the safe steps it applies,
// up to the first one that needs --yes (doctor stops a repair there).
void render_repair_preview(std::string& text, const doctor::CheckOutcome& check) {
  for (const auto& step : check.result.repair->steps) {
    if (sdk::needs_yes(step)) {
      text += "      prepare leaves: " + doctor::describe_step(step, {}) + "\n";
      return;
    }
    text += "      prepare applies: " + doctor::describe_step(step, {}) + "\n";
  }
}

void render_effect(std::string& text, const doctor::CheckOutcome& check, const std::string& numbers) {
  switch (effect_of(check)) {
    case Effect::Blocks:
      text += "      unless repaired: blocks " + numbers + "\n";
      return;
    case Effect::Review:
      text += "      unless repaired: " + numbers + " needs review\n";
      return;
    case Effect::None:
      break;
  }
  text += "      shown only: it cannot change the measured number\n";
}

}  // namespace

doctor::DoctorTarget doctor_target(const Plan& plan, const ComparisonGroup& group) {
  doctor::DoctorTarget target;
  target.base_ref = group.base_sha;
  target.head_ref = group.head_sha;
  target.benchmark_files = group.benchmark_paths;
  target.memory = group.memory;
  for (const auto index : group.items) {
    const auto& optimization = *plan.items[index].optimization;
    target.optimizations.push_back(optimization.number);
    for (const auto& domain : optimization.domains_or_declared()) {
      if (std::find(target.domains.begin(), target.domains.end(), domain) == target.domains.end()) {
        target.domains.push_back(domain);
      }
    }
  }
  target.label = fmt::format("{} {}..{}", members(target), group.base_sha.substr(0, 12), group.head_sha.substr(0, 12));
  return target;
}

bool warning_threatens_number(const std::string& check_id) { return harmless_warnings().count(check_id) == 0; }

pr_body::DoctorEvidence doctor_evidence(const doctor::TargetReport& target) {
  pr_body::DoctorEvidence evidence;
  evidence.checked = true;
  for (const auto& check : target.checks) {
    const auto effect = effect_of(check);
    if (effect == Effect::None) continue;
    (effect == Effect::Blocks ? evidence.errors : evidence.review).push_back(finding(check));
    for (const auto& hint : check.result.hints) evidence.details.push_back(check.id + ": " + hint);
  }
  // After a change doctor ran the checks again; what it tried is on the first run.
  const auto& tried = target.before_fix.empty() ? target.checks : target.before_fix;
  for (const auto& check : tried) {
    for (const auto& step : check.applied) {
      auto& list = step.outcome == doctor::AppliedStep::Outcome::Applied ? evidence.applied : evidence.not_applied;
      list.push_back(step_text(check, step));
    }
  }
  return evidence;
}

std::map<std::size_t, pr_body::DoctorEvidence> run_doctor_step(const Session& session, const Plan& plan,
                                                               const ResultStore& store, DoctorMode mode, bool reuse,
                                                               Progress& progress) {
  std::map<std::size_t, pr_body::DoctorEvidence> evidence;
  int index = 0;
  for (const auto& group : plan.groups) {
    const auto target = doctor_target(plan, group);
    progress.step(++index, static_cast<int>(plan.groups.size()), target.label);
    const auto key = compare_key(comparison_identity(session, group));
    const auto stored = store.doctor(key);
    const bool measured_already = reuse && stored && store.compare(key);
    pr_body::DoctorEvidence found;
    if (mode == DoctorMode::Repair && !measured_already) {
      found = check_and_repair(session, target);
      store.save_doctor(key, report::to_json(found));
    } else if (stored) {
      found = report::doctor_from_json(*stored);
      if (mode == DoctorMode::Repair)
        session.reporter().progress(target.label + ": doctor's findings of its measurement");
    }
    for (const auto item : group.items) evidence[item] = found;
  }
  return evidence;
}

doctor::DoctorReport preview_doctor(const Session& session, const Plan& plan) {
  std::vector<doctor::DoctorTarget> targets;
  for (const auto& group : plan.groups) targets.push_back(doctor_target(plan, group));
  doctor::DoctorOptions options;  // fix = false: the checks only look
  options.backend = "builtin";
  return doctor::run_doctor(session, targets, options);
}

std::string render_doctor_preview(const doctor::DoctorReport& report) {
  std::string text = "\nDoctor, checked now (prepare applies only the repairs that edit project files):\n";
  for (const auto& target : report.targets) {
    std::string findings;
    for (const auto& check : target.checks) {
      const auto status = check.result.status;
      if (status == sdk::CheckStatus::Ok || status == sdk::CheckStatus::NotApplicable) continue;
      findings += fmt::format("    {} {}: {}\n", doctor::status_mark(status), check.id, check.result.message);
      if (doctor::wants_repair(check)) render_repair_preview(findings, check);
      render_effect(findings, check, members(target.target));
    }
    text += "  " + target.target.label + (findings.empty() ? ": every check ok\n" : ":\n" + findings);
  }
  if (report.targets.empty()) text += "  no comparison to check\n";
  return text;
}

}  // namespace prhost::prepare
