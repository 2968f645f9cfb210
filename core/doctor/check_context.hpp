// The CheckContext every check of one doctor run reads: the project, the
// runner and what it found of the environment (only by looking), and, per
// target, the refs and benchmark files to be compared.
#pragma once

#include <string>

#include "doctor/doctor_types.hpp"
#include "prhost/sdk/checks.hpp"
#include "session/session.hpp"

namespace prhost::doctor {

// Target-independent part. Never throws for a missing runner or a malformed
// pyproject.toml: the checks that own those report them. `backend` is what
// compare will be asked for ("builtin", "codeflash", "auto").
sdk::CheckContext project_context(const Session& session, const std::string& backend);

// `base` with the target's refs, files, memory flag, domains and numbers.
sdk::CheckContext target_context(const sdk::CheckContext& base, const DoctorTarget& target);

}  // namespace prhost::doctor
