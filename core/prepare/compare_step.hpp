// Phase 3 inside prepare: one comparison per group of optimizations that
// share refs, with the built-in engine and the flags the domain plugins
// chose. A result is reused when its key (both SHAs, the benchmark files and
// their content, flags and statistics settings) is in the store; with
// `--collect DIR` results come from CI artifacts instead. One comparison's
// failure becomes that group's evidence and the others go on.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pr_body/evidence.hpp"
#include "prepare/plan.hpp"
#include "prepare/progress.hpp"
#include "prepare/result_store.hpp"
#include "session/session.hpp"

namespace prhost::prepare {

struct CompareStepOptions {
  enum class Mode { Run, ReuseOnly, Directory };
  Mode mode = Mode::Run;
  bool reuse = true;                // Run: take a stored result when its key matches
  std::filesystem::path directory;  // Directory: where the CI jobs' JSON files are
};

// What identifies a comparison's numbers (hashed into its cache key).
nlohmann::json comparison_identity(const Session& session, const ComparisonGroup& group);

// The `prhost compare` arguments that measure `group` (the CI job's command
// and the reproduce line use the same ones).
std::vector<std::string> compare_arguments(const ComparisonGroup& group);

// Evidence per plan item (index into plan.items). Items in `skip` (their
// unit tests fail) are not compared unless a group member still needs it.
std::map<std::size_t, pr_body::CompareEvidence> run_compare_step(const Session& session, const Plan& plan,
                                                                 const ResultStore& store,
                                                                 const CompareStepOptions& options,
                                                                 const std::map<std::size_t, std::string>& skip,
                                                                 Progress& progress);

}  // namespace prhost::prepare
