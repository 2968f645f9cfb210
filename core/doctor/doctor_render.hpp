// The doctor report as people read it: one line per check, then its hints
// and, for each failure, the exact repair (and with --fix what was applied).
#pragma once

#include <string>

#include "doctor/doctor_types.hpp"

namespace prhost::doctor {

std::string render_text(const DoctorReport& report, const std::string& fix_command);

}  // namespace prhost::doctor
