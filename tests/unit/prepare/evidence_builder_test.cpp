#include "prepare/evidence_builder.hpp"

#include <gtest/gtest.h>

namespace prhost::prepare {
namespace {

TEST(EvidenceBuilder, RunnerCommandsAreShownWithoutThisMachinesPaths) {
  EXPECT_EQ(display_python({"uv", "run", "--project", "/home/me/proj", "python"}, "/home/me/proj"), "uv run python");
  EXPECT_EQ(display_python({"/home/me/proj/.venv/bin/python"}, "/home/me/proj"), ".venv/bin/python");
  EXPECT_EQ(display_python({"/root/.pyenv/shims/python3"}, "/home/me/proj"), "python3");
  EXPECT_EQ(display_python({"poetry", "run", "python"}, "/p"), "poetry run python");
}

TEST(EvidenceBuilder, ClaimsComeFromHandoffTheCommitAndResultsRows) {
  inventory::Optimization optimization;
  optimization.commit.sha = "e94065875b5f331cc55f30cf20f4a4b2dde48b8b";
  optimization.commit.short_sha = "e940658";
  optimization.commit.subject = "perf: count words with Counter";
  optimization.commit.body = "About 2x faster on real pages.";
  optimization.sources.push_back({"handoff", ".codeflash/HANDOFF.md", 7, "count_words — 2.1x faster"});
  inventory::ResultsRow row;
  row.line = 2;
  row.before = "41.2ms";
  row.after = "19.6ms";
  row.commits = {"e940658"};
  inventory::ResultsRow other = row;
  other.commits = {"deadbeef"};
  const auto claims = claims_for(optimization, {row, other});
  ASSERT_EQ(claims.size(), 3U);
  EXPECT_EQ(claims[0].where, ".codeflash/HANDOFF.md:7");
  EXPECT_EQ(claims[1].where, "commit message of e940658");
  EXPECT_EQ(claims[2].where, ".codeflash/results.tsv:2");
}

}  // namespace
}  // namespace prhost::prepare
