// Numbers and paths from prhost.toml and the command line (issue 12.6), on
// the real binary: one range table gives both the same bounds and words (the
// CLI exits 2, the file 3 naming file:line:column), 64-bit values are never
// narrowed, NaN and infinities are refused, and paths that would leave the
// repository are refused before anything is written.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace prhost::testing {
namespace {

GitRepo two_commit_repo() {
  GitRepo repo;
  repo.write("pkg/__init__.py", "");
  repo.write("pkg/rows.py", "def parse_rows(lines):\n    return [l.split(',') for l in lines]\n");
  repo.commit("first");
  repo.write("pkg/rows.py", "def parse_rows(lines):\n    return [l.split(',', 1) for l in lines]\n");
  repo.commit("cpu: parse_rows splits once");
  return repo;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct SharedBound {
  std::vector<std::string> cli;  // arguments after `prhost`
  std::string toml;              // the same value in prhost.toml
  std::string toml_where;        // where the file's error points
  std::string bounds;            // the words both must use
};

TEST(ConfigValues, CommandLineAndPrhostTomlRefuseTheSameValueWithTheSameBounds) {
  const auto repo = two_commit_repo();
  const std::vector<SharedBound> cases{
      {{"compare", "HEAD~1", "HEAD", "--max-pairs", "5000"},
       "[compare]\nmax-pairs = 5000\n",
       "prhost.toml:2:13:",
       "at least 5 and at most 1000"},
      {{"compare", "HEAD~1", "HEAD", "--min-pairs", "2"},
       "[compare]\nmin-pairs = 2\n",
       "prhost.toml:2:13:",
       "at least 5 and at most 1000"},
      {{"compare", "HEAD~1", "HEAD", "--timeout", "4294967297"},
       "[compare]\ntimeout-seconds = 4294967297\n",
       "prhost.toml:2:19:",
       "at least 1 and at most 604800"},
      {{"compare", "HEAD~1", "HEAD", "--margin", "50"},
       "[compare]\nmargin-percent = 50.0\n",
       "prhost.toml:2:18:",
       "at least 0.1 and at most 49"},
      {{"compare", "HEAD~1", "HEAD", "--memory-runs", "101"},
       "[compare]\nmemory-runs = 101\n",
       "prhost.toml:2:15:",
       "at least 3 and at most 100"},
      {{"inventory", "--commits", "4294967296"},
       "[prhost]\ncommits = 4294967296\n",
       "prhost.toml:2:11:",
       "at least 1 and at most 1000000"},
  };
  for (const auto& bound : cases) {
    const auto cli = run_prhost(bound.cli, repo.root());
    EXPECT_EQ(cli.exit_code, 2) << bound.cli[3 % bound.cli.size()] << ": " << cli.err;
    EXPECT_TRUE(has(cli.err, bound.bounds)) << cli.err;
    EXPECT_TRUE(has(cli.err, "in prhost.toml has the same bounds")) << cli.err;

    repo.write("prhost.toml", bound.toml);
    const auto file = run_prhost({"inventory"}, repo.root());
    std::filesystem::remove(repo.root() / "prhost.toml");
    EXPECT_EQ(file.exit_code, 3) << bound.toml << file.err;
    EXPECT_TRUE(has(file.err, bound.toml_where)) << file.err;
    EXPECT_TRUE(has(file.err, bound.bounds)) << file.err;
    EXPECT_TRUE(has(file.err, "has the same bounds")) << file.err;
  }
}

TEST(ConfigValues, NanAndInfinityAreRefusedOnTheCommandLineAndInTheFile) {
  const auto repo = two_commit_repo();
  for (const auto* value : {"nan", "inf", "-inf", "1e999"}) {
    const auto cli = run_prhost({"compare", "HEAD~1", "HEAD", "--margin", value}, repo.root());
    EXPECT_EQ(cli.exit_code, 2) << value << ": " << cli.err;
    EXPECT_TRUE(has(cli.err, "must be a finite number")) << cli.err;
  }
  repo.write("prhost.toml", "[compare]\nmargin-percent = nan\n");
  const auto file = run_prhost({"inventory"}, repo.root());
  EXPECT_EQ(file.exit_code, 3) << file.err;
  EXPECT_TRUE(has(file.err, "prhost.toml:2:18: [compare] margin-percent = nan must be a finite number")) << file.err;
}

TEST(ConfigValues, InjectAndBenchmarkPathsLeavingTheRepositoryAreRefusedOnEveryBackend) {
  const auto repo = two_commit_repo();
  for (const auto* backend : {"builtin", "codeflash"}) {
    for (const auto& [flag, path, words] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"--inject", "../../x", "leaves the repository"},
             {"--inject", "/etc/passwd", "is absolute"},
             {"--inject", ".git/config", "points into git metadata"},
             {"--benchmark", "../outside/test_x.py", "leaves the repository"}}) {
      const auto result = run_prhost({"compare", "HEAD~1", "HEAD", "--backend", backend, flag, path}, repo.root());
      EXPECT_EQ(result.exit_code, 2) << backend << " " << flag << " " << path << ": " << result.err;
      EXPECT_TRUE(has(result.err, path + " " + words)) << result.err;
    }
  }
}

TEST(ConfigValues, BenchmarksRootLeavingTheRepositoryStopsBenchBeforeItWrites) {
  ScratchDir outer;
  const auto repo = two_commit_repo();
  const auto escape = std::filesystem::relative(outer / "escaped", repo.root()).string();
  for (const auto& [file, text, where] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"prhost.toml", "[prhost]\nbenchmarks-root = \"" + escape + "\"\n", "prhost.toml:2:19:"},
           {"prhost.toml", "[prhost]\nbenchmarks-root = \"" + (outer / "escaped").string() + "\"\n",
            "prhost.toml:2:19:"},
           {"pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \"" + escape + "\"\n", "pyproject.toml:2:19:"}}) {
    repo.write(file, text);
    const auto result = run_prhost({"bench"}, repo.root());
    std::filesystem::remove(repo.root() / file);
    EXPECT_EQ(result.exit_code, 3) << text << result.err;
    EXPECT_TRUE(has(result.err, where)) << result.err;
    EXPECT_TRUE(has(result.err, "benchmarks-root")) << result.err;
    EXPECT_FALSE(std::filesystem::exists(outer / "escaped")) << "bench wrote outside the repository";
  }
}

}  // namespace
}  // namespace prhost::testing
