#include "pr_body/pr_body.hpp"

#include <gtest/gtest.h>

#include "evidence_samples.hpp"

namespace prhost::pr_body {
namespace {

const Platform kPlatform{"Intel(R) Xeon(R) CPU @ 2.20GHz", 2, 7.8, "3.11.7", "uv 0.5.4"};

TEST(PrBody, TheBuiltInCpuTemplateFillsWithoutALeftoverPlaceholder) {
  const auto body = render_pr_body(testing::ready_cpu_evidence(), kPlatform, {}, {});
  EXPECT_EQ(body.find("{{"), std::string::npos) << body;
  EXPECT_NE(body.find("Intel(R) Xeon(R) CPU @ 2.20GHz — 2 cores, 7.8 GiB RAM, Python 3.11.7, uv 0.5.4"),
            std::string::npos);
  EXPECT_NE(body.find("## Benchmark: `85f27dff8ad6` vs `e94065875b5f`"), std::string::npos);
  EXPECT_NE(body.find("compare flags: `--timeout 120`"), std::string::npos) << body;
  EXPECT_EQ(body.find("## Changelog"), std::string::npos) << "no changelog, no section";
}

TEST(PrBody, TechnicalDetailsDisappearWithTheirHeadingWhenThereAreNone) {
  auto e = testing::ready_cpu_evidence();
  EXPECT_NE(render_pr_body(e, kPlatform, {}, {}).find("## How it works"), std::string::npos);
  e.body.clear();
  EXPECT_EQ(render_pr_body(e, kPlatform, {}, {}).find("## How it works"), std::string::npos);
}

TEST(PrBody, AChangelogGetsItsSection) {
  const auto body = render_pr_body(testing::ready_cpu_evidence(), kPlatform,
                                   {"CHANGELOG.md", "## Unreleased", false, "- Faster."}, {});
  EXPECT_NE(body.find("## Changelog\n\n`CHANGELOG.md` keeps a changelog"), std::string::npos) << body;
}

TEST(PrBody, AMemoryProfileWithoutTimingUsesTheMemoryTemplate) {
  auto e = testing::ready_cpu_evidence();
  e.compare.benchmarks[0].timing.reset();
  e.compare.benchmarks[0].memory = testing::lower_memory();
  e.memory_primary = true;
  const auto body = render_pr_body(e, kPlatform, {}, {});
  EXPECT_NE(body.find("## Memory profile"), std::string::npos) << body;
  EXPECT_NE(body.find("peak memory −42.0 MiB"), std::string::npos) << body;
}

TEST(PrBody, NothingMeasuredStillFillsEveryPlaceholderHonestly) {
  OptimizationEvidence e;
  e.number = 4;
  e.subject = "struct: give Record __slots__";
  e.short_sha = "054ba0a";
  e.compare.missing = "no benchmark to compare";
  const auto body = render_pr_body(e, kPlatform, {}, {});
  EXPECT_EQ(body.find("{{"), std::string::npos);
  EXPECT_NE(body.find("_Not measured: no benchmark to compare._"), std::string::npos) << body;
  EXPECT_NE(body.find("- [ ] Existing unit tests: not run yet"), std::string::npos) << body;
}

}  // namespace
}  // namespace prhost::pr_body
