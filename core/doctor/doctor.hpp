// Phase 2: every check the plugins contribute, per pair of refs, with the
// exact repair for each failure; `--fix` applies the safe ones (and, with
// `--yes`, the ones that change the environment), then runs the checks again.
#pragma once

#include <string>
#include <vector>

#include "doctor/doctor_types.hpp"
#include "session/session.hpp"

namespace prhost::doctor {

struct DoctorOptions {
  bool fix = false;
  bool yes = false;
  std::string backend = "builtin";       // what compare will be asked for
  std::vector<std::string> only_checks;  // check ids; empty = all
};

DoctorReport run_doctor(const Session& session, const std::vector<DoctorTarget>& targets, const DoctorOptions& options);

// Whether --fix tries the check's repair: the check failed (error or
// warning) and returned one.
bool wants_repair(const CheckOutcome& outcome);

// Applies every step of every failing check's repair (in check order) and
// records what happened in `outcomes`. Returns whether anything changed.
bool apply_repairs(std::vector<CheckOutcome>& outcomes, const std::filesystem::path& project_root, bool yes,
                   sdk::HostServices& services);

}  // namespace prhost::doctor
