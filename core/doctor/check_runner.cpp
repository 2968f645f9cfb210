#include "doctor/check_runner.hpp"

#include <algorithm>

#include "services/cancellation.hpp"

namespace prhost::doctor {
namespace {

sdk::CheckResult crashed(const plugin_host::Origin& origin, const std::string& what) {
  sdk::CheckResult result;
  result.status = sdk::CheckStatus::Crashed;
  result.message = "the check itself failed (plugin '" + origin.plugin + "', " + origin.path.string() + "): " + what;
  result.hints.push_back("this is a bug in the plugin, not in your project; the other checks still ran");
  return result;
}

}  // namespace

CheckOutcome run_check(const plugin_host::Contribution<sdk::DiagnosticCheck>& check, const sdk::CheckContext& context,
                       sdk::HostServices& services) {
  CheckOutcome outcome{check.value.id, check.origin.plugin, check.value.title, {}, {}};
  try {
    outcome.result = check.value.run(context, services);
  } catch (const services::Interrupted&) {
    throw;  // Ctrl-C is the user's, not the check's failure
  } catch (const std::exception& error) {
    outcome.result = crashed(check.origin, error.what());
  } catch (...) {
    outcome.result = crashed(check.origin, "an unknown exception");
  }
  return outcome;
}

std::vector<CheckOutcome> run_checks(const plugin_host::PluginRegistry& registry, const sdk::CheckContext& context,
                                     const ServicesFor& services_for, const std::vector<std::string>& only_ids) {
  // The registry keeps checks sorted by order, then id.
  std::vector<CheckOutcome> outcomes;
  for (const auto& check : registry.checks) {
    if (!only_ids.empty() && std::find(only_ids.begin(), only_ids.end(), check.value.id) == only_ids.end()) continue;
    outcomes.push_back(run_check(check, context, services_for(check.origin.plugin)));
  }
  return outcomes;
}

}  // namespace prhost::doctor
