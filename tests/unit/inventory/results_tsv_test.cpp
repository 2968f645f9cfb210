#include "inventory/results_tsv.hpp"

#include <gtest/gtest.h>

namespace prhost::inventory {
namespace {

TEST(ResultsTsv, KeepsRowsWithStatusKeep) {
  const std::string text =
      "experiment\tstatus\tpattern\ttarget\tbefore\tafter\timprovement\ttimestamp\tcommit\n"
      "join-inline-table\tkeep\tstr-join\ttomlkit.items:InlineTable.as_string\t12.1ms\t7.9ms\t-35%\t2024-05-01T10:"
      "00\ta1b2c3d\n"
      "slots-item\tdiscard\tslots\ttomlkit.items:Item\t1\t1\t0%\t2024-05-01T10:20\t\n"
      "stream-rows\tKEEP\tmem\tparse_table\t80MiB\t20MiB\t-75%\t2024-05-01T11:00\te4f5a6b7,9f8e7d6c\r\n"
      "\n"
      "crashed\tcrash\t\t\t\t\t\t\t\n";
  const auto parsed = parse_results_tsv(text);
  EXPECT_EQ(parsed.rows, 4);
  ASSERT_EQ(parsed.kept.size(), 2U);
  EXPECT_EQ(parsed.kept[0].line, 2);
  EXPECT_EQ(parsed.kept[0].experiment, "join-inline-table");
  EXPECT_EQ(parsed.kept[0].target, "tomlkit.items:InlineTable.as_string");
  EXPECT_EQ(parsed.kept[0].improvement, "-35%");
  EXPECT_EQ(parsed.kept[0].commits, std::vector<std::string>{"a1b2c3d"});
  EXPECT_EQ(parsed.kept[1].line, 4);
  EXPECT_EQ(parsed.kept[1].commits, (std::vector<std::string>{"e4f5a6b7", "9f8e7d6c"}));
  EXPECT_TRUE(parsed.warnings.empty());
}

TEST(ResultsTsv, ColumnsAreFoundByName) {
  const std::string text = "commit\tstatus\texperiment\textra\n0a1b2c3d\tkeep\tvectorize\twhatever\n";
  const auto parsed = parse_results_tsv(text);
  ASSERT_EQ(parsed.kept.size(), 1U);
  EXPECT_EQ(parsed.kept[0].experiment, "vectorize");
  EXPECT_EQ(parsed.kept[0].commits, std::vector<std::string>{"0a1b2c3d"});
}

TEST(ResultsTsv, WarnsAboutKeepRowsWithoutACommitAndMissingHeader) {
  const std::string text = "exp\tkeep\tp\tt\t1\t2\t3\t4\t\nexp2\tkeep\tp\tt\t1\t2\t3\t4\tnot-a-sha\nspaces only keep\n";
  const auto parsed = parse_results_tsv(text);
  EXPECT_TRUE(parsed.kept.empty());
  ASSERT_EQ(parsed.warnings.size(), 4U);
  EXPECT_EQ(parsed.warnings[0].line, 1);
  EXPECT_NE(parsed.warnings[0].message.find("no header row"), std::string::npos);
  EXPECT_EQ(parsed.warnings[1].line, 1);
  EXPECT_NE(parsed.warnings[1].message.find("no commit"), std::string::npos);
  EXPECT_EQ(parsed.warnings[2].line, 2);
  EXPECT_NE(parsed.warnings[2].message.find("not-a-sha"), std::string::npos);
  EXPECT_EQ(parsed.warnings[3].line, 3);
  EXPECT_EQ(parsed.warnings[3].text(),
            ".codeflash/results.tsv:3: row has no tab characters (is the file space-separated?); skipped");
}

}  // namespace
}  // namespace prhost::inventory
