#include "pr_body/pr_body.hpp"

#include "pr_body/sections.hpp"

namespace prhost::pr_body {
namespace {

std::string benchmark_paths(const OptimizationEvidence& evidence) {
  std::string paths;
  for (const auto& benchmark : evidence.benchmarks) {
    if (!benchmark.path.empty()) paths += (paths.empty() ? "" : "`, `") + benchmark.path;
  }
  return paths.empty() ? "(no benchmark)" : paths;
}

std::string ref_or_unknown(const std::string& sha) { return sha.empty() ? "(unknown)" : sha.substr(0, 12); }

}  // namespace

std::map<std::string, std::string> placeholder_values(const OptimizationEvidence& evidence, const Platform& platform,
                                                      const ChangelogSuggestion& changelog) {
  return {
      {"SUMMARY_BULLETS", summary_bullets(evidence)},
      {"TECHNICAL_DETAILS", technical_details(evidence)},
      {"PLATFORM_DESCRIPTION", platform.line()},
      {"CODEFLASH_COMPARE_OUTPUT", compare_output(evidence)},
      {"COMPARE_FLAGS", evidence.flags.empty() ? "none" : "`" + evidence.flags + "`"},
      {"BASE_REF", ref_or_unknown(evidence.refs.base_sha)},
      {"HEAD_REF", ref_or_unknown(evidence.refs.head_sha)},
      {"RUNNER", evidence.runner_python.empty() ? "python" : evidence.runner_python},
      {"BENCHMARK_PATH", benchmark_paths(evidence)},
      {"TEST_ITEMS", test_items(evidence)},
      {"CHANGELOG_SECTION", changelog_section(changelog)},
      {"REPRODUCE", reproduce(evidence)},
  };
}

std::string render_pr_body(const OptimizationEvidence& evidence, const Platform& platform,
                           const ChangelogSuggestion& changelog, const TemplateSources& templates) {
  const auto text = load_template(choose_variant(evidence.compare), templates);
  return fill_template(text, placeholder_values(evidence, platform, changelog));
}

}  // namespace prhost::pr_body
