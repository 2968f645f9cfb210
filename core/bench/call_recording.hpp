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
  bool mutates = false;           // the call changed its arguments
  std::string kind = "function";  // function, generator, coroutine, async_generator
};

struct RecordTarget {
  std::string key;
  std::string file;  // relative to the checkout
  std::string qualname;
  // Also calls of `method` on an instance whose exact type is this class
  // (file, qualname), wherever the method's code is defined: an inherited
  // or generated __init__, or a base ref where the override did not exist.
  std::string owner_file;
  std::string owner_qualname;
  std::string method;
  bool constructor = false;  // a class target: its __init__ calls are recorded without `self`
  std::string reaches;       // an entry point: a call is kept only when this target key ran inside it
};

struct RecordingRequest {
  std::vector<RecordTarget> targets;
  std::vector<std::string> test_files;   // relative to the checkout, best first
  std::vector<std::string> first_tests;  // node ids (a parametrized test without its ids) run before the rest
  std::vector<std::string> only_tests;   // node ids: when set, the other tests of those files are deselected
  std::vector<RecordedCall> only_calls;  // when set: record these calls (key, test, ordinal) and no other
  // Classes whose instances are pickled as their construction (file, qualname): what head learned.
  std::vector<std::pair<std::string, std::string>> learned;
  int max_calls = 8;                 // first calls per target, and as many later ones each twice as big as all before
  std::chrono::seconds budget{60};   // the plugin stops starting tests after this; the process is killed later
  std::chrono::seconds explore{15};  // how long bigger calls are still looked for once the first are in
};

struct RecordingOutcome {
  std::vector<RecordedCall> calls;
  std::vector<std::pair<std::string, std::string>> learned;  // classes it learned to rebuild (file, qualname)
  std::string note;                                          // why nothing (or only part) was recorded, when known
};

RecordingOutcome record_calls(const RefSide& side, const RecordingRequest& request, const ProcessRunner& run_process);

// The plugin's JSON lines (exposed for tests); malformed lines are skipped.
std::vector<RecordedCall> parse_recorded_calls(std::string_view lines);
// Its closing {"learned": [...]} line, when it has one.
std::vector<std::pair<std::string, std::string>> parse_learned_classes(std::string_view lines);

}  // namespace prhost::bench
