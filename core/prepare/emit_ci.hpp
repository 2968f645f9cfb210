// Past one machine: `prhost prepare --emit-ci github` writes a GitHub Actions
// workflow whose matrix has one job per comparison (one per optimization,
// unless several share refs and therefore rounds). Each job runs
// `prhost compare` for its refs and uploads the JSON and markdown; a last job
// downloads them all and runs `prhost report --collect DIR`, which builds the
// same report and PR bodies a single-machine prepare would.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "prepare/plan.hpp"

namespace prhost::prepare {

inline constexpr const char* kCiDefaultPath = ".codeflash/ci/prhost-compare.yml";
inline constexpr const char* kCiResultsDir = "prhost-compare";

// The matrix: {"include": [{"name", "optimizations", "base", "head", "command", "artifact"}, …]}.
nlohmann::json ci_matrix(const Plan& plan);

// The whole workflow file. `python_version` is what the jobs set up (the
// interpreter prepare found locally), `untracked` the benchmark files the
// jobs' checkout will not have unless they are committed.
std::string github_workflow(const Plan& plan, const std::string& python_version,
                            const std::vector<std::string>& untracked);

// A word for a POSIX shell: quoted unless it is plainly safe.
std::string shell_word(const std::string& word);

}  // namespace prhost::prepare
