// Where a project keeps its benchmark tests: prhost.toml over pyproject.toml
// over the default, and errors that name pyproject.toml:line:column.
#include <gtest/gtest.h>

#include "pytest/benchmarks_root.hpp"
#include "test_support.hpp"

namespace prhost::pytest {
namespace {

using testing::ScratchDir;
using testing::write_file;

TEST(BenchmarksRoot, ReadsToolCodeflashFromPyproject) {
  ScratchDir project;
  write_file(project / "pyproject.toml",
             "[project]\nname = \"x\"\n\n[tool.codeflash]\nbenchmarks-root = \"bench/perf/\"\n");
  const auto setting = benchmarks_root_setting(project.path(), config::Config{});
  EXPECT_EQ(setting.path, "bench/perf");
  EXPECT_EQ(setting.origin, BenchmarksRootSetting::Origin::Pyproject);
  EXPECT_EQ(benchmarks_root(project.path(), config::Config{}), "bench/perf");
}

TEST(BenchmarksRoot, PrhostTomlOverridesAndDefaultApplies) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \"bench\"\n");
  config::Config config;
  config.benchmarks_root = "./perf/benchmarks";
  EXPECT_EQ(benchmarks_root(project.path(), config), "perf/benchmarks");

  ScratchDir bare;
  const auto setting = benchmarks_root_setting(bare.path(), config::Config{});
  EXPECT_EQ(setting.path, "tests/benchmarks");
  EXPECT_EQ(setting.origin, BenchmarksRootSetting::Origin::Default);
}

TEST(BenchmarksRoot, BrokenPyprojectNamesFileLineAndColumn) {
  ScratchDir project;
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \n");
  try {
    (void)benchmarks_root(project.path(), config::Config{});
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("pyproject.toml:2:"), std::string::npos) << error.what();
  }
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = 3\n");
  EXPECT_THROW((void)benchmarks_root(project.path(), config::Config{}), config::ConfigError);
}

TEST(BenchmarksRoot, PyprojectRootLeavingTheRepositoryIsRefusedWithFileLineColumn) {
  ScratchDir project;
  for (const auto* value : {"../../x", "/tmp/x", ".git/x"}) {
    write_file(project / "pyproject.toml", std::string("[tool.codeflash]\nbenchmarks-root = \"") + value + "\"\n");
    try {
      (void)benchmarks_root(project.path(), config::Config{});
      ADD_FAILURE() << value << " was accepted";
    } catch (const config::ConfigError& error) {
      EXPECT_NE(std::string(error.what())
                    .find("pyproject.toml:2:19: [tool.codeflash] benchmarks-root = \"" + std::string(value) + "\""),
                std::string::npos)
          << error.what();
    }
  }
}

TEST(BenchmarksRoot, ASymlinkOutOfTheRepositoryIsRefusedFromEitherFile) {
  ScratchDir project;
  ScratchDir elsewhere;
  std::filesystem::create_directory_symlink(elsewhere.path(), project / "bench");
  write_file(project / "pyproject.toml", "[tool.codeflash]\nbenchmarks-root = \"bench/perf\"\n");
  try {
    (void)benchmarks_root(project.path(), config::Config{});
    ADD_FAILURE() << "a root behind a symlink out of the repository was accepted";
  } catch (const config::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("pyproject.toml:2:19:"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("through a symlink"), std::string::npos) << error.what();
  }
  config::Config config;
  config.benchmarks_root = "bench";
  EXPECT_THROW((void)benchmarks_root(project.path(), config), config::ConfigError);
}

}  // namespace
}  // namespace prhost::pytest
