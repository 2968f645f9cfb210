#include "compare/run/backend_options.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace prhost::compare {
namespace {

struct BuiltinOnlyOption {
  const char* flag;
  bool (*given)(const CompareOptions&);
  const char* why;
};

// What `codeflash compare` (0.20: base, head, --timeout, --memory, --output,
// --inject, --functions, --script) has no counterpart for.
constexpr BuiltinOnlyOption kBuiltinOnly[] = {
    {"-k", [](const CompareOptions& o) { return o.filter.has_value(); },
     "codeflash compare runs every benchmark under its benchmarks-root and has no filter"},
    {"--benchmark", [](const CompareOptions& o) { return !o.benchmark_files.empty(); },
     "codeflash compare runs every benchmark under its benchmarks-root, not a chosen file"},
    {"--min-pairs", [](const CompareOptions& o) { return o.min_pairs.has_value(); },
     "codeflash compare times each ref in one block, without paired rounds or looks"},
    {"--max-pairs", [](const CompareOptions& o) { return o.max_pairs.has_value(); },
     "codeflash compare times each ref in one block, without paired rounds or looks"},
    {"--layout", [](const CompareOptions& o) { return o.layout.has_value(); },
     "codeflash compare has its own process layout (one block per ref), not prhost's pairs or rounds"},
    {"--seed", [](const CompareOptions& o) { return o.seed.has_value(); },
     "codeflash compare has no randomised round order to seed"},
    {"--memory-runs", [](const CompareOptions& o) { return o.memory_runs.has_value(); },
     "codeflash compare profiles memory once per ref with its own settings"},
    {"--metric", [](const CompareOptions& o) { return o.metric != "time"; },
     "codeflash compare measures time only; instruction counts come from prhost's valgrind runs"},
};

}  // namespace

void refuse_options_codeflash_ignores(const CompareOptions& options) {
  std::vector<std::string> refused;
  for (const auto& option : kBuiltinOnly) {
    if (option.given(options)) refused.push_back(fmt::format("{}: {}", option.flag, option.why));
  }
  if (refused.empty()) return;
  std::string lines;
  for (const auto& line : refused) lines += "\n  " + line;
  throw UnsupportedOptionError(
      fmt::format("--backend codeflash cannot honour {} of the options given, so it refuses them instead of "
                  "ignoring them:{}\n  drop them, or compare with the built-in engine (--backend builtin, the "
                  "default), which honours every option",
                  refused.size() == 1 ? "one" : std::to_string(refused.size()), lines));
}

}  // namespace prhost::compare
