// Inputs from recorded calls: the generated benchmark replays one call the
// project's own tests made, with the arguments pickled at each ref (`self`
// included), and picks at run time the recording made for the code it
// imports (by the sha256 of the target's file), so a pickled object of head
// is never fed to base's changed class.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench/call_recording.hpp"
#include "bench/input_planner.hpp"

namespace prhost::bench {

struct RecordedChoice {
  RecordedCall head;
  RecordedCall base;
  std::string head_sha;
  std::string base_sha;
  std::string entry;  // "pkg.mod:Cls.public": the public caller replayed instead of a private target; else empty
};

// The same logical call (test node id and ordinal) recorded at both refs:
// calls that leave their arguments unchanged first, then the biggest.
// nullopt when no call was recorded at both; `why` says which side lacked one.
std::optional<RecordedChoice> choose_recorded(const std::string& key, const std::vector<RecordedCall>& head,
                                              const std::vector<RecordedCall>& base, std::string& why);

// The plan that replays `choice`: imports, the recordings and the replay
// setup, the call (drained to a list for a generator).
InputPlan plan_recorded(const PlanTarget& target, const RecordedChoice& choice, const std::string& file);

}  // namespace prhost::bench
