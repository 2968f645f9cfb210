// Checkout directories of a prhost killed outright (SIGKILL) are removed by
// the next one; those of a live prhost, and one being created right now, stay.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "test_support.hpp"
#include "worktree/stale_checkouts.hpp"

namespace prhost::worktree {
namespace {

pid_t finished_process() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;  // reaped: no process has this pid now (barring reuse)
}

std::filesystem::path make_checkouts_dir(const std::filesystem::path& temp, const std::string& suffix,
                                         std::optional<pid_t> owner) {
  const auto dir = temp / (std::string(kCheckoutsPrefix) + suffix);
  std::filesystem::create_directories(dir / "0-main/pkg");
  testing::write_file(dir / "0-main/pkg/__init__.py", "");
  if (owner) testing::write_file(dir / kOwnerFile, std::to_string(*owner) + "\n");
  return dir;
}

TEST(StaleCheckouts, DirectoryOfADeadOwnerIsRemovedOthersStay) {
  testing::ScratchDir temp;
  const auto dead = make_checkouts_dir(temp.path(), "dead01", finished_process());
  const auto alive = make_checkouts_dir(temp.path(), "alive1", ::getpid());
  const auto being_created = make_checkouts_dir(temp.path(), "fresh1", std::nullopt);
  const auto unrelated = temp / "prhost-test-keep";
  std::filesystem::create_directories(unrelated);

  const auto removed = remove_stale_checkouts(temp.path());

  EXPECT_EQ(removed, std::vector<std::filesystem::path>{dead});
  EXPECT_FALSE(std::filesystem::exists(dead));
  EXPECT_TRUE(std::filesystem::exists(alive));
  EXPECT_TRUE(std::filesystem::exists(being_created)) << "no owner yet and new: another prhost is creating it";
  EXPECT_TRUE(std::filesystem::exists(unrelated));
}

TEST(StaleCheckouts, OwnerlessDirectoryOlderThanAnHourIsRemoved) {
  testing::ScratchDir temp;
  const auto old = make_checkouts_dir(temp.path(), "old001", std::nullopt);
  std::filesystem::last_write_time(old, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  EXPECT_EQ(remove_stale_checkouts(temp.path()), std::vector<std::filesystem::path>{old});
}

TEST(StaleCheckouts, RecordOwnerWritesThisProcess) {
  testing::ScratchDir root;
  record_owner(root.path());
  EXPECT_EQ(testing::read_file(root / kOwnerFile), std::to_string(::getpid()) + "\n");
}

}  // namespace
}  // namespace prhost::worktree
