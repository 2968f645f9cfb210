#include "doctor/check_runner.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "doctor/doctor.hpp"
#include "fake_host_services.hpp"

namespace prhost::doctor {
namespace {

sdk::DiagnosticCheck check(const std::string& id, int order, sdk::CheckStatus status) {
  return {id, id + " title", order, [status, id](const sdk::CheckContext&, sdk::HostServices&) {
            sdk::CheckResult result;
            result.status = status;
            result.message = id + " says";
            return result;
          }};
}

plugin_host::PluginRegistry registry_with(std::vector<sdk::DiagnosticCheck> checks, const std::string& plugin) {
  plugin_host::PluginRegistry registry;
  plugin_host::StagingRegistry staging;
  for (auto& c : checks) staging.add_check(std::move(c));
  EXPECT_FALSE(staging.commit_into(registry, {plugin, "/plugins/" + plugin + ".so"}));
  return registry;
}

TEST(CheckRunner, RunsChecksInOrderAndNamesTheirPlugin) {
  testing::FakeHostServices services;
  const auto registry = registry_with(
      {check("b.late", 50, sdk::CheckStatus::Ok), check("a.early", 10, sdk::CheckStatus::Warning)}, "checks-x");
  const auto outcomes = run_checks(registry, {}, [&](const std::string&) -> sdk::HostServices& { return services; });
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].id, "a.early");
  EXPECT_EQ(outcomes[0].result.status, sdk::CheckStatus::Warning);
  EXPECT_EQ(outcomes[1].id, "b.late");
  EXPECT_EQ(outcomes[1].plugin, "checks-x");
}

TEST(CheckRunner, ACheckThatThrowsIsCrashedNamingItsPluginAndTheOthersStillRun) {
  testing::FakeHostServices services;
  sdk::DiagnosticCheck thrower{"x.throws", "throws", 5,
                               [](const sdk::CheckContext&, sdk::HostServices&) -> sdk::CheckResult {
                                 throw std::runtime_error("index out of range");
                               }};
  const auto registry = registry_with({thrower, check("x.fine", 6, sdk::CheckStatus::Ok)}, "buggy-plugin");
  const auto outcomes = run_checks(registry, {}, [&](const std::string&) -> sdk::HostServices& { return services; });
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].result.status, sdk::CheckStatus::Crashed);
  EXPECT_NE(outcomes[0].result.message.find("buggy-plugin"), std::string::npos) << outcomes[0].result.message;
  EXPECT_NE(outcomes[0].result.message.find("index out of range"), std::string::npos) << outcomes[0].result.message;
  EXPECT_EQ(outcomes[1].result.status, sdk::CheckStatus::Ok);
}

TEST(CheckRunner, OnlyRunsTheRequestedIds) {
  testing::FakeHostServices services;
  const auto registry =
      registry_with({check("a", 1, sdk::CheckStatus::Ok), check("b", 2, sdk::CheckStatus::Error)}, "p");
  const auto outcomes =
      run_checks(registry, {}, [&](const std::string&) -> sdk::HostServices& { return services; }, {"b"});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].id, "b");
}

TEST(DoctorReport, HasErrorsOnlyForErrorsAndCrashes) {
  DoctorReport report;
  report.targets.push_back({});
  auto& checks = report.targets[0].checks;
  checks.push_back({"w", "p", "t", {sdk::CheckStatus::Warning, "", {}, {}}, {}});
  checks.push_back({"n", "p", "t", {sdk::CheckStatus::NotApplicable, "", {}, {}}, {}});
  EXPECT_FALSE(report.has_errors());
  checks.push_back({"c", "p", "t", {sdk::CheckStatus::Crashed, "", {}, {}}, {}});
  EXPECT_TRUE(report.has_errors());
}

}  // namespace
}  // namespace prhost::doctor
