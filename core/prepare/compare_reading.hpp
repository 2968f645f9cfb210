// Reads what `prhost compare --json` wrote — from this run, prepare's cache
// or a CI artifact — into the evidence the PR body and the report use. The
// reader is lenient about what is absent (an older or newer compare may not
// carry instruction counts or the own-code proof): a missing field becomes
// "not measured", never a default number.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "pr_body/evidence.hpp"

namespace prhost::prepare {

// The evidence for the benchmarks named in `names` (all when empty).
// `source` says where the result came from ("measured now", a file).
pr_body::CompareEvidence read_compare(const nlohmann::json& json, const std::string& markdown,
                                      const std::set<std::string>& names, const std::string& source);

// The evidence of a comparison that could not run: `why` is shown as is.
pr_body::CompareEvidence failed_compare(const std::string& why);
pr_body::CompareEvidence missing_compare(const std::string& why);

}  // namespace prhost::prepare
