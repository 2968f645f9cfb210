// Runner detection as data: each runner lists the evidence it recognises,
// strongest first, and the first piece found decides. Files are looked at
// only through HostServices, so detection is testable on any directory.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/pyproject_tables.hpp"
#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/project.hpp"
#include "prhost/sdk/runner.hpp"

namespace prhost::plugins::common {

enum class Evidence {
  File,            // `what` is a path relative to the project root
  PyprojectTable,  // `what` is a table pyproject.toml declares, e.g. "tool.uv"
};

struct DetectionRule {
  Evidence kind;
  std::string_view what;
  int confidence;
  std::string_view reason;
};

inline std::optional<std::string> read_pyproject(const sdk::Project& project, const sdk::HostServices& services) {
  return services.read_file(project.root / "pyproject.toml");
}

inline bool rule_matches(const DetectionRule& rule, const sdk::Project& project, const sdk::HostServices& services,
                         const std::optional<std::string>& pyproject) {
  switch (rule.kind) {
    case Evidence::File:
      return services.exists(project.root / std::string(rule.what));
    case Evidence::PyprojectTable:
      return pyproject && has_toml_table(*pyproject, rule.what);
  }
  return false;
}

// The first rule that matches, or "not detected" with `missing_reason`.
inline sdk::RunnerDetection detect_by_rules(std::span<const DetectionRule> rules, const sdk::Project& project,
                                            const sdk::HostServices& services, std::string_view missing_reason) {
  const std::optional<std::string> pyproject = read_pyproject(project, services);
  for (const DetectionRule& rule : rules) {
    if (rule_matches(rule, project, services, pyproject)) {
      return sdk::RunnerDetection{true, rule.confidence, std::string(rule.reason)};
    }
  }
  return sdk::RunnerDetection{false, 0, std::string(missing_reason)};
}

}  // namespace prhost::plugins::common
