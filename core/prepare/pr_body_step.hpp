// Phase 4 inside prepare: one `.codeflash/pr-body-<function>.md` per
// optimization, written atomically, named so no two collide.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pr_body/evidence.hpp"
#include "pr_body/template_source.hpp"

namespace prhost::prepare {

// The file name each optimization's PR body gets (relative to the project
// root, under .codeflash/), in the order of `evidence`.
std::vector<std::string> pr_body_paths(const std::vector<pr_body::OptimizationEvidence>& evidence);

// Renders and writes every PR body and records its path in the evidence.
// Throws pr_body::TemplateError.
void write_pr_bodies(std::vector<pr_body::OptimizationEvidence>& evidence, const std::filesystem::path& project_root,
                     const pr_body::Platform& platform, const pr_body::TemplateSources& templates);

// Without writing: records the path of each PR body that already exists.
void find_pr_bodies(std::vector<pr_body::OptimizationEvidence>& evidence, const std::filesystem::path& project_root);

}  // namespace prhost::prepare
