// The one text helper (prhost/sdk/helpers/text.hpp) shared by core and plugins.
#include "prhost/sdk/helpers/text.hpp"

#include <gtest/gtest.h>

namespace prhost::sdk::helpers {
namespace {

TEST(Text, TrimAndLowerAreAsciiAndKeepInnerText) {
  EXPECT_EQ(trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim_left("  x "), "x ");
  EXPECT_EQ(trim_right("  x "), "  x");
  EXPECT_EQ(to_lower("Memory CPU_1"), "memory cpu_1");
}

TEST(Text, SplitKeepsEmptyCellsAndSplitWordsDropsThem) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string_view>{""}));
  EXPECT_EQ(split_words("  mem   cpu\t"), (std::vector<std::string_view>{"mem", "cpu"}));
  EXPECT_TRUE(split_words(" \n ").empty());
}

TEST(Text, KeywordsMatchAtWordBoundaries) {
  EXPECT_TRUE(contains_keyword("run the gc now", "gc", MatchMode::Word));
  EXPECT_FALSE(contains_keyword("built with gcc", "gc", MatchMode::Word));
  EXPECT_TRUE(contains_keyword("vectorized loops", "vectoriz", MatchMode::WordPrefix));
  EXPECT_FALSE(contains_keyword("unvectorized", "vectoriz", MatchMode::WordPrefix));
  EXPECT_FALSE(contains_keyword("reset(x)", "set(", MatchMode::WordPrefix));
  EXPECT_FALSE(contains_keyword("anything", "", MatchMode::Word));
}

}  // namespace
}  // namespace prhost::sdk::helpers
