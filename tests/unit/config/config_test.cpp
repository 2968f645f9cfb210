#include <gtest/gtest.h>

#include "config/config.hpp"
#include "test_support.hpp"

namespace prhost::config {
namespace {

Config parse(const std::string& text, const std::filesystem::path& base = "/project") {
  Config config;
  apply_toml(config, text, "prhost.toml", base);
  return config;
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Config, BuiltInDefaultsApplyWithoutAUserFile) {
  testing::ScratchDir dir;
  const Config config = load_config(dir.path(), {});
  EXPECT_TRUE(config.file.empty());
  EXPECT_EQ(config.commits, 30);
  EXPECT_EQ(config.backend, "builtin");
  EXPECT_FALSE(config.margin_percent.has_value()) << "not set: each layout has its own default";
  EXPECT_EQ(config.min_pairs, 10);
  EXPECT_EQ(config.max_pairs, 40);
  EXPECT_TRUE(config.enable.empty());
}

TEST(Config, UnitTestArgumentsAreAListOfStrings) {
  EXPECT_TRUE(parse("").unit_test_args.empty());
  EXPECT_EQ(parse("[prepare]\nunit-test-args = [\"-k\", \"not network\"]\n").unit_test_args,
            (std::vector<std::string>{"-k", "not network"}));
  EXPECT_NE(error_of("[prepare]\nunit-test-args = \"-k not network\"\n").find("an array of strings"),
            std::string::npos);
}

TEST(Config, UserFileAtRootOverridesDefaults) {
  testing::ScratchDir dir;
  testing::write_file(dir / "prhost.toml", "[compare]\nmargin-percent = 3\nbackend = \"builtin\"\n");
  const Config config = load_config(dir.path(), {});
  EXPECT_EQ(config.file, dir / "prhost.toml");
  EXPECT_EQ(config.margin_percent, 3.0);
  EXPECT_EQ(config.backend, "builtin");
  EXPECT_EQ(config.max_pairs, 40);  // untouched keys keep their defaults
}

TEST(Config, FileInCodeflashDirectoryIsFoundWhenRootHasNone) {
  testing::ScratchDir dir;
  testing::write_file(dir / ".codeflash/prhost.toml", "[prhost]\ncommits = 50\n");
  EXPECT_EQ(load_config(dir.path(), {}).commits, 50);
}

TEST(Config, ExplicitMissingFileIsAnError) {
  testing::ScratchDir dir;
  EXPECT_THROW(load_config(dir.path(), dir / "nope.toml"), ConfigError);
}

TEST(Config, UnknownKeyNamesFileLineColumnAndKnownKeys) {
  const auto message = error_of("[compare]\nmargin-percent = 5\nmargn = 3\n");
  EXPECT_NE(message.find("prhost.toml:3:1"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key 'margn' in [compare]"), std::string::npos) << message;
  EXPECT_NE(message.find("margin-percent"), std::string::npos) << message;
}

TEST(Config, WrongTypeNamesFileLineColumnAndExpectedType) {
  const auto message = error_of("[prhost]\ncommits = \"thirty\"\n");
  EXPECT_NE(message.find("prhost.toml:2:11"), std::string::npos) << message;
  EXPECT_NE(message.find("must be an integer"), std::string::npos) << message;
}

TEST(Config, UnknownTableIsAnError) {
  const auto message = error_of("[plugin-options]\nx = 1\n");
  EXPECT_NE(message.find("prhost.toml:1:2"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown table [plugin-options]"), std::string::npos) << message;
}

TEST(Config, SyntaxErrorReportsPosition) {
  const auto message = error_of("[compare\nbackend = 1\n");
  EXPECT_NE(message.find("prhost.toml:1:"), std::string::npos) << message;
}

TEST(Config, MixedArrayIsRejected) {
  const auto message = error_of("[plugins]\nenable = [\"a\", 1]\n");
  EXPECT_NE(message.find("must be an array of strings"), std::string::npos) << message;
}

TEST(Config, InvalidValuesAreRejectedWithTheRule) {
  EXPECT_NE(error_of("[compare]\nbackend = \"magic\"\n").find("auto, builtin, codeflash"), std::string::npos);
  EXPECT_NE(error_of("[compare]\nmin-pairs = 2\n").find("at least 5"), std::string::npos);
  EXPECT_NE(error_of("[compare]\nmin-pairs = 20\nmax-pairs = 10\n").find("max-pairs must be >= min-pairs"),
            std::string::npos);
}

TEST(Config, PluginSelectionAndRelativeSearchPaths) {
  const Config config = parse(
      "[plugins]\nenable = [\"runner-uv\", \"domain-mem\"]\ndisable = [\"domain-async\"]\n"
      "search-paths = [\"tools/plugins\", \"/opt/prhost\"]\n",
      "/work/repo/.codeflash");
  EXPECT_EQ(config.enable, (std::vector<std::string>{"runner-uv", "domain-mem"}));
  EXPECT_EQ(config.disable, (std::vector<std::string>{"domain-async"}));
  ASSERT_EQ(config.search_paths.size(), 2U);
  EXPECT_EQ(config.search_paths[0], std::filesystem::path("/work/repo/.codeflash/tools/plugins"));
  EXPECT_EQ(config.search_paths[1], std::filesystem::path("/opt/prhost"));
}

TEST(Config, PluginOptionTablesAreKeptPerPlugin) {
  const Config config = parse("[plugin.acme-mocks]\nocr-mib = 30\nmodel = \"layout-v2\"\n");
  const auto* options = config.options_for("acme-mocks");
  ASSERT_NE(options, nullptr);
  EXPECT_EQ(options->get("ocr-mib")->value<long long>(), 30);
  EXPECT_EQ(config.options_for("other"), nullptr);
}

TEST(Config, BenchmarkHintsAreParsed) {
  const Config config = parse(
      "[[benchmark]]\nfunction = \"pkg.text:normalize\"\nsetup = \"text = 'a' * 1_000_000\"\n"
      "call = \"normalize(text)\"\nimports = [\"from pkg.text import normalize\"]\n");
  ASSERT_EQ(config.benchmarks.size(), 1U);
  EXPECT_EQ(config.benchmarks[0].function, "pkg.text:normalize");
  EXPECT_EQ(config.benchmarks[0].call, "normalize(text)");
  EXPECT_EQ(config.benchmarks[0].imports.size(), 1U);
}

TEST(Config, BenchmarkHintSizesBecomeNamedConstants) {
  const Config config = parse(
      "[[benchmark]]\nfunction = \"f\"\ncall = \"f(rows)\"\nsetup = \"rows = list(range(ROWS))\"\n"
      "sizes = { rows = 100_000, scale = 1.5 }\n");
  ASSERT_EQ(config.benchmarks.size(), 1U);
  EXPECT_EQ(config.benchmarks[0].sizes,
            (std::vector<std::pair<std::string, std::string>>{{"ROWS", "100000"}, {"SCALE", "1.5"}}));
  EXPECT_NE(error_of("[[benchmark]]\nfunction = \"f\"\ncall = \"f()\"\nsizes = { rows = \"big\" }\n")
                .find("sizes.rows must be a number"),
            std::string::npos);
}

TEST(Config, BenchmarkHintWithoutCallIsAnError) {
  const auto message = error_of("[[benchmark]]\nfunction = \"f\"\n");
  EXPECT_NE(message.find("needs 'function' and 'call'"), std::string::npos) << message;
}

TEST(Config, ValuesOutOfRangeAreRefusedNotNarrowed) {
  EXPECT_NE(error_of("[compare]\ntimeout-seconds = 4294967297\n")
                .find("prhost.toml:2:19: [compare] timeout-seconds = "
                      "4294967297 is out of range"),
            std::string::npos);
  EXPECT_NE(error_of("[prhost]\ncommits = 4294967296\n").find("out of range"), std::string::npos);
  EXPECT_NE(error_of("[compare]\nmargin-percent = nan\n").find("must be a finite number"), std::string::npos);
  EXPECT_NE(error_of("[compare]\nmargin-percent = inf\n").find("must be a finite number"), std::string::npos);
  EXPECT_NE(error_of("[compare]\nmax-pairs = 5000\n").find("at most 1000"), std::string::npos);
}

}  // namespace
}  // namespace prhost::config
