#include "prepare/pr_body_step.hpp"

#include "pr_body/changelog.hpp"
#include "pr_body/file_names.hpp"
#include "pr_body/pr_body.hpp"
#include "pr_body/sections.hpp"
#include "util/atomic_write.hpp"

namespace prhost::prepare {
namespace {

// The function a PR is named after: the first one with a working benchmark,
// else the first changed one.
pr_body::PrBodyTarget target_of(const pr_body::OptimizationEvidence& evidence) {
  std::string function;
  for (const auto& benchmark : evidence.benchmarks) {
    if (function.empty() && !benchmark.function.empty() &&
        (benchmark.status == "created" || benchmark.status == "exists")) {
      function = benchmark.function;
    }
  }
  if (function.empty() && !evidence.functions.empty()) function = evidence.functions.front();
  const auto colon = function.find(':');
  if (colon == std::string::npos) return {"", "", evidence.short_sha};
  return {function.substr(0, colon), function.substr(colon + 1), evidence.short_sha};
}

}  // namespace

std::vector<std::string> pr_body_paths(const std::vector<pr_body::OptimizationEvidence>& evidence) {
  std::vector<pr_body::PrBodyTarget> targets;
  for (const auto& item : evidence) targets.push_back(target_of(item));
  std::vector<std::string> paths;
  for (const auto& name : pr_body::pr_body_file_names(targets)) paths.push_back(".codeflash/" + name);
  return paths;
}

void write_pr_bodies(std::vector<pr_body::OptimizationEvidence>& evidence, const std::filesystem::path& project_root,
                     const pr_body::Platform& platform, const pr_body::TemplateSources& templates) {
  const auto paths = pr_body_paths(evidence);
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const auto changelog = pr_body::changelog_suggestion(project_root, pr_body::changelog_entry(evidence[i]));
    const auto text = pr_body::render_pr_body(evidence[i], platform, changelog, templates);
    util::write_file_atomically(project_root / paths[i], text);
    evidence[i].pr_body_path = paths[i];
  }
}

void find_pr_bodies(std::vector<pr_body::OptimizationEvidence>& evidence, const std::filesystem::path& project_root) {
  const auto paths = pr_body_paths(evidence);
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    std::error_code error;
    if (std::filesystem::is_regular_file(project_root / paths[i], error)) evidence[i].pr_body_path = paths[i];
  }
}

}  // namespace prhost::prepare
