// `prhost plugins` on the real binary: the default plugins, broken plugins
// next to them, every discovery source, selection in prhost.toml, and
// configuration errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "prhost/sdk/abi.hpp"
#include "test_support.hpp"

namespace {
// The ABI the host under test was built with, as `prhost plugins` writes it.
const std::string kThisAbi = std::to_string(prhost::sdk::kAbiMajor) + "." + std::to_string(prhost::sdk::kAbiMinor);
const std::string kSupportsThisAbi = "this prhost supports ABI " + kThisAbi;
const std::string kNewerThanThisAbi = "newer than this prhost's ABI " + kThisAbi;
}  // namespace

namespace prhost::testing {
namespace {

const std::vector<std::string> kDefaultPlugins{"checks-core",   "domain-async", "domain-cpu",    "domain-mem",
                                               "domain-struct", "runner-pip",   "runner-poetry", "runner-uv"};

// "domain-mem" → "domain", "runner-uv" → "runner", "checks-core" → "checks".
std::string kind_of(const std::string& name) { return name.substr(0, name.find('-')); }

nlohmann::json plugins_json(const std::vector<std::string>& extra_args, const std::filesystem::path& cwd,
                            const std::map<std::string, std::string>& env = {}, int expected_exit = 0) {
  std::vector<std::string> args{"plugins", "--json"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  const auto result = run_prhost(args, cwd, env);
  EXPECT_EQ(result.exit_code, expected_exit) << result.err;
  return nlohmann::json::parse(result.out);
}

const nlohmann::json* find_plugin(const nlohmann::json& listing, const std::string& name) {
  for (const auto& plugin : listing["plugins"]) {
    if (plugin["name"] == name) return &plugin;
  }
  return nullptr;
}

std::string fixture_dir(const std::string& name) { return std::string(PRHOST_FIXTURE_PLUGIN_DIR) + "/" + name; }

TEST(PluginsCommand, ListsTheEightDefaultPluginsWithTheirContributions) {
  ScratchDir dir;
  const auto listing = plugins_json({}, dir.path());
  for (const auto& name : kDefaultPlugins) {
    const auto* plugin = find_plugin(listing, name);
    ASSERT_NE(plugin, nullptr) << name << " missing from " << listing.dump(2);
    EXPECT_EQ((*plugin)["status"], "loaded") << (*plugin)["error"];
    EXPECT_FALSE((*plugin)["contributions"].empty()) << name;
    EXPECT_EQ((*plugin)["kind"], kind_of(name));
  }
  EXPECT_EQ(listing["sdk_abi"], kThisAbi);
}

TEST(PluginsCommand, HumanListingShowsPathsAndContributionIds) {
  ScratchDir dir;
  const auto result = run_prhost({"plugins"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("domain-mem"), std::string::npos);
  EXPECT_NE(result.out.find("+ flag-policy:"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("installed default plugins"), std::string::npos);
}

TEST(PluginsCommand, BrokenPluginsAreListedWithPreciseErrorsAndTheRestStillLoads) {
  ScratchDir dir;
  std::vector<std::string> args;
  for (const auto* name : {"wrong-major", "newer-minor", "wrong-toolchain", "throwing", "not-a-plugin",
                           "missing-dependency", "good", "duplicate"}) {
    args.insert(args.end(), {"--plugin-dir", fixture_dir(name)});
  }
  const auto listing = plugins_json(args, dir.path(), {}, /*expected_exit=*/1);
  const std::map<std::string, std::string> expected_errors{
      {"prhost-fixture-wrong-major", kSupportsThisAbi},
      {"fixture-newer-minor", kNewerThanThisAbi},
      {"fixture-wrong-toolchain", "built with toolchain"},
      {"fixture-throwing", "threw during registration: model registry is offline"},
      {"prhost-fixture-not-a-plugin", "not a prhost plugin"},
      {"prhost-fixture-missing-dependency", "libprhost_fixture_dependency.so"},
      {"fixture-duplicate", "plugin 'fixture-good' ("},
  };
  for (const auto& [name, text] : expected_errors) {
    const auto* plugin = find_plugin(listing, name);
    ASSERT_NE(plugin, nullptr) << name << " not listed: " << listing.dump(2);
    EXPECT_EQ((*plugin)["status"], "error");
    EXPECT_NE((*plugin)["error"].get<std::string>().find(text), std::string::npos) << (*plugin)["error"];
    EXPECT_NE((*plugin)["error"].get<std::string>().find(".so"), std::string::npos) << "error must name the file";
  }
  EXPECT_EQ((*find_plugin(listing, "fixture-good"))["status"], "loaded");
  EXPECT_EQ((*find_plugin(listing, "domain-mem"))["status"], "loaded");
}

TEST(PluginsCommand, OtherCommandsWarnAboutBrokenPluginsOnStderr) {
  ScratchDir dir;
  // `plugins` itself lists errors in its output; here we only check that the
  // binary neither crashes nor fails because of a broken plugin.
  const auto result = run_prhost({"plugins", "--plugin-dir", fixture_dir("throwing")}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << "a plugin that failed makes `prhost plugins` exit 1";
  EXPECT_NE(result.out.find("model registry is offline"), std::string::npos);
}

TEST(PluginsCommand, PluginPathEnvironmentVariableIsSearchedAfterPluginDir) {
  ScratchDir dir;
  const auto listing =
      plugins_json({"--plugin-dir", fixture_dir("good")}, dir.path(), {{"PRHOST_PLUGIN_PATH", fixture_dir("shadow")}});
  const auto& plugins = listing["plugins"];
  ASSERT_GE(plugins.size(), 2U);
  EXPECT_EQ(plugins[0]["status"], "loaded");
  EXPECT_NE(plugins[0]["path"].get<std::string>().find("/good/"), std::string::npos);
  EXPECT_NE(plugins[1]["error"].get<std::string>().find("shadowed by"), std::string::npos);
  EXPECT_EQ(listing["search_paths"][1]["source"], "PRHOST_PLUGIN_PATH");
}

TEST(PluginsCommand, ConfigSearchPathsEnableAndDisableSelectPlugins) {
  GitRepo repo;
  repo.write("prhost.toml", "[plugins]\nsearch-paths = [\"" + fixture_dir("good") +
                                "\"]\ndisable = [\"domain-async\", \"runner-poetry\"]\n\n"
                                "[plugin.fixture-good]\ngreeting = \"from toml\"\n");
  // The repository's own prhost.toml names the directory: trust comes first.
  const auto untrusted = plugins_json({}, repo.root());
  ASSERT_NE(find_plugin(untrusted, "prhost-fixture-good"), nullptr) << untrusted.dump(2);
  EXPECT_EQ((*find_plugin(untrusted, "prhost-fixture-good"))["status"], "untrusted");
  const auto library = fixture_dir("good") + "/prhost-fixture-good.so";
  ASSERT_EQ(run_prhost({"plugins", "--trust", library}, repo.root()).exit_code, 0);
  const auto listing = plugins_json({}, repo.root());
  EXPECT_EQ((*find_plugin(listing, "domain-async"))["status"], "disabled");
  EXPECT_EQ((*find_plugin(listing, "runner-poetry"))["status"], "disabled");
  EXPECT_EQ((*find_plugin(listing, "domain-mem"))["status"], "loaded");
  ASSERT_NE(find_plugin(listing, "fixture-good"), nullptr);
  EXPECT_EQ((*find_plugin(listing, "fixture-good"))["status"], "loaded");

  // The plugin's own option table reached it (its check title quotes it).
  const auto text = run_prhost({"plugins", "-v"}, repo.root());
  EXPECT_EQ(text.exit_code, 0);
}

TEST(PluginsCommand, ConfigInCodeflashDirectoryWithEnableListLoadsOnlyThose) {
  GitRepo repo;
  repo.write(".codeflash/prhost.toml", "[plugins]\nenable = [\"runner-uv\", \"domain-mem\"]\n");
  const auto listing = plugins_json({}, repo.root());
  for (const auto& name : kDefaultPlugins) {
    const bool enabled = name == "runner-uv" || name == "domain-mem";
    EXPECT_EQ((*find_plugin(listing, name))["status"], enabled ? "loaded" : "disabled") << name;
  }
}

TEST(PluginsCommand, UnknownConfigKeyFailsWithFileLineAndColumn) {
  GitRepo repo;
  repo.write("prhost.toml", "[plugins]\ndisable = []\nenabel = [\"runner-uv\"]\n");
  const auto result = run_prhost({"plugins"}, repo.root());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("prhost.toml:3:1: unknown key 'enabel' in [plugins]"), std::string::npos) << result.err;
}

TEST(PluginsCommand, WrongValueTypeFailsWithFileLineAndColumn) {
  GitRepo repo;
  repo.write("prhost.toml", "[compare]\nmax-pairs = \"forty\"\n");
  const auto result = run_prhost({"plugins"}, repo.root());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("prhost.toml:2:13: [compare] max-pairs must be an integer"), std::string::npos)
      << result.err;
}

TEST(Cli, VersionNamesTheSdkAbiAndToolchain) {
  ScratchDir dir;
  const auto result = run_prhost({"--version"}, dir.path());
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("plugin SDK ABI " + kThisAbi), std::string::npos) << result.out;
}

TEST(Cli, EverySubcommandHasHelpThatTeaches) {
  ScratchDir dir;
  const auto top = run_prhost({"--help"}, dir.path());
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Exit codes"), std::string::npos);
  const auto sub = run_prhost({"plugins", "--help"}, dir.path());
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("PRHOST_PLUGIN_PATH"), std::string::npos);
  EXPECT_NE(sub.out.find("Examples"), std::string::npos);
}

TEST(Cli, UnknownSubcommandIsAUsageError) {
  ScratchDir dir;
  const auto result = run_prhost({"frobnicate"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
}  // namespace prhost::testing
