// The history walk and first-parent diffs, on real repositories.
#include "git/history.hpp"

#include <gtest/gtest.h>

#include "git/git_error.hpp"
#include "test_support.hpp"

namespace prhost::git {
namespace {

using testing::GitRepo;

const FileChange* find_file(const CommitDiff& diff, const std::string& path) {
  for (const auto& file : diff.files) {
    if (file.path() == path) return &file;
  }
  return nullptr;
}

TEST(History, WalksTheLastNCommitsNewestFirstAndStops) {
  GitRepo repo;
  std::vector<std::string> shas;
  for (int i = 0; i < 12; ++i) {
    repo.write("file.txt", "version " + std::to_string(i) + "\n");
    shas.push_back(repo.commit("commit " + std::to_string(i) + "\n\nbody line " + std::to_string(i)));
  }
  const auto repository = Repository::open(repo.root());
  const auto commits = recent_commits(repository, "HEAD", 5);
  ASSERT_EQ(commits.size(), 5U);
  EXPECT_EQ(commits[0].sha, shas[11]);
  EXPECT_EQ(commits[0].subject, "commit 11");
  EXPECT_EQ(commits[0].body, "body line 11");
  EXPECT_EQ(commits[0].parents, std::vector<std::string>{shas[10]});
  EXPECT_GE(commits[0].short_sha.size(), 7U);
  EXPECT_TRUE(shas[11].starts_with(commits[0].short_sha));
  EXPECT_EQ(commits[4].sha, shas[7]);

  EXPECT_EQ(recent_commits(repository, "HEAD", 100).size(), 12U);
  EXPECT_EQ(recent_commits(repository, shas[2], 100).size(), 3U);
  EXPECT_THROW(recent_commits(repository, "no-such-branch", 5), GitError);
}

TEST(History, LooksUpCommitsByPrefixRefAndRejectsOthers) {
  GitRepo repo;
  repo.write("a.txt", "a\n");
  const auto sha = repo.commit("first");
  repo.git({"tag", "v1"});
  const auto repository = Repository::open(repo.root());

  const auto by_prefix = lookup_commit(repository, sha.substr(0, 8));
  ASSERT_EQ(by_prefix.status, LookupStatus::Found);
  EXPECT_EQ(by_prefix.commit->sha, sha);
  EXPECT_EQ(lookup_commit(repository, "v1").commit->sha, sha);
  EXPECT_EQ(lookup_commit(repository, sha.substr(0, 7) == "0000000" ? "1111111" : "0000000").status,
            LookupStatus::NotFound);
  // The blob of a.txt is an object, not a commit.
  const auto blob = repo.git({"rev-parse", "HEAD:a.txt"});
  EXPECT_EQ(lookup_commit(repository, blob).status, LookupStatus::NotACommit);
  EXPECT_TRUE(is_ancestor_or_same(repository, sha, sha));
}

TEST(History, DiffGivesNewSideRangesAndChangedText) {
  GitRepo repo;
  repo.write(
      "pkg/mod.py",
      "def a():\n    return 1\n\n\ndef b():\n    x = 1\n    y = 2\n    return x + y\n\n\ndef c():\n    return 3\n");
  repo.write("old_name.py", "VALUE = 1\n" + std::string(200, '#') + "\n");
  repo.write("gone.txt", "bye\n");
  const auto root = repo.commit("initial");
  repo.write("pkg/mod.py",
             "def a():\n    return 1\n\n\ndef b():\n    x = 10\n    return x\n\n\ndef c():\n    return 3\n");
  repo.git({"mv", "old_name.py", "new_name.py"});
  std::filesystem::remove(repo.root() / "gone.txt");
  repo.write("logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const auto sha = repo.commit("mem: shrink b");
  const auto repository = Repository::open(repo.root());

  const auto diff = diff_against_first_parent(repository, sha);
  const auto* mod = find_file(diff, "pkg/mod.py");
  ASSERT_NE(mod, nullptr);
  EXPECT_EQ(mod->status, FileChangeStatus::Modified);
  EXPECT_FALSE(mod->binary);
  // Lines 6-7 replaced; no context lines leak into b()'s neighbours.
  EXPECT_EQ(mod->new_ranges, (std::vector<LineRange>{{6, 7}}));
  EXPECT_EQ(mod->added_lines, 2);
  EXPECT_EQ(mod->removed_lines, 3);
  EXPECT_NE(diff.added_code.find("x = 10"), std::string::npos);
  EXPECT_NE(diff.removed_code.find("y = 2"), std::string::npos);

  const auto* renamed = find_file(diff, "new_name.py");
  ASSERT_NE(renamed, nullptr);
  EXPECT_EQ(renamed->status, FileChangeStatus::Renamed);
  EXPECT_EQ(renamed->old_path, "old_name.py");

  const auto* gone = find_file(diff, "gone.txt");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->status, FileChangeStatus::Deleted);
  EXPECT_TRUE(gone->new_path.empty());
  EXPECT_TRUE(gone->new_ranges.empty());

  const auto* logo = find_file(diff, "logo.png");
  ASSERT_NE(logo, nullptr);
  EXPECT_EQ(logo->status, FileChangeStatus::Added);
  EXPECT_TRUE(logo->binary);
  EXPECT_TRUE(logo->new_ranges.empty());

  // The root commit is diffed against the empty tree.
  const auto first = diff_against_first_parent(repository, root);
  ASSERT_EQ(first.files.size(), 3U);
  for (const auto& file : first.files) EXPECT_EQ(file.status, FileChangeStatus::Added);
}

TEST(History, PureDeletionMarksTheLineBeforeIt) {
  GitRepo repo;
  repo.write("m.py", "def f():\n    a = 1\n    b = 2\n    return a\n\n\ndef g():\n    pass\n");
  repo.commit("initial");
  repo.write("m.py", "def f():\n    a = 1\n    return a\n\n\ndef g():\n    pass\n");
  const auto sha = repo.commit("cpu: drop dead store");
  const auto diff = diff_against_first_parent(Repository::open(repo.root()), sha);
  ASSERT_EQ(diff.files.size(), 1U);
  EXPECT_EQ(diff.files[0].new_ranges, (std::vector<LineRange>{{2, 2}}));
}

TEST(History, CapsTheChangedText) {
  GitRepo repo;
  repo.write("big.py", "x = 0\n");
  repo.commit("initial");
  std::string big;
  for (int i = 0; i < 5000; ++i) big += "value_" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  repo.write("big.py", big);
  const auto sha = repo.commit("struct: table");
  const auto diff = diff_against_first_parent(Repository::open(repo.root()), sha, 1024);
  EXPECT_LE(diff.added_code.size(), 1024U);
  EXPECT_TRUE(diff.code_truncated);
  EXPECT_EQ(diff.files[0].added_lines, 5000);
}

}  // namespace
}  // namespace prhost::git
