#include <gtest/gtest.h>

#include "domains/domain_resolver.hpp"
#include "plugin_host/plugin_registry.hpp"

namespace prhost::plugin_host {
namespace {

sdk::DiagnosticCheck check(const std::string& id, int order = 100) {
  return {id, "title", order, [](const sdk::CheckContext&, sdk::HostServices&) { return sdk::CheckResult{}; }};
}

TEST(Registry, CommitsAllContributionsWithTheirOrigin) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_check(check("a.check"));
  staging.add_compare_flag_policy({"a.flags", "mem", {true, std::nullopt}, "why"});
  ASSERT_FALSE(staging.commit_into(registry, {"plugin-a", "/p/a.so"}));
  ASSERT_EQ(registry.checks.size(), 1U);
  EXPECT_EQ(registry.checks[0].origin.plugin, "plugin-a");
  EXPECT_EQ(registry.ids_of("plugin-a"), (std::vector<std::string>{"flag-policy:a.flags", "check:a.check"}));
}

TEST(Registry, DuplicateIdRejectsTheWholeSecondPluginNamingBoth) {
  PluginRegistry registry;
  StagingRegistry first;
  first.add_check(check("shared.check"));
  ASSERT_FALSE(first.commit_into(registry, {"plugin-a", "/p/a.so"}));

  StagingRegistry second;
  second.add_check(check("b.only"));
  second.add_check(check("shared.check"));
  const auto error = second.commit_into(registry, {"plugin-b", "/p/b.so"});
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("/p/b.so"), std::string::npos) << *error;
  EXPECT_NE(error->find("'plugin-a' (/p/a.so)"), std::string::npos) << *error;
  EXPECT_NE(error->find("plugin 'plugin-b' was not loaded"), std::string::npos) << *error;
  EXPECT_EQ(registry.checks.size(), 1U) << "nothing of plugin-b may stay";
}

TEST(Registry, SameIdInDifferentKindsIsAllowed) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_check(check("uv"));
  staging.add_runner({"uv", "uv", [](const sdk::Project&, sdk::HostServices&) { return sdk::RunnerDetection{}; },
                      [](const sdk::Project&, sdk::HostServices&) { return std::vector<std::string>{}; }, nullptr,
                      nullptr});
  EXPECT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
}

TEST(Registry, MissingIdOrCallbackIsRejected) {
  PluginRegistry registry;
  StagingRegistry no_id;
  no_id.add_check(check(""));
  EXPECT_TRUE(no_id.commit_into(registry, {"p", "/p.so"}));
  StagingRegistry no_run;
  no_run.add_check({"x", "title", 1, nullptr});
  const auto error = no_run.commit_into(registry, {"p", "/p.so"});
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("without a run function"), std::string::npos);
}

TEST(Registry, ChecksAreOrderedByOrderThenId) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_check(check("late", 50));
  staging.add_check(check("b.early", 10));
  staging.add_check(check("a.early", 10));
  ASSERT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
  EXPECT_EQ(registry.checks[0].value.id, "a.early");
  EXPECT_EQ(registry.checks[1].value.id, "b.early");
  EXPECT_EQ(registry.checks[2].value.id, "late");
}

sdk::DomainClassifier classifier(const std::string& domain, bool explicit_mark, int score) {
  return {domain + ".classifier", domain, [=](const sdk::ChangeFacts&) {
            sdk::DomainVote vote;
            vote.explicit_mark = explicit_mark;
            vote.score = score;
            vote.reasons.push_back("because");
            return vote;
          }};
}

TEST(DomainResolver, ExplicitMarksWinOverHeuristicScores) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_domain_classifier(classifier("mem", true, 0));
  staging.add_domain_classifier(classifier("cpu", false, 9));
  ASSERT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
  EXPECT_EQ(domains::resolve_domains(registry, {}), std::vector<std::string>{"mem"});
}

TEST(DomainResolver, HeuristicDomainsNeedAScoreOfTwoAndMayBeSeveral) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_domain_classifier(classifier("mem", false, 2));
  staging.add_domain_classifier(classifier("cpu", false, 3));
  staging.add_domain_classifier(classifier("async", false, 1));
  ASSERT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
  std::vector<std::string> reasons;
  EXPECT_EQ(domains::resolve_domains(registry, {}, &reasons), (std::vector<std::string>{"cpu", "mem"}));
  EXPECT_EQ(reasons.size(), 2U);
}

TEST(DomainResolver, AThrowingClassifierIsSkippedAndReported) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_domain_classifier(
      {"bad", "cpu", [](const sdk::ChangeFacts&) -> sdk::DomainVote { throw std::runtime_error("regex exploded"); }});
  staging.add_domain_classifier(classifier("mem", false, 2));
  ASSERT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
  std::vector<std::string> reasons;
  EXPECT_EQ(domains::resolve_domains(registry, {}, &reasons), std::vector<std::string>{"mem"});
  ASSERT_FALSE(reasons.empty());
  EXPECT_NE(reasons[0].find("regex exploded"), std::string::npos);
}

TEST(DomainResolver, FlagsAreTheUnionOfTheDomainsPolicies) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_compare_flag_policy({"mem.flags", "mem", {true, std::nullopt}, ""});
  staging.add_compare_flag_policy({"cpu.flags", "cpu", {false, 120}, ""});
  ASSERT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
  EXPECT_EQ(domains::flags_text(domains::resolve_flags(registry, {"mem"}).flags), "--memory");
  EXPECT_EQ(domains::flags_text(domains::resolve_flags(registry, {"cpu"}).flags), "--timeout 120");
  EXPECT_EQ(domains::flags_text(domains::resolve_flags(registry, {"cpu", "mem"}).flags), "--memory --timeout 120");
  EXPECT_EQ(domains::flags_text(domains::resolve_flags(registry, {}).flags), "");
}

TEST(DomainResolver, AnyDomainAskingForInstructionCountsAddsMetricBoth) {
  PluginRegistry registry;
  StagingRegistry staging;
  staging.add_compare_flag_policy({"mem.flags", "mem", {true, std::nullopt}, ""});
  staging.add_compare_flag_policy({"cpu.flags", "cpu", {false, 120, true}, ""});
  ASSERT_FALSE(staging.commit_into(registry, {"p", "/p.so"}));
  EXPECT_FALSE(domains::resolve_flags(registry, {"mem"}).flags.instructions);
  EXPECT_TRUE(domains::resolve_flags(registry, {"cpu", "mem"}).flags.instructions);
  EXPECT_EQ(domains::flags_text(domains::resolve_flags(registry, {"cpu", "mem"}).flags),
            "--memory --timeout 120 --metric both");
}

}  // namespace
}  // namespace prhost::plugin_host
