#include "prepare/result_store.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace prhost::prepare {
namespace {

using testing::ScratchDir;

TEST(ResultStore, ACompareResultComesBackWithItsMarkdown) {
  ScratchDir project;
  const ResultStore store(project.path());
  EXPECT_FALSE(store.compare("k1"));
  store.save_compare("k1",
                     {{"base", {{"sha", "a"}}}, {"head", {{"sha", "b"}}}, {"benchmarks", nlohmann::json::array()}},
                     "## tables\n");
  const auto stored = store.compare("k1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->markdown, "## tables\n");
  EXPECT_EQ(stored->json["base"]["sha"], "a");
  EXPECT_TRUE(std::filesystem::exists(project / ".codeflash/prhost/compare/k1.json"));
}

TEST(ResultStore, ABenchRecordIsValidOnlyForTheSameContentAndCommits) {
  ScratchDir project;
  const ResultStore store(project.path());
  store.save_bench("test_benchmark_f", {"1111", "base", "head"}, {{"inputs", "tests"}});
  const auto record = store.bench("test_benchmark_f", {"1111", "base", "head"});
  ASSERT_TRUE(record);
  EXPECT_EQ(record->value("inputs", ""), "tests");
  EXPECT_FALSE(store.bench("test_benchmark_f", {"2222", "base", "head"})) << "the file changed";
  EXPECT_FALSE(store.bench("test_benchmark_f", {"1111", "other", "head"})) << "another base";
  EXPECT_FALSE(store.bench("test_benchmark_f", {"1111", "base", "amended"})) << "another head";
}

TEST(ResultStore, KeysChangeWithAnythingThatDecidesTheNumbers) {
  const nlohmann::json a{{"base", "x"}, {"head", "y"}, {"memory", false}};
  auto b = a;
  b["memory"] = true;
  EXPECT_NE(compare_key(a), compare_key(b));
  EXPECT_EQ(compare_key(a), compare_key(nlohmann::json{{"base", "x"}, {"head", "y"}, {"memory", false}}));
  EXPECT_EQ(compare_key(a).size(), 16U);
}

TEST(ResultStore, ADirectoryOfCiResultsIsReadAndJunkIsNamed) {
  ScratchDir dir;
  testing::write_file(dir / "compare-1.json", R"({"base": {"sha": "a"}, "head": {"sha": "b"}, "benchmarks": []})");
  testing::write_file(dir / "compare-1.md", "## md\n");
  testing::write_file(dir / "nested/compare-2.json",
                      R"({"base": {"sha": "b"}, "head": {"sha": "c"}, "benchmarks": [], "markdown": "## inline"})");
  testing::write_file(dir / "junk.json", "not json");
  std::vector<std::string> skipped;
  const auto found = read_compare_directory(dir.path(), skipped);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].markdown, "## md\n");
  EXPECT_EQ(found[1].markdown, "## inline");
  ASSERT_EQ(skipped.size(), 1U);
  EXPECT_NE(skipped[0].find("junk.json"), std::string::npos);
}

}  // namespace
}  // namespace prhost::prepare
