// Proves a generated benchmark works: one quick run at head through the
// project's runner (`--benchmark-disable`: the test body runs once, nothing
// is timed). A failure is explained by compare's failure table, so bench and
// compare give the same cause and fix for the same error.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"

namespace prhost::bench {

struct Validation {
  bool passed = false;
  std::string cause_id;  // compare::measure cause id, e.g. "missing_dependency"
  std::string cause;     // "title: detail"
  std::string fix;
  std::chrono::milliseconds elapsed{0};
};

using ProcessRunner = std::function<sdk::ProcessResult(const sdk::ProcessRequest&)>;

// The pytest argv (after the interpreter) for one quick run of `test_name`.
std::vector<std::string> validation_argv(const std::vector<std::string>& python, const std::string& benchmark_path,
                                         const std::string& test_name);

Validation validate_benchmark(const std::vector<std::string>& python, const std::filesystem::path& project_root,
                              const std::string& benchmark_path, const std::string& test_name,
                              std::chrono::seconds timeout, const ProcessRunner& run_process);

}  // namespace prhost::bench
