// CheckoutSet on real repositories: each ref gets its own tree, injected files
// land in every checkout, and on every exit path the temporary directory is
// gone and the user's repository — HEAD, index, refs, working tree, staged
// and unstaged changes — is byte-identical to before.
#include "worktree/ref_checkout.hpp"

#include <gtest/gtest.h>

#include "git/repository.hpp"
#include "repo_snapshot.hpp"
#include "services/cancellation.hpp"
#include "test_support.hpp"

namespace prhost::worktree {
namespace {

using prhost::testing::GitRepo;
using prhost::testing::read_file;
using testing::same_tree;
using testing::snapshot;
using testing::TempDirSandbox;

// v1.0: VALUE = 1. main (one commit later): VALUE = 2 plus extra.py. Then a
// staged edit, an unstaged edit and an untracked benchmark, as a user's tree
// looks when they run `prhost compare v1.0 main`.
struct UserRepo {
  GitRepo repo;
  std::string base_sha;
  std::string head_sha;

  UserRepo() {
    repo.write("pkg/__init__.py", "");
    repo.write("pkg/core.py", "VALUE = 1\n");
    repo.write("README.md", "readme v1\n");
    base_sha = repo.commit("base");
    repo.git({"tag", "v1.0"});
    repo.write("pkg/core.py", "VALUE = 2\n");
    repo.write("pkg/extra.py", "EXTRA = True\n");
    head_sha = repo.commit("head");
    repo.write("pkg/core.py", "VALUE = 3  # staged\n");
    repo.git({"add", "pkg/core.py"});
    repo.write("README.md", "readme, unstaged edit\n");
    repo.write("tests/benchmarks/test_benchmark_core.py", "def test_benchmark_core(): pass\n");
    // Settle the index's stat cache now, so nothing later has a reason to
    // rewrite it (git CLI would; libgit2 must not).
    repo.git({"status", "--porcelain"});
  }
};

TEST(CheckoutSet, ChecksOutEachRefWithItsOwnContent) {
  UserRepo user;
  const auto repository = git::Repository::open(user.repo.root());
  const CheckoutSet set(repository, {"v1.0", "main"});

  ASSERT_EQ(set.checkouts().size(), 2u);
  const auto& base = set.checkouts()[0];
  const auto& head = set.checkouts()[1];
  EXPECT_EQ(base.ref, "v1.0");
  EXPECT_EQ(base.sha, user.base_sha);
  EXPECT_EQ(head.sha, user.head_sha);
  EXPECT_EQ(read_file(base.dir / "pkg/core.py"), "VALUE = 1\n");
  EXPECT_FALSE(std::filesystem::exists(base.dir / "pkg/extra.py"));
  // The committed state, not the user's staged or unstaged edits.
  EXPECT_EQ(read_file(head.dir / "pkg/core.py"), "VALUE = 2\n");
  EXPECT_EQ(read_file(head.dir / "README.md"), "readme v1\n");
  EXPECT_TRUE(std::filesystem::exists(head.dir / "pkg/extra.py"));
  EXPECT_FALSE(std::filesystem::exists(head.dir / "tests/benchmarks/test_benchmark_core.py"));
  for (const auto& checkout : set.checkouts()) {
    EXPECT_FALSE(std::filesystem::exists(checkout.dir / ".git")) << checkout.dir;
    EXPECT_EQ(checkout.dir.parent_path(), set.root());
  }
  EXPECT_EQ(&set.at("main"), &head);
}

TEST(CheckoutSet, GivesSetuptoolsScmAVersionFromTheNearestTag) {
  UserRepo user;
  const auto repository = git::Repository::open(user.repo.root());
  const CheckoutSet set(repository, {"v1.0", "main"});
  EXPECT_EQ(set.at("v1.0").env.at("SETUPTOOLS_SCM_PRETEND_VERSION"), "1.0");
  EXPECT_EQ(set.at("main").env.at("SETUPTOOLS_SCM_PRETEND_VERSION"), "1.0.post1+g" + user.head_sha.substr(0, 7));
}

TEST(CheckoutSet, VersionWithoutTagsIsALocalZeroVersion) {
  GitRepo repo;
  repo.write("a.py", "");
  const auto sha = repo.commit("only");
  const auto repository = git::Repository::open(repo.root());
  EXPECT_EQ(pretend_version(repository, sha), "0.0.0+g" + sha.substr(0, 7));
}

TEST(CheckoutSet, InjectsWorkingTreeFilesIntoEveryCheckout) {
  UserRepo user;
  const auto repository = git::Repository::open(user.repo.root());
  const CheckoutSet set(repository, {"v1.0", "main"}, {"tests/benchmarks/test_benchmark_core.py", "README.md"});
  for (const auto& checkout : set.checkouts()) {
    EXPECT_EQ(read_file(checkout.dir / "tests/benchmarks/test_benchmark_core.py"), "def test_benchmark_core(): pass\n");
    EXPECT_EQ(read_file(checkout.dir / "README.md"), "readme, unstaged edit\n");
    ASSERT_EQ(checkout.injected.size(), 2u);
    EXPECT_FALSE(checkout.injected[0].replaced);
    EXPECT_TRUE(checkout.injected[1].replaced);
  }
}

TEST(CheckoutSet, InjectsWholeDirectories) {
  UserRepo user;
  const auto repository = git::Repository::open(user.repo.root());
  const CheckoutSet set(repository, {"v1.0"}, {"tests/benchmarks"});
  EXPECT_TRUE(std::filesystem::exists(set.checkouts()[0].dir / "tests/benchmarks/test_benchmark_core.py"));
}

TEST(CheckoutSet, TheSameRefTwiceGivesTwoCheckouts) {
  UserRepo user;
  const auto repository = git::Repository::open(user.repo.root());
  const CheckoutSet set(repository, {"main", "main"});
  ASSERT_EQ(set.checkouts().size(), 2u);
  EXPECT_NE(set.checkouts()[0].dir, set.checkouts()[1].dir);
  EXPECT_EQ(set.checkouts()[0].sha, set.checkouts()[1].sha);
}

TEST(CheckoutSet, RemovesItsTemporaryDirectoryWhenDestroyed) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto repository = git::Repository::open(user.repo.root());
  std::filesystem::path root;
  {
    const CheckoutSet set(repository, {"v1.0", "main"}, {"tests/benchmarks/test_benchmark_core.py"});
    root = set.root();
    EXPECT_EQ(root.parent_path(), tmp.path());
    EXPECT_TRUE(std::filesystem::exists(root));
  }
  EXPECT_FALSE(std::filesystem::exists(root));
  EXPECT_TRUE(tmp.empty());
}

TEST(CheckoutSet, LeavesTheUsersRepositoryByteIdentical) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto before = snapshot(user.repo.root());
  {
    const auto repository = git::Repository::open(user.repo.root());
    const CheckoutSet set(repository, {"v1.0", "main", user.base_sha.substr(0, 10), "HEAD~1"},
                          {"tests/benchmarks/test_benchmark_core.py", "README.md"});
    EXPECT_EQ(set.checkouts().size(), 4u);
    // Mid-way too: nothing is written into the repository while checkouts exist.
    EXPECT_TRUE(same_tree(before, snapshot(user.repo.root())));
  }
  EXPECT_TRUE(same_tree(before, snapshot(user.repo.root())));
  EXPECT_FALSE(std::filesystem::exists(user.repo.root() / ".git/worktrees"));
  EXPECT_FALSE(std::filesystem::exists(user.repo.root() / ".git/index.lock"));
  EXPECT_TRUE(tmp.empty());
  // And git agrees: same branches, same HEAD, the staged and unstaged edits intact.
  EXPECT_EQ(user.repo.git({"for-each-ref", "--format=%(refname)"}), "refs/heads/main\nrefs/tags/v1.0");
  EXPECT_EQ(user.repo.git({"rev-parse", "HEAD"}), user.head_sha);
  EXPECT_EQ(user.repo.git({"status", "--porcelain"}), " M README.md\nM  pkg/core.py\n?? tests/");
  EXPECT_EQ(user.repo.git({"show", ":pkg/core.py"}), "VALUE = 3  # staged");
}

TEST(CheckoutSet, AnExceptionWhileInUseStillRemovesEverything) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto before = snapshot(user.repo.root());
  const auto repository = git::Repository::open(user.repo.root());
  std::filesystem::path root;
  try {
    const CheckoutSet set(repository, {"v1.0", "main"});
    root = set.root();
    throw std::runtime_error("benchmark failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(root.empty());
  EXPECT_FALSE(std::filesystem::exists(root));
  EXPECT_TRUE(tmp.empty());
  EXPECT_TRUE(same_tree(before, snapshot(user.repo.root())));
}

TEST(CheckoutSet, AFailedInjectionAfterTheCheckoutsLeavesNothing) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto before = snapshot(user.repo.root());
  const auto repository = git::Repository::open(user.repo.root());
  try {
    const CheckoutSet set(repository, {"v1.0", "main"}, {"tests/benchmarks/test_benchmark_missing.py"});
    FAIL() << "a missing --inject file must throw";
  } catch (const CheckoutError& error) {
    EXPECT_NE(std::string(error.what()).find("tests/benchmarks/test_benchmark_missing.py"), std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(tmp.empty());
  EXPECT_TRUE(same_tree(before, snapshot(user.repo.root())));
}

TEST(CheckoutSet, AnUnknownRefIsNamedAndLeavesNothing) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto before = snapshot(user.repo.root());
  const auto repository = git::Repository::open(user.repo.root());
  try {
    const CheckoutSet set(repository, {"main", "no-such-branch"});
    FAIL() << "an unknown ref must throw";
  } catch (const UnknownRefError& error) {
    EXPECT_EQ(error.ref(), "no-such-branch");
    EXPECT_NE(std::string(error.what()).find("'no-such-branch'"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(tmp.empty());
  EXPECT_TRUE(same_tree(before, snapshot(user.repo.root())));
}

TEST(CheckoutSet, RefusesInjectPathsOutsideTheRepository) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto repository = git::Repository::open(user.repo.root());
  for (const std::string path : {"../outside.py", "/etc/passwd", ".git/config", "tests/../../x.py"}) {
    EXPECT_THROW(CheckoutSet(repository, {"main"}, {path}), CheckoutError) << path;
  }
  EXPECT_TRUE(tmp.empty());
}

TEST(CheckoutSet, AnInterruptBeforeACheckoutStopsAndCleansUp) {
  UserRepo user;
  TempDirSandbox tmp;
  const auto repository = git::Repository::open(user.repo.root());
  services::request_interrupt(SIGINT);
  EXPECT_THROW(CheckoutSet(repository, {"v1.0", "main"}), services::Interrupted);
  services::reset_interrupt_for_tests();
  EXPECT_TRUE(tmp.empty());
}

}  // namespace
}  // namespace prhost::worktree
