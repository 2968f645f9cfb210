// What `prepare`, `report` and `pr-body` share: running the prepare pipeline
// with the command's choice of phases, mapping its errors to exit codes
// once, and printing the report (markdown or --json on stdout, --html to a
// file). Each command only decides which phases run.
#pragma once

#include <filesystem>
#include <string>

#include "cli/global_options.hpp"
#include "prepare/prepare.hpp"

namespace prhost::cli {

struct PipelineOutput {
  std::filesystem::path html;  // --html FILE; empty: none
  bool list_pr_bodies = true;  // print "PR body for #N: <path>" lines
};

// Opens the session, runs the pipeline, prints. Returns the exit code:
// 0 when every optimization is ready, 1 otherwise, 2/3/4 for errors.
int run_pipeline(const GlobalOptions& globals, prepare::PrepareOptions options, const PipelineOutput& output);

// --only "1,3": CLI11 gives a vector of numbers; this is the option's help.
inline constexpr const char* kOnlyHelp =
    "Only these optimizations (numbers as `prhost inventory` shows them, e.g. 1,3)";

// On failure with --json: {"error": …, "exit_code": …} on stdout.
int report_error(const GlobalOptions& globals, int exit_code, const std::string& message);

}  // namespace prhost::cli
