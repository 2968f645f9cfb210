// The doctor report as JSON (`prhost doctor --json`): every check, its status,
// message, hints, repair (summary and steps as applied) and what --fix did.
#pragma once

#include <nlohmann/json.hpp>

#include "doctor/doctor_types.hpp"

namespace prhost::doctor {

nlohmann::json to_json(const DoctorReport& report);

}  // namespace prhost::doctor
