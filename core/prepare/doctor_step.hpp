// Phase 2 inside prepare: doctor's checks on each comparison's pair of refs
// (core/doctor, the same runner `prhost doctor` uses), with only the safe
// repairs applied — the file edits of `prhost doctor --fix`, never the ones
// that need --yes (installs, new environments) — and then the checks again.
// What remains decides, per optimization:
//   error             blocked (<check id>: <message>); the comparison is not run
//   crashed           needs review: the check could not say
//   warning           needs review, unless the check is one whose warning
//                     cannot change the measured number (kHarmlessWarnings)
//   ok, n/a           nothing
// The findings are stored per comparison key, so `prhost report` shows what
// the last prepare found without running a check.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "doctor/doctor_types.hpp"
#include "pr_body/evidence.hpp"
#include "prepare/plan.hpp"
#include "prepare/progress.hpp"
#include "prepare/result_store.hpp"
#include "session/session.hpp"

namespace prhost::prepare {

// The pair of refs doctor checks for one comparison, with its benchmark
// files, --memory and the members' domains and numbers (`prhost doctor`
// without --base/--head checks the same targets).
doctor::DoctorTarget doctor_target(const Plan& plan, const ComparisonGroup& group);

// Whether a warning of check `check_id` can change the number compare
// measures (an unknown check's warning is assumed to).
bool warning_threatens_number(const std::string& check_id);

// One checked target as evidence: the final checks decide errors and review
// reasons, the first run's applied steps say what was repaired or left.
pr_body::DoctorEvidence doctor_evidence(const doctor::TargetReport& target);

enum class DoctorMode {
  Repair,      // run the checks, apply the safe repairs, check again; store the findings
  StoredOnly,  // `report`, `pr-body`: what the last prepare stored for the same comparison
};

// Evidence per plan item (index into plan.items); items in no comparison
// (no refs, no benchmark) are not checked. With `reuse`, a comparison whose
// stored result compare will reuse keeps the findings stored with it: they
// describe the set-up its numbers were measured on, and a re-run after a
// success stays a matter of seconds.
std::map<std::size_t, pr_body::DoctorEvidence> run_doctor_step(const Session& session, const Plan& plan,
                                                               const ResultStore& store, DoctorMode mode, bool reuse,
                                                               Progress& progress);

// `--dry-run`: the checks run (they only look) and nothing is applied; the
// text lists, per comparison, what is not ok, which safe repairs prepare
// would apply and which it would leave.
doctor::DoctorReport preview_doctor(const Session& session, const Plan& plan);
// (`--json` prints doctor::to_json of the same report.)
std::string render_doctor_preview(const doctor::DoctorReport& report);

}  // namespace prhost::prepare
