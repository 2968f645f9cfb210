#include <gtest/gtest.h>

#include "evidence_samples.hpp"
#include "pr_body/claims.hpp"
#include "report/report.hpp"

namespace prhost::report {
namespace {

Report sample_report() {
  auto ready = testing::ready_cpu_evidence();
  ready.pr_body_path = ".codeflash/pr-body-count_words.md";
  ready.claims.push_back(pr_body::check_claim(
      {pr_body::Claim::Kind::Speedup, 2.1, "2.1x faster", ".codeflash/HANDOFF.md:7"}, ready.compare.benchmarks));
  auto blocked = testing::ready_cpu_evidence();
  blocked.number = 2;
  blocked.unit_tests.state = pr_body::UnitTestEvidence::State::Failed;
  blocked.unit_tests.first_failure = "FAILED tests/test_x.py::test_y - assert 1 == 2";
  blocked.compare = {};
  blocked.compare.missing = "not compared: the project's unit tests fail at head";
  return build_report({ready, blocked}, "Xeon — 2 cores, 8 GiB RAM, Python 3.11.7, uv 0.5.4");
}

TEST(ReportMarkdown, TheTableHasTheSeedsColumnsAndOneRowEach) {
  const auto text = render_markdown(sample_report());
  EXPECT_EQ(text.rfind("| # | Optimization | Benchmark | Compare | PR body | Status |\n", 0), 0U) << text;
  EXPECT_NE(text.find("| 1.53x faster (1.47–1.60x) | `.codeflash/pr-body-count_words.md` | ready |"), std::string::npos)
      << text;
  EXPECT_NE(text.find("| blocked (unit tests fail: tests/test_x.py::test_y) |"), std::string::npos) << text;
  EXPECT_NE(text.find("#2 first unit-test failure at e94065875b5f: FAILED tests/test_x.py::test_y"), std::string::npos)
      << text;
  EXPECT_NE(text.find("[prepare] unit-test-args in prhost.toml, e.g. [\"--deselect\", \"tests/test_x.py::test_y\"]"),
            std::string::npos)
      << text;
}

TEST(ReportMarkdown, ClaimsStandBesideTheMeasurementFlaggedWhenOutside) {
  const auto text = render_markdown(sample_report());
  EXPECT_NE(text.find("| 1 | 2.1x faster | .codeflash/HANDOFF.md:7 | 1.53x (1.47x–1.60x) | ⚠ outside the measured "
                      "interval |"),
            std::string::npos)
      << text;
}

TEST(ReportMarkdown, JsonCarriesStatusReasonsAndCounts) {
  const auto json = to_json(sample_report());
  EXPECT_EQ(json["optimizations"][0]["status"], "ready");
  EXPECT_EQ(json["optimizations"][1]["status"], "blocked");
  EXPECT_EQ(json["optimizations"][1]["reasons"][0], "unit tests fail: tests/test_x.py::test_y");
  EXPECT_EQ(json["counts"]["ready"], 1);
  EXPECT_EQ(json["counts"]["blocked"], 1);
  EXPECT_EQ(json["optimizations"][0]["claims"][0]["verdict"], "outside");
  EXPECT_EQ(json["optimizations"][0]["compare"]["benchmarks"][0]["timing"]["speedup_ci"][0], 1.47);
}

TEST(ReportMarkdown, ACellNeverBreaksTheTable) {
  auto e = testing::ready_cpu_evidence();
  e.description = "a | b\nc";
  const auto text = render_markdown(build_report({e}, ""));
  EXPECT_NE(text.find("a \\| b c"), std::string::npos) << text;
}

}  // namespace
}  // namespace prhost::report
