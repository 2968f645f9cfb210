// Loads the real fixture plugins (tests/fixtures/plugins) with the real
// Boost.DLL loader: one good plugin and one of each way a plugin can fail.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "prhost/sdk/abi.hpp"

#include "fake_host_services.hpp"
#include "plugin_host/loader.hpp"
#include "test_support.hpp"

namespace prhost::plugin_host {
namespace {

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(PRHOST_FIXTURE_PLUGIN_DIR) / name;
}

class LoaderTest : public ::testing::Test {
 protected:
  std::shared_ptr<PluginSet> load(const std::vector<std::string>& cases, const PluginSelection& selection = {}) {
    std::vector<SearchPath> paths;
    for (const auto& name : cases) paths.push_back({fixture(name), "test"});
    return load_plugins(paths, selection,
                        [this](const std::string& plugin) -> sdk::HostServices& {
                          asked_for.push_back(plugin);
                          return services;
                        },
                        {.probe_cache_file = cache_dir / "probes.json", .trust_file = cache_dir / "trusted.toml"});
  }
  static const PluginRecord& only(const PluginSet& set) {
    EXPECT_EQ(set.plugins.size(), 1U);
    return set.plugins.front();
  }
  testing::FakeHostServices services;
  std::vector<std::string> asked_for;
  testing::ScratchDir cache_dir;
};

TEST_F(LoaderTest, GoodPluginLoadsWithItsContributionsAndOptions) {
  services.string_options["greeting"] = "bonjour";
  const auto set = load({"good"});
  const auto& plugin = only(*set);
  EXPECT_TRUE(plugin.loaded) << plugin.error;
  EXPECT_EQ(plugin.name, "fixture-good");
  EXPECT_EQ(plugin.kind, "in-house");
  EXPECT_EQ(plugin.contribution_ids,
            (std::vector<std::string>{"classifier:fixture.classifier", "check:fixture.check"}));
  ASSERT_EQ(set->registry.checks.size(), 1U);
  EXPECT_EQ(set->registry.checks[0].value.title, "Fixture check (bonjour)");
  EXPECT_EQ(asked_for, std::vector<std::string>{"fixture-good"});
}

TEST_F(LoaderTest, ContributionCodeStillRunsAfterLoadingReturns) {
  const auto set = load({"good"});
  ASSERT_EQ(set->registry.checks.size(), 1U);
  // The std::function lives in the plugin; the library must still be loaded.
  const auto result = set->registry.checks[0].value.run({}, services);
  EXPECT_EQ(result.message, "hello");
}

TEST_F(LoaderTest, SharedLibraryWithoutEntryPointIsNotAPlugin) {
  const auto& plugin = only(*load({"not-a-plugin"}));
  EXPECT_FALSE(plugin.loaded);
  EXPECT_NE(plugin.error.find("prhost-fixture-not-a-plugin.so: not a prhost plugin"), std::string::npos)
      << plugin.error;
}

TEST_F(LoaderTest, MajorAbiMismatchIsRefusedWithBothVersions) {
  const auto& plugin = only(*load({"wrong-major"}));
  EXPECT_FALSE(plugin.loaded);
  const auto expected = fmt::format("built for prhost SDK ABI {}.0, this prhost supports ABI {}.{}", sdk::kAbiMajor + 1,
                                    sdk::kAbiMajor, sdk::kAbiMinor);
  EXPECT_NE(plugin.error.find(expected), std::string::npos) << plugin.error;
  EXPECT_NE(plugin.error.find("prhost-fixture-wrong-major.so"), std::string::npos);
}

TEST_F(LoaderTest, NewerMinorAbiIsRefused) {
  const auto& plugin = only(*load({"newer-minor"}));
  EXPECT_FALSE(plugin.loaded);
  const auto expected = fmt::format("ABI {0}.{1}, newer than this prhost's ABI {0}.{2}", sdk::kAbiMajor,
                                    sdk::kAbiMinor + 1, sdk::kAbiMinor);
  EXPECT_NE(plugin.error.find(expected), std::string::npos) << plugin.error;
}

TEST_F(LoaderTest, DifferentToolchainIsRefused) {
  const auto& plugin = only(*load({"wrong-toolchain"}));
  EXPECT_FALSE(plugin.loaded);
  EXPECT_NE(plugin.error.find("built with toolchain 'clang-99/libc++'"), std::string::npos) << plugin.error;
}

TEST_F(LoaderTest, ExceptionDuringRegistrationIsCaughtAndNothingIsKept) {
  const auto set = load({"throwing"});
  const auto& plugin = only(*set);
  EXPECT_FALSE(plugin.loaded);
  EXPECT_NE(plugin.error.find("plugin 'fixture-throwing' threw during registration: model registry is offline"),
            std::string::npos)
      << plugin.error;
  EXPECT_TRUE(set->registry.checks.empty());
}

TEST_F(LoaderTest, MissingSharedLibraryDependencyNamesTheLibrary) {
  const auto& plugin = only(*load({"missing-dependency"}));
  EXPECT_FALSE(plugin.loaded);
  EXPECT_NE(plugin.error.find("prhost-fixture-missing-dependency.so: cannot be loaded"), std::string::npos)
      << plugin.error;
  EXPECT_NE(plugin.error.find("libprhost_fixture_dependency.so"), std::string::npos) << plugin.error;
}

TEST_F(LoaderTest, DuplicateContributionIdRejectsTheLaterPluginNamingBoth) {
  const auto set = load({"good", "duplicate"});
  ASSERT_EQ(set->plugins.size(), 2U);
  EXPECT_TRUE(set->plugins[0].loaded);
  EXPECT_FALSE(set->plugins[1].loaded);
  EXPECT_NE(set->plugins[1].error.find("plugin 'fixture-good'"), std::string::npos) << set->plugins[1].error;
  EXPECT_NE(set->plugins[1].error.find("plugin 'fixture-duplicate' was not loaded"), std::string::npos);
}

TEST_F(LoaderTest, SameNameLaterOnTheSearchPathIsShadowed) {
  const auto set = load({"good", "shadow"});
  ASSERT_EQ(set->plugins.size(), 2U);
  EXPECT_TRUE(set->plugins[0].loaded);
  EXPECT_NE(set->plugins[1].error.find("shadowed by"), std::string::npos) << set->plugins[1].error;
}

TEST_F(LoaderTest, BrokenPluginsDoNotStopTheOthers) {
  const auto set = load({"wrong-major", "throwing", "not-a-plugin", "missing-dependency", "good"});
  ASSERT_EQ(set->plugins.size(), 5U);
  EXPECT_TRUE(set->plugins.back().loaded);
  EXPECT_EQ(set->registry.checks.size(), 1U);
}

TEST_F(LoaderTest, DisabledPluginIsFoundButNotRegistered) {
  const auto set = load({"good"}, {{}, {"fixture-good"}});
  const auto& plugin = only(*set);
  EXPECT_TRUE(plugin.disabled);
  EXPECT_FALSE(plugin.loaded);
  EXPECT_TRUE(set->registry.checks.empty());
}

TEST_F(LoaderTest, EnableListLoadsOnlyThosePlugins) {
  const auto set = load({"good", "throwing"}, {{"fixture-throwing"}, {}});
  ASSERT_EQ(set->plugins.size(), 2U);
  EXPECT_TRUE(set->plugins[0].disabled);  // fixture-good not enabled
  EXPECT_FALSE(set->plugins[1].disabled);
}

TEST(SearchPaths, OrderIsCliThenEnvironmentThenConfigThenInstall) {
  ::setenv("PRHOST_PLUGIN_PATH", "/env/one:/env/two", 1);
  const auto paths = plugin_search_paths({"/cli"}, {"/from/config"});
  ::unsetenv("PRHOST_PLUGIN_PATH");
  ASSERT_EQ(paths.size(), 5U);
  EXPECT_EQ(paths[0].directory, "/cli");
  EXPECT_EQ(paths[1].directory, "/env/one");
  EXPECT_EQ(paths[2].directory, "/env/two");
  EXPECT_EQ(paths[3].directory, "/from/config");
  EXPECT_EQ(paths[4].source, "installed default plugins");
}

}  // namespace
}  // namespace prhost::plugin_host
