// Which refs `prhost doctor` checks: the two given on the command line, or
// every comparison prepare would run (base = each optimization commit's
// first parent, head = the commit, optimizations on the same refs together).
#pragma once

#include <string>
#include <vector>

#include "doctor/doctor_types.hpp"
#include "session/session.hpp"

namespace prhost::cli {

// Throws std::invalid_argument naming a ref that does not resolve.
doctor::DoctorTarget explicit_target(const Session& session, const std::string& base, const std::string& head,
                                     bool memory);

// From the inventory and prepare's plan. `notes` receives optimizations that
// cannot be compared (a root commit, no benchmarkable function). With no
// comparison at all, one target without refs, so the environment is still
// checked.
std::vector<doctor::DoctorTarget> inventory_targets(const Session& session, const std::vector<int>& only,
                                                    std::vector<std::string>& notes);

}  // namespace prhost::cli
