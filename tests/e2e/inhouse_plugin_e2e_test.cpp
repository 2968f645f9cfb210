// The in-house plugin example (sdk/examples/inhouse-mocks) is built out of
// tree against the *installed* SDK, exactly as a team would, then loaded by
// prhost.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

TEST(InhousePlugin, BuildsAgainstTheInstalledSdkAndIsLoadedAndListed) {
  ScratchDir work;
  const auto prefix = work / "prefix";
  const auto build = work / "build";
  run_ok({"cmake", "--install", PRHOST_BINARY_DIR, "--prefix", prefix.string()}, work.path());
  ASSERT_TRUE(std::filesystem::exists(prefix / "include/prhost/sdk/sdk.hpp"));

  run_ok({"cmake", "-S", std::string(PRHOST_SOURCE_DIR) + "/sdk/examples/inhouse-mocks", "-B", build.string(),
          "-DCMAKE_PREFIX_PATH=" + prefix.string(), "-DCMAKE_BUILD_TYPE=Release"},
         work.path());
  run_ok({"cmake", "--build", build.string()}, work.path());
  ASSERT_TRUE(std::filesystem::exists(build / "prhost-acme-mocks.so"));

  // The installed prhost finds its own default plugins and the in-house one.
  const auto installed_prhost = prefix / "bin/prhost";
  ASSERT_TRUE(std::filesystem::exists(installed_prhost));
  const auto result =
      run({installed_prhost.string(), "plugins", "--json", "--plugin-dir", build.string()}, work.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto listing = nlohmann::json::parse(result.out);
  bool found = false;
  for (const auto& plugin : listing["plugins"]) {
    if (plugin["name"] != "acme-mocks") continue;
    found = true;
    EXPECT_EQ(plugin["status"], "loaded") << plugin["error"];
    EXPECT_EQ(plugin["version"], "2.4.0");
    EXPECT_EQ(plugin["contributions"],
              (nlohmann::json::array({"mock:acme.fake-ocr-agent", "mock:acme.fake-table-model",
                                      "input-recipe:acme.scanned-page", "input-recipe:acme.document"})));
  }
  EXPECT_TRUE(found) << listing.dump(2);
  std::size_t defaults_loaded = 0;
  for (const auto& plugin : listing["plugins"]) {
    if (plugin["status"] == "loaded" && plugin["name"] != "acme-mocks") ++defaults_loaded;
  }
  EXPECT_EQ(defaults_loaded, 7U) << "the installed prhost must find its default plugins";
}

}  // namespace
}  // namespace prhost::testing
