#include "prepare/evidence_builder.hpp"

#include "pr_body/claims.hpp"

namespace prhost::prepare {

std::string display_python(const std::vector<std::string>& python, const std::filesystem::path& project_root) {
  std::string text;
  const auto root = project_root.lexically_normal().string();
  for (std::size_t i = 0; i < python.size(); ++i) {
    if (python[i] == "--project" && i + 1 < python.size()) {
      ++i;  // the runner's own way to find the project: implied when run from it
      continue;
    }
    std::string word = python[i];
    if (word.starts_with(root + "/")) {
      word = word.substr(root.size() + 1);
    } else if (i == 0 && std::filesystem::path(word).is_absolute()) {
      word = std::filesystem::path(word).filename().string();  // an interpreter elsewhere on this machine
    }
    text += (text.empty() ? "" : " ") + word;
  }
  return text.empty() ? "python" : text;
}

std::vector<pr_body::Claim> claims_for(const inventory::Optimization& optimization,
                                       const std::vector<inventory::ResultsRow>& results_rows) {
  std::vector<pr_body::Claim> claims;
  const auto add = [&claims](std::vector<pr_body::Claim> more) {
    claims.insert(claims.end(), more.begin(), more.end());
  };
  for (const auto& source : optimization.sources) {
    if (source.kind == "handoff")
      add(pr_body::claims_in_text(source.text, source.file + ":" + std::to_string(source.line)));
  }
  add(pr_body::claims_in_text(optimization.commit.subject + "\n" + optimization.commit.body,
                              "commit message of " + optimization.commit.short_sha));
  for (const auto& row : results_rows) {
    for (const auto& commit : row.commits) {
      if (commit.size() < 7 || !optimization.commit.sha.starts_with(commit)) continue;
      if (auto claim = pr_body::claim_from_results_row(row, ".codeflash/results.tsv:" + std::to_string(row.line))) {
        claims.push_back(std::move(*claim));
      }
    }
  }
  return claims;
}

pr_body::OptimizationEvidence build_evidence(const PlanItem& item, EvidenceParts parts,
                                             const std::string& runner_python,
                                             const std::vector<inventory::ResultsRow>& results_rows) {
  const auto& o = *item.optimization;
  pr_body::OptimizationEvidence e;
  e.number = o.number;
  e.description = o.description;
  e.subject = o.commit.subject;
  e.body = o.commit.body;
  e.commit_sha = o.commit.sha;
  e.short_sha = o.commit.short_sha;
  for (const auto& function : o.functions) {
    if (!function.is_nested) e.functions.push_back(function.id());
  }
  e.domains = o.domains_or_declared();
  e.flags = item.flags_text;
  // The domains' own flags say what the change is about: --memory means
  // peak memory; a timeout (or no flag) means time.
  e.memory_primary = item.flags.memory;
  e.time_primary = !item.flags.memory || item.flags.timeout_seconds.has_value();
  e.runner_python = runner_python;
  e.refs = {item.refs.base_sha,   item.refs.head_sha, item.refs.base_label,
            item.refs.head_label, item.refs.origin,   item.refs.error};
  e.benchmarks = std::move(parts.benchmarks);
  e.compare = std::move(parts.compare);
  e.unit_tests = std::move(parts.unit_tests);
  e.doctor = std::move(parts.doctor);
  for (const auto& claim : claims_for(o, results_rows))
    e.claims.push_back(pr_body::check_claim(claim, e.compare.benchmarks));
  e.pr_status = o.pr_status.text;
  return e;
}

}  // namespace prhost::prepare
