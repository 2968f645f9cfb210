// Where a generated benchmark goes and how it is written: one file per
// function, `<benchmarks root>/test_benchmark_<name>.py`, written atomically
// (a temporary file renamed into place) so an interrupted run never leaves
// half a test behind.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prhost::bench {

// test_benchmark_<function>, or test_benchmark_<Class>_<method> for a method.
std::string benchmark_test_name(const std::string& function_name, const std::optional<std::string>& class_name);

// The marker a generated test carries while it still lacks an input; a
// second run reports it as "needs review" instead of "exists".
inline constexpr const char* kNeedsInputMarker = "# prhost: needs input: ";

// The reason after kNeedsInputMarker in `source`, when present.
std::optional<std::string> needs_input_reason(const std::string& source);

// Creates the benchmarks root when missing. When the project's tests are a
// package (tests/__init__.py), a new root gets an empty __init__.py too, so
// it imports the same way as its siblings. Returns the paths it created.
std::vector<std::filesystem::path> ensure_benchmarks_root(const std::filesystem::path& directory,
                                                          bool tests_use_packages);

}  // namespace prhost::bench
