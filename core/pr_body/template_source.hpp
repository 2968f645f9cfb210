// Which template a PR body is filled from. The variant follows the seed's
// rule: compare produced timing tables → the CPU variant (it carries the
// memory tables too); no timing but a memory profile → the Memory variant.
// The text comes from, in order: prhost.toml `[pr-body] template`, a
// template a plugin contributed for that variant, the built-in one
// (config/templates/, compiled in).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pr_body/evidence.hpp"
#include "pr_body/template_text.hpp"

namespace prhost::pr_body {

enum class Variant { Cpu, Memory };

// "cpu" or "memory", as plugins name variants.
std::string_view to_string(Variant variant);

Variant choose_variant(const CompareEvidence& compare);

struct ContributedTemplate {
  std::string variant;  // "cpu" or "memory"
  std::string text;
  std::string origin;  // "plugin acme-prbody (pr-body-template acme.cpu)"
};

struct TemplateSources {
  std::optional<std::filesystem::path> configured;  // [pr-body] template
  std::vector<ContributedTemplate> contributed;
};

// The template text for `variant`. Throws TemplateError when the configured
// file cannot be read. Does not check the placeholders (see check_templates).
TemplateText load_template(Variant variant, const TemplateSources& sources);

// Loads and scans every template prhost might use, so a bad placeholder is
// reported before any measurement starts. Throws TemplateError.
void check_templates(const TemplateSources& sources);

}  // namespace prhost::pr_body
