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
              (nlohmann::json::array({"flag-policy:acme.gpu-flags", "classifier:acme.gpu-classifier",
                                      "mock:acme.fake-ocr-agent", "mock:acme.fake-table-model",
                                      "input-recipe:acme.scanned-page", "input-recipe:acme.document",
                                      "domain:acme.gpu-domain"})));
  }
  EXPECT_TRUE(found) << listing.dump(2);
  std::size_t defaults_loaded = 0;
  for (const auto& plugin : listing["plugins"]) {
    if (plugin["status"] == "loaded" && plugin["name"] != "acme-mocks") ++defaults_loaded;
  }
  EXPECT_EQ(defaults_loaded, 8U) << "the installed prhost must find its default plugins";

  // The plugin's own domain, classified by the SDK's keyword helper: a change
  // whose code calls torch.cuda is a gpu optimization.
  GitRepo repo;
  repo.write("acme_docs/__init__.py", "");
  repo.write("acme_docs/render.py", "def render(pages):\n    return [p for p in pages]\n");
  repo.commit("initial renderer");
  repo.write("acme_docs/render.py",
             "import torch\n\n\ndef render(pages):\n    torch.cuda.synchronize()\n    return [p for p in pages]\n");
  // "opt:" marks an optimization without naming a domain: the classifiers decide.
  repo.commit("opt: synchronise once per batch in render");
  const auto inventory =
      run({installed_prhost.string(), "inventory", "--json", "--plugin-dir", build.string()}, repo.root());
  ASSERT_EQ(inventory.exit_code, 0) << inventory.err;
  const auto optimizations = nlohmann::json::parse(inventory.out)["optimizations"];
  ASSERT_EQ(optimizations.size(), 1U) << inventory.out;
  EXPECT_EQ(optimizations[0]["domains"], nlohmann::json::array({"gpu"})) << optimizations[0].dump(2);
}

}  // namespace
}  // namespace prhost::testing
