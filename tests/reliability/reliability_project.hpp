// The project every reliability test starts from: a real git repository
// holding a tiny package whose `work()` sleeps 4 ms at base and 8 ms at head
// (a known 2x slow-down, so a regression gate has something to catch), and
// an untracked benchmark in the working tree, as after `prhost bench`. Each
// test writes the benchmark it needs (one that hangs, one that escapes with
// setsid, one that records the signals it gets) and then checks that prhost
// left the repository, its temporary directory and the process table as it
// found them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "spawned_prhost.hpp"
#include "test_support.hpp"

namespace prhost::testing {

class ReliabilityProject : public ::testing::Test {
 protected:
  void SetUp() override {
    repo.write("pyproject.toml",
               "[project]\nname = \"sleepy\"\nversion = \"0.1.0\"\n\n[tool.codeflash]\nmodule-root = \"sleepy\"\n"
               "benchmarks-root = \"tests/benchmarks\"\n");
    repo.write("sleepy/__init__.py", "");
    write_work(4);
    base_sha = repo.commit("Initial sleepy");
    write_work(8);
    head_sha = repo.commit("perf: sleep twice as long (a regression)");
    write_benchmark("    benchmark(work)\n");
    status_before = repo.git({"status", "--porcelain", "--untracked-files=all"});
    branches_before = repo.git({"branch", "-a", "-v"});
  }

  void write_work(int sleep_ms) const {
    repo.write("sleepy/work.py",
               "import time\n\n\ndef work():\n    time.sleep(" + std::to_string(sleep_ms) + " / 1000)\n");
  }

  // The benchmark's body under `def test_benchmark_work(benchmark):`, with
  // MARKER (a path this test watches) and LOG defined.
  void write_benchmark(const std::string& body) const {
    repo.write("tests/benchmarks/test_benchmark_work.py",
               "import os, pathlib, signal, subprocess, sys, time\nfrom sleepy.work import work\n\n"
               "MARKER = " +
                   quoted(marker()) + "\nLOG = " + quoted(log()) +
                   "\n\n\n"
                   "def test_benchmark_work(benchmark):\n" +
                   body);
  }

  static std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }
  [[nodiscard]] std::filesystem::path marker() const { return scratch / "benchmark-is-running"; }
  [[nodiscard]] std::filesystem::path log() const { return scratch / "signals.log"; }

  [[nodiscard]] std::map<std::string, std::string> env() const { return {{"TMPDIR", tmp.path().string()}}; }

  sdk::ProcessResult prhost(const std::vector<std::string>& args) const { return run_prhost(args, repo.root(), env()); }

  // The checks every interrupt test ends with.
  void expect_nothing_left_behind() const {
    EXPECT_EQ(repo.git({"status", "--porcelain", "--untracked-files=all"}), status_before);
    EXPECT_EQ(repo.git({"branch", "-a", "-v"}), branches_before);
    EXPECT_EQ(repo.git({"worktree", "list"}).find('\n'), std::string::npos) << "worktrees still registered:\n"
                                                                            << repo.git({"worktree", "list"});
    EXPECT_EQ(repo.git({"worktree", "prune", "--dry-run", "-v"}), "") << "stale worktree entries in .git/worktrees";
    EXPECT_FALSE(std::filesystem::exists(repo.root() / ".benchmarks")) << "pytest-benchmark storage at the root";
    std::string left;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(tmp.path())) {
      left += "\n  " + entry.path().string();
    }
    EXPECT_TRUE(left.empty()) << "temporary paths left behind:" << left;
    expect_no_live_descendants();
  }

  // Nothing that ran for this test (its command line names the repository,
  // the temporary directory or this test's scratch directory) still runs.
  // PR_SET_PDEATHSIG and the watchdog act asynchronously, so allow them 10 s.
  void expect_no_live_descendants() const {
    std::vector<std::string> alive;
    const bool gone = wait_until(
        [&] {
          alive.clear();
          for (const auto& text : {repo.root().string(), tmp.path().string(), scratch.path().string()}) {
            for (auto& line : processes_mentioning(text)) alive.push_back(std::move(line));
          }
          return alive.empty();
        },
        std::chrono::seconds(10));
    std::string listing;
    for (const auto& line : alive) listing += "\n  " + line;
    EXPECT_TRUE(gone) << "processes outlived prhost:" << listing;
  }

  GitRepo repo;
  ScratchDir tmp;
  ScratchDir scratch;
  std::string base_sha, head_sha, status_before, branches_before;
};

}  // namespace prhost::testing
