#include "pr_body/template_source.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace prhost::pr_body {
namespace {

TEST(TemplateSource, TimingTablesChooseTheCpuVariantAMemoryProfileAloneTheMemoryOne) {
  CompareEvidence compare;
  compare.benchmarks.push_back({"b", TimingEvidence{}, MemoryEvidence{}, std::nullopt});
  EXPECT_EQ(choose_variant(compare), Variant::Cpu);  // it carries the memory tables too
  compare.benchmarks[0].timing.reset();
  EXPECT_EQ(choose_variant(compare), Variant::Memory);
  EXPECT_EQ(choose_variant(CompareEvidence{}), Variant::Cpu);
}

TEST(TemplateSource, BuiltInTemplatesUseOnlyKnownPlaceholdersAndDifferFromEachOther) {
  const TemplateSources none;
  EXPECT_NO_THROW(check_templates(none));
  const auto cpu = load_template(Variant::Cpu, none);
  const auto memory = load_template(Variant::Memory, none);
  EXPECT_NE(cpu.text, memory.text);
  EXPECT_NE(memory.text.find("Memory profile"), std::string::npos);
  EXPECT_EQ(scan_template(cpu).size(), 12U);
}

TEST(TemplateSource, PrhostTomlWinsOverAPluginWhichWinsOverTheBuiltIn) {
  testing::ScratchDir dir;
  TemplateSources sources;
  sources.contributed.push_back({"cpu", "plugin {{SUMMARY_BULLETS}}\n", "plugin acme"});
  EXPECT_EQ(load_template(Variant::Cpu, sources).name, "plugin acme");
  EXPECT_EQ(load_template(Variant::Memory, sources).name, "built-in config/templates/memory.md");
  testing::write_file(dir / "mine.md", "mine {{SUMMARY_BULLETS}}\n");
  sources.configured = dir / "mine.md";
  EXPECT_EQ(load_template(Variant::Cpu, sources).text, "mine {{SUMMARY_BULLETS}}\n");
}

TEST(TemplateSource, AMissingConfiguredTemplateIsAnErrorNamingTheKey) {
  TemplateSources sources;
  sources.configured = "/nonexistent/template.md";
  try {
    check_templates(sources);
    FAIL();
  } catch (const TemplateError& error) {
    EXPECT_NE(std::string(error.what()).find("[pr-body] template"), std::string::npos) << error.what();
  }
}

TEST(TemplateSource, AConfiguredTemplateWithAnUnknownPlaceholderFailsTheCheck) {
  testing::ScratchDir dir;
  testing::write_file(dir / "bad.md", "## Summary\n{{SUMARY_BULLETS}}\n");
  TemplateSources sources;
  sources.configured = dir / "bad.md";
  EXPECT_THROW(check_templates(sources), TemplateError);
}

}  // namespace
}  // namespace prhost::pr_body
