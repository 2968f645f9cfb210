// HANDOFF.md's block structure comes from cmark-gfm: what it says about
// unclosed blocks, quotes and long lines reaches the parse.
#include <gtest/gtest.h>

#include "inventory/handoff_parser.hpp"

namespace prhost::inventory {
namespace {

const std::vector<std::string> kDomains{"cpu", "mem"};

TEST(HandoffBlocks, UnclosedCommentAndFenceAreWarnedAtTheirLine) {
  const auto comment = parse_handoff("## Kept\n- abc1234d one\n<!-- draft\n- bcd2345e two\n", kDomains);
  ASSERT_EQ(comment.entries.size(), 1U);
  ASSERT_EQ(comment.warnings.size(), 1U);
  EXPECT_EQ(comment.warnings[0].line, 3);
  EXPECT_NE(comment.warnings[0].message.find("never closed"), std::string::npos);

  const auto fence = parse_handoff("## Kept\n````\ncde3456f x\n```\n", kDomains);
  ASSERT_EQ(fence.warnings.size(), 1U);
  EXPECT_EQ(fence.warnings[0].line, 2);
  EXPECT_NE(fence.warnings[0].message.find("close it with ````"), std::string::npos);
}

TEST(HandoffBlocks, QuotedListsAndLongLinesOfMarkup) {
  const auto quoted = parse_handoff("## Kept\n> - abc1234d quoted change\n>   still it\n", kDomains);
  ASSERT_EQ(quoted.entries.size(), 1U);
  EXPECT_EQ(quoted.entries[0].description, "quoted change");

  std::string line = "## Kept\n- abc1234d ";
  for (int i = 0; i < 20000; ++i) line += "**y** [z](u) ";
  const auto parsed = parse_handoff(line, kDomains);  // superlinear in cmark's inline parser if fed raw
  ASSERT_EQ(parsed.entries.size(), 1U);
  EXPECT_EQ(parsed.entries[0].line, 2);
}

}  // namespace
}  // namespace prhost::inventory
