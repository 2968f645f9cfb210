#include "doctor/doctor_render.hpp"

#include <fmt/format.h>

#include "doctor/repair_text.hpp"

namespace prhost::doctor {
namespace {

bool is_failure(sdk::CheckStatus status) {
  return status == sdk::CheckStatus::Error || status == sdk::CheckStatus::Warning ||
         status == sdk::CheckStatus::Crashed;
}

const char* applied_word(AppliedStep::Outcome outcome) {
  switch (outcome) {
    case AppliedStep::Outcome::Applied:
      return "applied";
    case AppliedStep::Outcome::Failed:
      return "failed";
    case AppliedStep::Outcome::NeedsYes:
      return "not applied (needs --yes)";
    case AppliedStep::Outcome::NotAvailable:
      return "not available";
  }
  return "?";
}

void render_check(std::string& text, const CheckOutcome& check, const std::filesystem::path& root) {
  text += fmt::format("{} {} — {}  ({}, {})\n", status_mark(check.result.status), check.title, check.result.message,
                      check.id, check.plugin);
  if (!is_failure(check.result.status)) return;
  for (const auto& hint : check.result.hints) text += "      hint: " + hint + "\n";
  if (!check.result.repair) return;
  text += "      repair: " + check.result.repair->summary + "\n";
  for (const auto& step : check.result.repair->steps) text += "        " + describe_step(step, root) + "\n";
}

void render_applied(std::string& text, const std::vector<CheckOutcome>& checks) {
  for (const auto& check : checks) {
    for (const auto& applied : check.applied) {
      text += fmt::format("  {} [{}]: {}{}\n", applied_word(applied.outcome), check.id, applied.description,
                          applied.detail.empty() ? "" : " — " + applied.detail);
    }
  }
}

std::size_t count(const std::vector<CheckOutcome>& checks, sdk::CheckStatus status) {
  std::size_t n = 0;
  for (const auto& check : checks) n += check.result.status == status ? 1 : 0;
  return n;
}

}  // namespace

const char* status_mark(sdk::CheckStatus status) {
  switch (status) {
    case sdk::CheckStatus::Ok:
      return "[✓]";
    case sdk::CheckStatus::Warning:
      return "[!]";
    case sdk::CheckStatus::Error:
      return "[✗]";
    case sdk::CheckStatus::NotApplicable:
      return "[-]";
    case sdk::CheckStatus::Crashed:
      return "[☠]";
  }
  return "[?]";
}

const char* status_word(sdk::CheckStatus status) {
  switch (status) {
    case sdk::CheckStatus::Ok:
      return "ok";
    case sdk::CheckStatus::Warning:
      return "warning";
    case sdk::CheckStatus::Error:
      return "error";
    case sdk::CheckStatus::NotApplicable:
      return "not-applicable";
    case sdk::CheckStatus::Crashed:
      return "crashed";
  }
  return "unknown";
}

std::string render_text(const DoctorReport& report, const std::string& fix_command) {
  std::string text;
  bool repairable = false;
  for (const auto& target : report.targets) {
    text += "Doctor: " + target.target.label + "\n";
    if (!target.before_fix.empty() || report.fix) {
      const auto& first = target.before_fix.empty() ? target.checks : target.before_fix;
      text += "--fix:\n";
      render_applied(text, first);
      if (!target.before_fix.empty()) text += "After --fix:\n";
    }
    const auto root = std::filesystem::path();
    for (const auto& check : target.checks) {
      render_check(text, check, root);
      repairable = repairable || (is_failure(check.result.status) && check.result.repair);
    }
    text += fmt::format("  {} ok, {} warnings, {} errors, {} not applicable, {} crashed\n\n",
                        count(target.checks, sdk::CheckStatus::Ok), count(target.checks, sdk::CheckStatus::Warning),
                        count(target.checks, sdk::CheckStatus::Error),
                        count(target.checks, sdk::CheckStatus::NotApplicable),
                        count(target.checks, sdk::CheckStatus::Crashed));
  }
  if (repairable && !report.fix) text += "Apply the repairs: " + fix_command + " (add --yes for installs)\n";
  if (repairable && report.fix && !report.yes) text += "Repairs that change your environment need --yes.\n";
  return text;
}

}  // namespace prhost::doctor
