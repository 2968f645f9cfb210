#include "doctor/doctor.hpp"

#include <set>

#include "doctor/check_context.hpp"
#include "doctor/check_runner.hpp"
#include "doctor/step_appliers.hpp"

namespace prhost::doctor {

bool wants_repair(const CheckOutcome& outcome) {
  const auto status = outcome.result.status;
  return outcome.result.repair && (status == sdk::CheckStatus::Error || status == sdk::CheckStatus::Warning);
}

bool DoctorReport::has_errors() const {
  for (const auto& target : targets) {
    for (const auto& check : target.checks) {
      if (check.result.status == sdk::CheckStatus::Error || check.result.status == sdk::CheckStatus::Crashed) {
        return true;
      }
    }
  }
  return false;
}

bool apply_repairs(std::vector<CheckOutcome>& outcomes, const std::filesystem::path& project_root, bool yes,
                   sdk::HostServices& services) {
  bool changed = false;
  // Two targets (or two checks) may ask for the same step: apply it once.
  std::set<std::string> done;
  const ApplyOptions options{project_root, yes};
  for (auto& outcome : outcomes) {
    if (!wants_repair(outcome)) continue;
    for (const auto& step : outcome.result.repair->steps) {
      auto applied = apply_step(step, options, services);
      if (applied.outcome == AppliedStep::Outcome::Applied && !done.insert(applied.description).second) continue;
      changed = changed || applied.outcome == AppliedStep::Outcome::Applied;
      const bool stop = applied.outcome != AppliedStep::Outcome::Applied;
      outcome.applied.push_back(std::move(applied));
      if (stop) break;  // later steps of a repair assume the earlier ones worked
    }
  }
  return changed;
}

DoctorReport run_doctor(const Session& session, const std::vector<DoctorTarget>& targets,
                        const DoctorOptions& options) {
  DoctorReport report;
  report.fix = options.fix;
  report.yes = options.yes;
  const ServicesFor services_for = [&](const std::string& plugin) -> sdk::HostServices& {
    return session.services_for(plugin);
  };
  auto base = project_context(session, options.backend);
  for (const auto& target : targets) {
    TargetReport entry{
        target, run_checks(session.registry(), target_context(base, target), services_for, options.only_checks), {}};
    if (options.fix && apply_repairs(entry.checks, session.project_root(), options.yes, session.services())) {
      // The environment may exist now: look again before re-running.
      base = project_context(session, options.backend);
      entry.before_fix = std::move(entry.checks);
      entry.checks = run_checks(session.registry(), target_context(base, target), services_for, options.only_checks);
    }
    report.targets.push_back(std::move(entry));
  }
  return report;
}

}  // namespace prhost::doctor
