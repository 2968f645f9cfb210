// config::with_toml_key on the layouts pyproject.toml files really have: each
// result is compared byte for byte, so "nothing else changed" is checked, not
// assumed.
#include <gtest/gtest.h>

#include "config/toml_key_edit.hpp"

namespace prhost::config {
namespace {

std::string set_root(const std::string& text) {
  const auto edited = with_toml_key(text, "pyproject.toml", "tool.codeflash", "benchmarks-root", "\"tests/bench\"");
  EXPECT_TRUE(edited.has_value()) << edited.error();
  return edited.value_or("");
}

TEST(TomlKeyEdit, AddsTheKeyAfterTheTablesLastKeyKeepingCommentsAndLayout) {
  const std::string text =
      "[project]\nname = \"shop\"   # keep this spacing\n\n[tool.codeflash]\n"
      "module-root = 'shop'  # literal quotes stay\ntests-root = \"tests\"\n\n# about ruff\n[tool.ruff]\nx = 1\n";
  EXPECT_EQ(set_root(text),
            "[project]\nname = \"shop\"   # keep this spacing\n\n[tool.codeflash]\n"
            "module-root = 'shop'  # literal quotes stay\ntests-root = \"tests\"\nbenchmarks-root = \"tests/bench\"\n"
            "\n# about ruff\n[tool.ruff]\nx = 1\n");
}

TEST(TomlKeyEdit, AppendsTheTableWhenThereIsNoneAndKeepsAMissingFinalNewlineFixedOnce) {
  EXPECT_EQ(set_root("[project]\nname = \"shop\""),
            "[project]\nname = \"shop\"\n\n[tool.codeflash]\nbenchmarks-root = \"tests/bench\"\n");
  EXPECT_EQ(set_root(""), "[tool.codeflash]\nbenchmarks-root = \"tests/bench\"\n");
}

TEST(TomlKeyEdit, ReplacesAnExistingValueInPlace) {
  EXPECT_EQ(set_root("[tool.codeflash]\nbenchmarks-root = \"old\"  # why\nother = 1\n"),
            "[tool.codeflash]\nbenchmarks-root = \"tests/bench\"  # why\nother = 1\n");
}

TEST(TomlKeyEdit, KeepsWindowsLineEndings) {
  EXPECT_EQ(set_root("[tool.codeflash]\r\nmodule-root = \"shop\"\r\n"),
            "[tool.codeflash]\r\nmodule-root = \"shop\"\r\nbenchmarks-root = \"tests/bench\"\r\n");
}

TEST(TomlKeyEdit, AMultiLineArrayLastInTheTableIsNotCut) {
  EXPECT_EQ(set_root("[tool.codeflash]\nignore-paths = [\n  \"a\",\n  \"b\",\n]\n[tool.x]\ny = 2\n"),
            "[tool.codeflash]\nignore-paths = [\n  \"a\",\n  \"b\",\n]\nbenchmarks-root = \"tests/bench\"\n"
            "[tool.x]\ny = 2\n");
}

TEST(TomlKeyEdit, MalformedTomlIsNamedWithLineAndColumn) {
  const auto edited = with_toml_key("[project]\nname = \n", "pyproject.toml", "tool.codeflash", "k", "1");
  ASSERT_FALSE(edited.has_value());
  EXPECT_NE(edited.error().find("pyproject.toml:2:"), std::string::npos) << edited.error();
}

TEST(TomlKeyEdit, AnInlineTableIsRefusedRatherThanRedefined) {
  const auto edited = with_toml_key("[tool]\ncodeflash = { module-root = \"shop\" }\n", "pyproject.toml",
                                    "tool.codeflash", "benchmarks-root", "\"b\"");
  ASSERT_FALSE(edited.has_value()) << edited.value();
  EXPECT_NE(edited.error().find("not edited"), std::string::npos) << edited.error();
}

TEST(TomlKeyEdit, AnInvalidValueIsRefused) {
  EXPECT_FALSE(with_toml_key("[tool.codeflash]\n", "pyproject.toml", "tool.codeflash", "k", "not toml").has_value());
}

}  // namespace
}  // namespace prhost::config
