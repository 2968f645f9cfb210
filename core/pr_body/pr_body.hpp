// Phase 4: one optimization's evidence, the platform line and the changelog
// suggestion, poured into the right template. Pure text in, text out; the
// caller writes the file (atomically) where pr_body_file_names says.
#pragma once

#include <map>
#include <string>

#include "pr_body/evidence.hpp"
#include "pr_body/template_source.hpp"

namespace prhost::pr_body {

// The value of every placeholder for `evidence`.
std::map<std::string, std::string> placeholder_values(const OptimizationEvidence& evidence, const Platform& platform,
                                                      const ChangelogSuggestion& changelog);

// The filled PR body. Throws TemplateError (placeholder and line named).
std::string render_pr_body(const OptimizationEvidence& evidence, const Platform& platform,
                           const ChangelogSuggestion& changelog, const TemplateSources& templates);

}  // namespace prhost::pr_body
