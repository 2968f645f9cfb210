// The pyproject.toml header scan runner detection relies on: it must see real
// tables and sub-tables, and ignore comments and strings.
#include <gtest/gtest.h>

#include "common/pyproject_tables.hpp"

namespace prhost::plugins::common {
namespace {

TEST(PyprojectTables, FindsATableHeader) {
  EXPECT_TRUE(has_toml_table("[project]\nname = \"demo\"\n\n[tool.uv]\ndev-dependencies = []\n", "tool.uv"));
}

TEST(PyprojectTables, SubTablesAndArraysOfTablesCountForTheirParent) {
  EXPECT_TRUE(has_toml_table("[tool.uv.sources]\ndemo = { workspace = true }\n", "tool.uv"));
  EXPECT_TRUE(has_toml_table("[[tool.uv.index]]\nurl = \"https://example.org/simple\"\n", "tool.uv"));
  EXPECT_TRUE(has_toml_table("[tool.poetry.dependencies]\npython = \"^3.11\"\n", "tool.poetry"));
}

TEST(PyprojectTables, APrefixOfAnotherNameIsNotTheTable) {
  EXPECT_FALSE(has_toml_table("[tool.uvicorn]\nport = 8000\n", "tool.uv"));
  EXPECT_FALSE(has_toml_table("[project-extras]\n", "project"));
}

TEST(PyprojectTables, CommentedOutHeadersDoNotCount) {
  EXPECT_FALSE(has_toml_table("# [tool.poetry]\n  #[tool.uv]\nname = \"x\"  # [tool.uv]\n", "tool.poetry"));
  EXPECT_FALSE(has_toml_table("# [tool.poetry]\n  #[tool.uv]\nname = \"x\"  # [tool.uv]\n", "tool.uv"));
}

TEST(PyprojectTables, HeadersInsideMultiLineStringsDoNotCount) {
  const char* text =
      "[project]\n"
      "description = \"\"\"\n"
      "[tool.uv]\n"
      "\"\"\"\n";
  EXPECT_FALSE(has_toml_table(text, "tool.uv"));
  EXPECT_TRUE(has_toml_table(std::string(text) + "[tool.uv]\n", "tool.uv"));
}

TEST(PyprojectTables, ToleratesSpacingQuotesAndTrailingComments) {
  EXPECT_TRUE(has_toml_table("  [ tool . uv ]  # managed by uv\n", "tool.uv"));
  EXPECT_TRUE(has_toml_table("[tool.\"poetry\"]\r\n", "tool.poetry"));
}

}  // namespace
}  // namespace prhost::plugins::common
