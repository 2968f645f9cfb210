#include "pr_body/file_names.hpp"

#include <gtest/gtest.h>

namespace prhost::pr_body {
namespace {

TEST(FileNames, OneFilePerFunctionNamedAfterIt) {
  EXPECT_EQ(pr_body_file_names({{"shelfscan.tokens", "count_words", "e940658"}}),
            std::vector<std::string>{"pr-body-count_words.md"});
  EXPECT_EQ(pr_body_file_names({{"shelfscan.pages", "PageBuffer.render", "x"}}),
            std::vector<std::string>{"pr-body-PageBuffer_render.md"});
  EXPECT_EQ(pr_body_file_names({{"", "", "054ba0a"}}), std::vector<std::string>{"pr-body-054ba0a.md"});
}

TEST(FileNames, SameNameInTwoModulesDoesNotCollide) {
  const auto names = pr_body_file_names({{"pkg.a", "parse", "1"}, {"pkg.b", "parse", "2"}, {"pkg.c", "load", "3"}});
  EXPECT_EQ(names, (std::vector<std::string>{"pr-body-pkg.a.parse.md", "pr-body-pkg.b.parse.md", "pr-body-load.md"}));
}

TEST(FileNames, TheSameFunctionTwiceGetsNumbered) {
  const auto names = pr_body_file_names({{"pkg.a", "parse", "1"}, {"pkg.a", "parse", "2"}});
  EXPECT_NE(names[0], names[1]);
}

TEST(FileNames, SanitizedNamesHaveNoSeparatorNoDotDotAndABoundedLength) {
  EXPECT_EQ(sanitize_name("../../etc/passwd"), "etc_passwd");
  EXPECT_EQ(sanitize_name("a/b\\c"), "a_b_c");
  EXPECT_EQ(sanitize_name("..."), "optimization");
  EXPECT_EQ(sanitize_name("x..y"), "x.y");
  const std::string long_name(500, 'f');
  const auto bounded = sanitize_name(long_name);
  EXPECT_LE(bounded.size(), kMaxNameLength);
  EXPECT_NE(sanitize_name(long_name + "a"), sanitize_name(long_name + "b"));
  for (const auto* hostile : {"a\nb", "é", "$(rm -rf)", "name with spaces"}) {
    const auto name = sanitize_name(hostile);
    EXPECT_EQ(name.find('/'), std::string::npos);
    EXPECT_EQ(name.find(".."), std::string::npos);
    EXPECT_FALSE(name.empty());
  }
}

}  // namespace
}  // namespace prhost::pr_body
