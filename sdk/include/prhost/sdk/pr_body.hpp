// PR body templates a plugin ships: a team's own wording, sections or
// checklist for the PR bodies `prhost prepare` writes. A contributed template
// replaces the built-in one of the same variant; prhost.toml `[pr-body]
// template` still wins over any plugin. The placeholders are the ones
// docs/pr-body.md lists; an unknown one is an error naming it and its line.
//
//   registry.add_pr_body_template({"acme.pr-body-cpu", "cpu", kAcmeCpuTemplate,
//                                  "ACME's PR checklist"});
#pragma once

#include <string>

namespace prhost::sdk {

struct PrBodyTemplate {
  std::string id;
  // "cpu": used when compare produced timing tables (it shows memory tables
  // too); "memory": used when only a memory profile exists.
  std::string variant;
  std::string text;  // markdown with {{PLACEHOLDER}}s
  std::string description;
};

}  // namespace prhost::sdk
