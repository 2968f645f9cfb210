// Submodules inside ref checkouts, on real repositories: each ref gets its
// submodule at the commit that ref records (not the working tree's copy,
// which may sit elsewhere or hold edits), nested submodules too, and a clone
// that never initialised a submodule gets it named, not a failure. The user's
// repository, its submodule included, is byte-identical afterwards.
#include "worktree/submodules.hpp"

#include <gtest/gtest.h>

#include "git/repository.hpp"
#include "repo_snapshot.hpp"
#include "test_support.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::worktree {
namespace {

using prhost::testing::GitRepo;
using prhost::testing::read_file;
using prhost::testing::ScratchDir;
using testing::same_tree;
using testing::snapshot;

// git refuses file:// submodules unless told otherwise.
std::vector<std::string> with_file_protocol(std::vector<std::string> args) {
  args.insert(args.begin(), {"-c", "protocol.file.allow=always"});
  return args;
}

// data: "v1" then "v2" (with a nested submodule `inner` from v2 on). user:
// base records data at v1, head at v2; the user's working copy of data then
// holds an unstaged edit, as a clone mid-work might.
struct Project {
  GitRepo inner;
  GitRepo data;
  GitRepo user;
  std::string base_sha;
  std::string head_sha;
  std::string data_v1;

  Project() {
    inner.write("deep.txt", "deep\n");
    inner.commit("inner");
    data.write("cases.txt", "v1\n");
    data_v1 = data.commit("v1");
    data.write("cases.txt", "v2\n");
    data.git(with_file_protocol({"submodule", "add", "-q", inner.root().string(), "inner"}));
    data.commit("v2");

    user.write("pkg/__init__.py", "");
    user.git(with_file_protocol({"submodule", "add", "-q", data.root().string(), "tests/data"}));
    user.git({"-C", "tests/data", "checkout", "-q", data_v1});
    base_sha = user.commit("base: data at v1");
    user.git({"-C", "tests/data", "checkout", "-q", "main"});
    user.git(with_file_protocol({"-C", "tests/data", "submodule", "update", "-q", "--init", "--recursive"}));
    head_sha = user.commit("head: data at v2");
    user.write("tests/data/cases.txt", "edited in the working tree\n");
  }
};

TEST(Submodules, EachRefGetsItsSubmoduleAtTheCommitItRecordsNotTheWorkingCopy) {
  Project project;
  const auto before = snapshot(project.user.root());
  {
    const auto repository = git::Repository::open(project.user.root());
    const CheckoutSet set(repository, {project.base_sha, project.head_sha});
    const auto& base = set.checkouts()[0];
    const auto& head = set.checkouts()[1];
    EXPECT_EQ(read_file(base.dir / "tests/data/cases.txt"), "v1\n");
    EXPECT_EQ(read_file(head.dir / "tests/data/cases.txt"), "v2\n");
    EXPECT_FALSE(std::filesystem::exists(base.dir / "tests/data/inner")) << "v1 has no nested submodule";
    EXPECT_EQ(read_file(head.dir / "tests/data/inner/deep.txt"), "deep\n") << "nested submodules are filled too";
    EXPECT_TRUE(base.missing_submodules.empty()) << describe(base.missing_submodules);
    EXPECT_TRUE(head.missing_submodules.empty()) << describe(head.missing_submodules);
    EXPECT_FALSE(std::filesystem::exists(head.dir / "tests/data/.git")) << "a checkout, not a clone";
  }
  EXPECT_TRUE(same_tree(before, snapshot(project.user.root())));
}

TEST(Submodules, AnUninitialisedSubmoduleIsNamedAndLeftEmpty) {
  Project project;
  const ScratchDir scratch;
  const auto clone = scratch.path() / "clone";
  prhost::testing::run_ok({"git", "clone", "-q", project.user.root().string(), clone.string()}, scratch.path());
  const auto repository = git::Repository::open(clone);
  const CheckoutSet set(repository, {project.head_sha});
  const auto& head = set.checkouts().front();
  ASSERT_EQ(head.missing_submodules.size(), 1U);
  EXPECT_EQ(head.missing_submodules.front().path, "tests/data");
  EXPECT_NE(head.missing_submodules.front().why.find("not initialised in "), std::string::npos)
      << head.missing_submodules.front().why;
  EXPECT_NE(describe(head.missing_submodules).find("git submodule update --init --recursive tests/data"),
            std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(head.dir / "tests/data"));
  EXPECT_TRUE(std::filesystem::exists(head.dir / "pkg/__init__.py"));
}

}  // namespace
}  // namespace prhost::worktree
