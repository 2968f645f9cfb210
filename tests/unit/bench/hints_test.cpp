// Explicit inputs: prhost.toml [[benchmark]] entries and python blocks under
// an optimization in HANDOFF.md.
#include <gtest/gtest.h>

#include "bench/hints.hpp"

namespace prhost::bench {
namespace {

const std::string kSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

TEST(ConfigHint, MatchesTheFullNameTheQualnameOrTheBareName) {
  const std::vector<config::BenchmarkHint> hints{
      {"pkg.other:thing", "x = 1", "thing(x)", {}},
      {"Table.render", "t = Table([])", "t.render(80)", {"from pkg.table import Table"}},
  };
  EXPECT_FALSE(config_hint(hints, "pkg.table", "Table.parse", "parse"));
  const auto hint = config_hint(hints, "pkg.table", "Table.render", "render");
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->call, "t.render(80)");
  EXPECT_EQ(hint->imports, std::vector<std::string>{"from pkg.table import Table"});
  EXPECT_NE(hint->origin.find("prhost.toml"), std::string::npos);
  EXPECT_TRUE(config_hint(hints, "pkg.other", "thing", "thing"));
}

TEST(ConfigHint, SizesAreWrittenAsConstantsBeforeTheSetup) {
  const std::vector<config::BenchmarkHint> hints{
      {"rows", "data = list(range(ROWS))", "rows(data)", {}, {{"ROWS", "100000"}}},
  };
  const auto hint = config_hint(hints, "pkg", "rows", "rows");
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->setup, "ROWS = 100000\ndata = list(range(ROWS))");
}

TEST(HandoffHint, TakesTheBlockUnderTheCommitsItemSplitIntoImportsSetupAndCall) {
  const std::string text =
      "## Optimizations committed\n\n"
      "1. **a1b2c3d**: stream rows (mem)\n\n"
      "   ```python\n"
      "   import io\n"
      "   data = io.StringIO('x,y\\n' * 100_000)\n"
      "   rows = parse_rows(\n"
      "       data, sep=',')\n"
      "   ```\n"
      "2. **9f8e7d6**: something else\n\n"
      "   ```python\n   parse_rows(other)\n   ```\n";
  const auto hint = handoff_hint(text, kSha, "parse_rows");
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->imports, std::vector<std::string>{"import io"});
  EXPECT_EQ(hint->setup, "data = io.StringIO('x,y\\n' * 100_000)\n");
  EXPECT_EQ(hint->call, "parse_rows(\n    data, sep=',')") << "assignment dropped, continuation kept";
  EXPECT_EQ(hint->origin, ".codeflash/HANDOFF.md:5");
}

TEST(HandoffHint, IgnoresBlocksUnderOtherCommitsOtherLanguagesAndBlocksThatDoNotCallTheFunction) {
  const std::string text =
      "### 9f8e7d6 other\n\n```python\nparse_rows(x)\n```\n\n"
      "### a1b2c3d4 this one\n\n```bash\nparse_rows x\n```\n\n"
      "```python\nsetup_only = 1\n```\n";
  EXPECT_FALSE(handoff_hint(text, kSha, "parse_rows"));
}

TEST(HandoffHint, AHeadingNamingTheCommitCoversItsSubsectionsAndAwaitIsDropped) {
  const std::string text =
      "## a1b2c3d4e5 async fetch\n\n### How to benchmark\n\n"
      "```py\nurls = ['u'] * 1000\nawait fetch_all(urls)\n```\n";
  const auto hint = handoff_hint(text, kSha, "fetch_all");
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->call, "fetch_all(urls)");
}

}  // namespace
}  // namespace prhost::bench
