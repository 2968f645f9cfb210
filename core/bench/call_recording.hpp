// Recorded calls (the best input after an explicit hint): the project's own
// tests that reach a target run under the embedded prhost_call_recorder
// pytest plugin, which keeps the arguments (self included) of the target's
// first successful calls, pickled, at that ref. Calls inside pytest.raises /
// warns, xfail tests and failing tests are never kept (see the plugin).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bench/ref_side.hpp"

namespace prhost::bench {

struct RecordedCall {
  std::string key;   // the target's key
  std::string test;  // the pytest node id that made the call
  int ordinal = 0;   // the how-many-th call of the target in that test
  std::string code;  // sha256 of the target's file at the ref that recorded it
  std::string blob;  // base85(zlib(pickle((args, kwargs))))
  std::size_t size = 0;
  bool mutates = false;          // the call changed its arguments
  std::string kind = "function";  // function, generator, coroutine, async_generator
};

struct RecordTarget {
  std::string key;
  std::string file;  // relative to the checkout
  std::string qualname;
};

struct RecordingRequest {
  std::vector<RecordTarget> targets;
  std::vector<std::string> test_files;  // relative to the checkout, best first
  int max_calls = 8;
  std::chrono::seconds budget{60};  // the plugin stops starting tests after this; the process is killed later
};

struct RecordingOutcome {
  std::vector<RecordedCall> calls;
  std::string note;  // why nothing (or only part) was recorded, when known
};

RecordingOutcome record_calls(const RefSide& side, const RecordingRequest& request, const ProcessRunner& run_process);

// The plugin's JSON lines (exposed for tests); malformed lines are skipped.
std::vector<RecordedCall> parse_recorded_calls(std::string_view lines);

}  // namespace prhost::bench
