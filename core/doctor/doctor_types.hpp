// What doctor works on and what it finds, as plain data shared by the runner,
// the text and JSON renderers and the repair step.
#pragma once

#include <string>
#include <vector>

#include "prhost/sdk/checks.hpp"

namespace prhost::doctor {

// One pair of refs to check, with what will be compared on it.
struct DoctorTarget {
  std::string label;     // "#2 a1b2c3d (first parent) → d4e5f6a", or "main → HEAD"
  std::string base_ref;  // SHA or revision
  std::string head_ref;
  std::vector<std::string> benchmark_files;  // relative to the project root
  bool memory = false;                       // compared with --memory
  std::vector<std::string> domains;
  std::vector<int> optimizations;  // inventory numbers; empty for explicit refs
};

// What happened to one repair step.
struct AppliedStep {
  std::string description;  // the step as it is applied: the argv, the edit
  enum class Outcome { Applied, Failed, NeedsYes, NotAvailable } outcome = Outcome::Applied;
  std::string detail;  // the error, or why it was not applied
};

struct CheckOutcome {
  std::string id;
  std::string plugin;  // who contributed the check
  std::string title;
  sdk::CheckResult result;
  std::vector<AppliedStep> applied;  // filled by --fix
};

struct TargetReport {
  DoctorTarget target;
  std::vector<CheckOutcome> checks;      // the state that decides the exit code (after --fix: re-run)
  std::vector<CheckOutcome> before_fix;  // with --fix: the first run, with what was applied
};

struct DoctorReport {
  std::vector<TargetReport> targets;
  bool fix = false;
  bool yes = false;

  // True while any check (of any target) is an error or crashed.
  [[nodiscard]] bool has_errors() const;
};

const char* status_mark(sdk::CheckStatus status);  // "[✓]", "[!]", "[✗]", "[-]", "[☠]"
const char* status_word(sdk::CheckStatus status);  // "ok", "warning", "error", "not-applicable", "crashed"

}  // namespace prhost::doctor
