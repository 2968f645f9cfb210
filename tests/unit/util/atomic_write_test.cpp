#include <gtest/gtest.h>

#include <system_error>

#include "test_support.hpp"
#include "util/atomic_write.hpp"

namespace prhost::util {
namespace {

std::size_t entries_in(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
  return count;
}

TEST(AtomicWrite, ReplacesTheContentAndLeavesNoTemporaryFile) {
  testing::ScratchDir dir;
  write_file_atomically(dir / "report.md", "first\n");
  write_file_atomically(dir / "report.md", "second\n");
  EXPECT_EQ(testing::read_file(dir / "report.md"), "second\n");
  EXPECT_EQ(entries_in(dir.path()), 1U);
}

TEST(AtomicWrite, CreatesMissingParentDirectories) {
  testing::ScratchDir dir;
  write_file_atomically(dir / ".codeflash/pr-body-f.md", "body");
  EXPECT_EQ(testing::read_file(dir / ".codeflash/pr-body-f.md"), "body");
}

TEST(AtomicWrite, FailureNamesThePathAndKeepsTheOldContent) {
  testing::ScratchDir dir;
  write_file_atomically(dir / "blocker", "a file where a directory should be");
  try {
    write_file_atomically(dir / "blocker/child.md", "x");
    FAIL() << "expected an error";
  } catch (const std::system_error& error) {
    EXPECT_NE(std::string(error.what()).find("blocker"), std::string::npos) << error.what();
  }  // filesystem_error derives from system_error
  EXPECT_EQ(testing::read_file(dir / "blocker"), "a file where a directory should be");
  EXPECT_EQ(entries_in(dir.path()), 1U);
}

}  // namespace
}  // namespace prhost::util
