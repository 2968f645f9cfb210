// The validation run of a generated benchmark, under the embedded prhost_probe
// pytest plugin: the test body runs once (`--benchmark-disable`), the call
// given to the benchmark fixture is line-traced in the changed files and its
// result fingerprinted, so bench can prove the benchmark reaches the changed
// lines and that base and head return the same thing. A run that does not
// finish in time says where it was waiting (the last frame of faulthandler's
// dump).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/ref_side.hpp"
#include "bench/validation.hpp"

namespace prhost::bench {

struct ProbeRequest {
  std::string benchmark_path;  // relative to the checkout
  std::string test_name;
  std::vector<std::string> changed_files;  // relative to the checkout
  std::chrono::seconds timeout{60};
  bool measure_memory = false;  // also one call's peak allocation: the change's compare measures memory
};

struct ProbeResult {
  Validation validation;
  bool probed = false;                         // the plugin wrote its reply (the fixture was called at least once)
  std::map<std::string, std::set<int>> lines;  // executed lines per changed file
  nlohmann::json fingerprint;                  // of the first call's result
  int calls = 0;
  std::string last_frame;  // a hang: "anyio/_backends/_asyncio.py:1234 in wait"
  // Untraced repeats of the call: the fastest one, and (measure_memory) one
  // call's peak allocation; unset when the call could not be repeated.
  std::optional<long long> call_ns;
  std::optional<long long> peak_bytes;
};

ProbeResult probe_benchmark(const RefSide& side, const ProbeRequest& request, const ProcessRunner& run_process);

// The innermost frame of the first thread in a faulthandler dump
// ("File "x.py", line 12 in wait" -> "x.py:12 in wait"); empty without one.
std::string last_frame_of(std::string_view faulthandler_dump);

// Reads the plugin's reply into `result` (exposed for tests).
void read_probe_reply(const nlohmann::json& reply, ProbeResult& result);

}  // namespace prhost::bench
