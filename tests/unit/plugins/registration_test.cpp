// What each default plugin registers, and that the seed's flag rules come out
// of the plugins' data: mem → --memory and never --timeout; cpu and async →
// --timeout 120; struct → both.
#include <gtest/gtest.h>

#include <set>

#include "domain-async/async_module.hpp"
#include "domain-cpu/cpu_module.hpp"
#include "domain-mem/mem_module.hpp"
#include "domain-struct/struct_module.hpp"
#include "fake_host_services.hpp"
#include "prhost/sdk/plugin.hpp"
#include "recording_registry.hpp"
#include "runner-pip/pip_runner.hpp"
#include "runner-poetry/poetry_runner.hpp"
#include "runner-uv/uv_runner.hpp"

namespace prhost::plugins {
namespace {

using testing::FakeHostServices;
using testing::RecordingRegistry;

constexpr sdk::RegisterFunction kAllPlugins[] = {
    &mem::register_contributions,        &cpu::register_contributions,       &async::register_contributions,
    &structure::register_contributions,  &uv_runner::register_contributions, &poetry_runner::register_contributions,
    &pip_runner::register_contributions,
};

RecordingRegistry register_one(sdk::RegisterFunction plugin) {
  RecordingRegistry registry;
  FakeHostServices services;
  plugin(registry, services);
  return registry;
}

TEST(DomainMemPlugin, RegistersMemoryFlagsWithoutTimeoutAClassifierAndItsTwoChecks) {
  const auto registry = register_one(&mem::register_contributions);
  ASSERT_EQ(registry.policies.size(), 1u);
  EXPECT_EQ(registry.policies[0].id, "mem.compare-flags");
  EXPECT_EQ(registry.policies[0].domain, "mem");
  EXPECT_TRUE(registry.policies[0].flags.memory);
  EXPECT_FALSE(registry.policies[0].flags.timeout_seconds.has_value()) << "mem must never pass --timeout";
  EXPECT_NE(registry.policies[0].rationale.find("memray"), std::string::npos);

  ASSERT_EQ(registry.classifiers.size(), 1u);
  EXPECT_EQ(registry.classifiers[0].id, "mem.classifier");
  EXPECT_EQ(registry.classifiers[0].domain, "mem");

  // memray must be importable before anything else is worth checking; the
  // mock-allocation pitfall is read from the benchmark afterwards.
  ASSERT_EQ(registry.checks.size(), 2u);
  EXPECT_EQ(registry.checks[0].id, "mem.memray-importable");
  EXPECT_EQ(registry.checks[0].order, 15);
  EXPECT_TRUE(registry.checks[0].run);
  EXPECT_EQ(registry.checks[1].id, "mem.mocks-allocate");
  EXPECT_GT(registry.checks[1].order, registry.checks[0].order);
  EXPECT_TRUE(registry.checks[1].run);
}

// Core knows no domain name: each domain plugin defines its own, with the
// words HANDOFF.md headings and tags use for it, and classifies for that name.
TEST(DomainPlugins, EachDefinesTheDomainItClassifiesWithItsAliases) {
  for (const auto plugin : {&mem::register_contributions, &cpu::register_contributions, &async::register_contributions,
                            &structure::register_contributions}) {
    const auto registry = register_one(plugin);
    ASSERT_EQ(registry.domains.size(), 1u);
    ASSERT_EQ(registry.classifiers.size(), 1u);
    const auto& definition = registry.domains[0];
    EXPECT_EQ(definition.domain, registry.classifiers[0].domain);
    EXPECT_EQ(definition.id, definition.domain + ".domain");
    EXPECT_FALSE(definition.aliases.empty()) << definition.domain;
    EXPECT_FALSE(definition.description.empty()) << definition.domain;
  }
  EXPECT_EQ(register_one(&mem::register_contributions).domains[0].aliases, (std::vector<std::string>{"memory", "ram"}));
}

TEST(DomainCpuPlugin, RegistersTimeout120WithoutMemory) {
  const auto registry = register_one(&cpu::register_contributions);
  const auto policy = registry.policy_for("cpu");
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->id, "cpu.compare-flags");
  EXPECT_FALSE(policy->flags.memory);
  EXPECT_EQ(policy->flags.timeout_seconds, 120);
  ASSERT_EQ(registry.classifiers.size(), 1u);
  EXPECT_EQ(registry.classifiers[0].domain, "cpu");
  EXPECT_TRUE(registry.checks.empty());
}

TEST(DomainAsyncPlugin, RegistersTimeout120WithoutMemory) {
  const auto registry = register_one(&async::register_contributions);
  const auto policy = registry.policy_for("async");
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->id, "async.compare-flags");
  EXPECT_FALSE(policy->flags.memory);
  EXPECT_EQ(policy->flags.timeout_seconds, 120);
  ASSERT_EQ(registry.classifiers.size(), 1u);
  EXPECT_EQ(registry.classifiers[0].domain, "async");
}

TEST(DomainStructPlugin, RegistersMemoryAndTimeout120) {
  const auto registry = register_one(&structure::register_contributions);
  const auto policy = registry.policy_for("struct");
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->id, "struct.compare-flags");
  EXPECT_TRUE(policy->flags.memory);
  EXPECT_EQ(policy->flags.timeout_seconds, 120);
  ASSERT_EQ(registry.classifiers.size(), 1u);
  EXPECT_EQ(registry.classifiers[0].domain, "struct");
}

TEST(RunnerPlugins, EachRegistersExactlyOneCompleteRunnerAdapter) {
  const std::pair<sdk::RegisterFunction, std::string> runners[] = {
      {&uv_runner::register_contributions, "uv"},
      {&poetry_runner::register_contributions, "poetry"},
      {&pip_runner::register_contributions, "pip"},
  };
  for (const auto& [plugin, id] : runners) {
    const auto registry = register_one(plugin);
    ASSERT_EQ(registry.runners.size(), 1u) << id;
    const auto& runner = registry.runners[0];
    EXPECT_EQ(runner.id, id);
    EXPECT_NE(runner.title.find(id), std::string::npos) << runner.title;
    EXPECT_TRUE(runner.detect && runner.python && runner.version_command && runner.worktree_environment) << id;
  }
}

TEST(DefaultPlugins, RegisterNoDuplicateIdsWhenAllAreLoadedTogether) {
  RecordingRegistry registry;
  FakeHostServices services;
  for (auto plugin : kAllPlugins) plugin(registry, services);
  const auto ids = registry.all_ids();
  const std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(registry.policies.size(), 4u);
  EXPECT_EQ(registry.classifiers.size(), 4u);
  EXPECT_EQ(registry.runners.size(), 3u);
}

TEST(DefaultPlugins, IdsStartWithTheirDomainSoTheHostCanNameTheOwner) {
  RecordingRegistry registry;
  FakeHostServices services;
  for (auto plugin : kAllPlugins) plugin(registry, services);
  for (const auto& policy : registry.policies) EXPECT_TRUE(policy.id.starts_with(policy.domain + ".")) << policy.id;
  for (const auto& classifier : registry.classifiers) {
    EXPECT_TRUE(classifier.id.starts_with(classifier.domain + ".")) << classifier.id;
  }
}

TEST(RunnerVersionCommands, ProbeTheRunnerToolAndForPipThePipOfTheChosenInterpreter) {
  FakeHostServices services;
  const sdk::Project project{"/srv/project"};
  EXPECT_EQ(uv_runner::make_runner().version_command(project, services), (std::vector<std::string>{"uv", "--version"}));
  EXPECT_EQ(poetry_runner::make_runner().version_command(project, services),
            (std::vector<std::string>{"poetry", "--version"}));
  services.string_options["python"] = "/opt/py/bin/python3";
  EXPECT_EQ(pip_runner::make_runner().version_command(project, services),
            (std::vector<std::string>{"/opt/py/bin/python3", "-m", "pip", "--version"}));
}

}  // namespace
}  // namespace prhost::plugins
