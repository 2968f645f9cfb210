// Inputs that were superlinear before (issue 12.3), each bounded in time and
// still read right: a HANDOFF.md table row of 16,000 cells (cmark-gfm's table
// extension appends cells quadratically: 90 s for this row before), and a
// failing pytest run whose output line is 1 MB (failure causes went through
// std::regex, which recursed per character).
#include <gtest/gtest.h>

#include <chrono>

#include "inventory/handoff_parser.hpp"
#include "pytest/failure_causes.hpp"

namespace prhost {
namespace {

using Clock = std::chrono::steady_clock;

TEST(LongInputs, AHandoffTableRowOfSixteenThousandCellsIsReadInLinearTime) {
  std::string text =
      "## Optimizations committed\n\n| Commit | Change | Domain |\n|---|---|---|\n| a1b2c3d | stream rows | mem |";
  while (text.size() < (1U << 20)) text += " **x** [y](z) |";
  text += "\n| e4f5a6b | inline as_string | cpu |\n";
  const auto start = Clock::now();
  const auto parse = inventory::parse_handoff(text, inventory::DomainVocabulary({"cpu", "mem"}));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  ASSERT_EQ(parse.entries.size(), 2U);
  EXPECT_EQ(parse.entries[0].sha, "a1b2c3d");
  EXPECT_EQ(parse.entries[1].sha, "e4f5a6b");
  EXPECT_EQ(parse.entries[1].line, 6);
}

// A fuzz finding: delimiter rows under header rows with another cell count
// open no table, and cmark-gfm tried each against the whole paragraph above
// it (8,000 lines: 5.8 s). The table after them must still be read.
TEST(LongInputs, ManyDelimiterRowsThatOpenNoTableAreReadInLinearTime) {
  std::string text = "## Optimizations committed\n\n";
  for (int i = 0; i < 8000; ++i) text += "| Change | Domain |\n|---|---|---|\n";
  text += "\n| Commit | Change | Domain |\n|---|---|---|\n| a1b2c3d | stream rows | mem |\n";
  const auto start = Clock::now();
  const auto parse = inventory::parse_handoff(text, inventory::DomainVocabulary({"cpu", "mem"}));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  ASSERT_EQ(parse.entries.size(), 1U);
  EXPECT_EQ(parse.entries[0].sha, "a1b2c3d");
  EXPECT_EQ(parse.entries[0].line, 16006);
}

TEST(LongInputs, AFailureCauseIsFoundBehindAOneMegabyteLine) {
  pytest::FailedRun run;
  run.exit_code = 1;
  run.out = std::string(1U << 20, 'a') + "\nE   ModuleNotFoundError: No module named 'numpy'\n" + "ERROR " +
            std::string(1U << 20, '(') + "\n";
  const auto start = Clock::now();
  const auto cause = pytest::classify_failure(run);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(cause.cause_id, pytest::cause::kMissingDependency);
  EXPECT_NE(cause.title.find("numpy"), std::string::npos) << cause.title;
}

}  // namespace
}  // namespace prhost
