#include "pr_body/changelog.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace prhost::pr_body {
namespace {

using testing::ScratchDir;
using testing::write_file;

TEST(Changelog, NoChangelogNoSection) {
  ScratchDir project;
  write_file(project / "README.md", "# x\n");
  EXPECT_EQ(find_changelog(project.path()), "");
  EXPECT_TRUE(changelog_suggestion(project.path(), "Faster.").path.empty());
}

TEST(Changelog, FindsTheUsualNamesAtTheRootAndInDocs) {
  for (const auto* name : {"CHANGELOG.md", "CHANGES.rst", "HISTORY.md", "NEWS", "docs/changelog.rst"}) {
    ScratchDir project;
    write_file(project / name, "x\n");
    EXPECT_EQ(find_changelog(project.path()), name);
  }
}

TEST(Changelog, MarkdownUnreleasedSectionAndItsBulletStyle) {
  const auto s =
      suggest_entry("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n* Fixed a thing.\n\n## 1.2.0\n\n- Old.\n",
                    "Faster count_words.");
  EXPECT_EQ(s.heading, "## Unreleased");
  EXPECT_FALSE(s.new_heading);
  EXPECT_EQ(s.entry, "* Faster count_words.");
}

TEST(Changelog, WithoutUnreleasedANewHeadingAtTheReleaseLevel) {
  const auto s = suggest_entry("CHANGELOG.md", "# Changelog\n\n### v1.2.0 (2026-01-02)\n\n+ Old.\n", "Faster.");
  EXPECT_EQ(s.heading, "### Unreleased");
  EXPECT_TRUE(s.new_heading);
  EXPECT_EQ(s.entry, "+ Faster.");
}

TEST(Changelog, RestructuredTextUnderlineStyle) {
  const auto s =
      suggest_entry("CHANGES.rst", "Changes\n=======\n\n1.4.0 (2026-02-01)\n------------------\n\n- Old.\n", "Faster.");
  EXPECT_EQ(s.heading, "Unreleased\n----------");
  EXPECT_TRUE(s.new_heading);
  EXPECT_EQ(s.entry, "- Faster.");
}

TEST(Changelog, TowncrierFragmentsDirectory) {
  ScratchDir project;
  std::filesystem::create_directories(project / "changelog.d");
  const auto s = changelog_suggestion(project.path(), "Faster.");
  EXPECT_EQ(s.path, "changelog.d/");
  EXPECT_EQ(s.entry, "Faster.");
}

}  // namespace
}  // namespace prhost::pr_body
