#include <gtest/gtest.h>

#include "test_support.hpp"
#include "util/read_file.hpp"

namespace prhost::util {
namespace {

TEST(ReadTextFile, ReturnsTheBytesOfARegularFile) {
  testing::ScratchDir dir;
  testing::write_file(dir / "a.txt", std::string("line\n\0binary", 12));
  EXPECT_EQ(read_text_file(dir / "a.txt"), std::string("line\n\0binary", 12));
}

TEST(ReadTextFile, MissingFileAndDirectoryAreNothing) {
  testing::ScratchDir dir;
  EXPECT_FALSE(read_text_file(dir / "missing.txt"));
  EXPECT_FALSE(read_text_file(dir.path()));
}

}  // namespace
}  // namespace prhost::util
