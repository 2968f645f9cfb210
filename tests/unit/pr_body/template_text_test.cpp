#include "pr_body/template_text.hpp"

#include <gtest/gtest.h>

namespace prhost::pr_body {
namespace {

std::map<std::string, std::string> all_filled() {
  std::map<std::string, std::string> values;
  for (const auto& spec : placeholders()) values[std::string(spec.name)] = "<" + std::string(spec.name) + ">";
  return values;
}

TEST(TemplateText, FillsEveryPlaceholderInItsLine) {
  const TemplateText text{"Base `{{BASE_REF}}` → `{{HEAD_REF}}` via {{ RUNNER }}.\n", "t.md"};
  EXPECT_EQ(fill_template(text, all_filled()), "Base `<BASE_REF>` → `<HEAD_REF>` via <RUNNER>.\n");
}

TEST(TemplateText, UnknownPlaceholderNamesItAndItsLine) {
  const TemplateText text{"## Summary\n\n{{SUMMARY_BULLETS}}\n{{SPEEDUP}}\n", "custom.md"};
  try {
    (void)fill_template(text, all_filled());
    FAIL() << "an unknown placeholder must be an error";
  } catch (const TemplateError& error) {
    EXPECT_NE(std::string(error.what()).find("custom.md:4: unknown placeholder {{SPEEDUP}}"), std::string::npos)
        << error.what();
  }
}

TEST(TemplateText, UnclosedBracesAreAnErrorWithTheLine) {
  EXPECT_THROW((void)scan_template({"ok\nsee {{BASE_REF\n", "t.md"}), TemplateError);
  try {
    (void)scan_template({"ok\nsee {{BASE_REF\n", "t.md"});
  } catch (const TemplateError& error) {
    EXPECT_NE(std::string(error.what()).find("t.md:2:"), std::string::npos) << error.what();
  }
}

TEST(TemplateText, AnUnfilledPlaceholderIsAnErrorNamingIt) {
  auto values = all_filled();
  values.erase("REPRODUCE");
  try {
    (void)fill_template({"# x\n\n{{REPRODUCE}}\n", "t.md"}, values);
    FAIL();
  } catch (const TemplateError& error) {
    EXPECT_NE(std::string(error.what()).find("t.md:3: placeholder {{REPRODUCE}} was left unfilled"), std::string::npos)
        << error.what();
  }
  values["REPRODUCE"] = "";  // a required placeholder may not be empty either
  EXPECT_THROW((void)fill_template({"{{REPRODUCE}}\n", "t.md"}, values), TemplateError);
}

TEST(TemplateText, AnEmptyOptionalSectionDisappearsWithItsHeading) {
  auto values = all_filled();
  values["TECHNICAL_DETAILS"] = "";
  values["CHANGELOG_SECTION"] = "";
  const TemplateText text{
      "## Summary\n\n{{SUMMARY_BULLETS}}\n\n## How it works\n\n{{TECHNICAL_DETAILS}}\n\n"
      "## Test plan\n\n{{TEST_ITEMS}}\n\nChangelog\n---------\n\n{{CHANGELOG_SECTION}}\n",
      "t.md"};
  EXPECT_EQ(fill_template(text, values), "## Summary\n\n<SUMMARY_BULLETS>\n\n## Test plan\n\n<TEST_ITEMS>\n");
}

TEST(TemplateText, AFilledOptionalSectionStays) {
  auto values = all_filled();
  values["TECHNICAL_DETAILS"] = "line one\nline two";
  EXPECT_EQ(fill_template({"## How\n\n{{TECHNICAL_DETAILS}}\n", "t.md"}, values), "## How\n\nline one\nline two\n");
}

TEST(TemplateText, ScanListsUsesInOrderWithLines) {
  const auto uses = scan_template({"{{BASE_REF}} {{HEAD_REF}}\n\n{{TEST_ITEMS}}\n", "t.md"});
  ASSERT_EQ(uses.size(), 3U);
  EXPECT_EQ(uses[1].name, "HEAD_REF");
  EXPECT_EQ(uses[2].line, 3);
}

TEST(TemplateText, TheTableHoldsTheTwelvePlaceholdersAndTwoAreOptional) {
  EXPECT_EQ(placeholders().size(), 12U);
  int optional = 0;
  for (const auto& spec : placeholders()) optional += spec.optional ? 1 : 0;
  EXPECT_EQ(optional, 2);
}

}  // namespace
}  // namespace prhost::pr_body
