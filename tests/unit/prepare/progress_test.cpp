#include "prepare/progress.hpp"

#include <gtest/gtest.h>

namespace prhost::prepare {
namespace {

TEST(Progress, EtaComesFromTheSecondsPerPairSoFar) {
  // 2 s a pair, 6 pairs to the next look, 2 more comparisons of ~10 pairs.
  EXPECT_EQ(Progress::eta_text(2.0, 6, 36, 2, 10), "ETA 0:56 (at most 3:56)");
  EXPECT_EQ(Progress::eta_text(0.0, 6, 36, 2, 10), "ETA unknown");
  EXPECT_EQ(Progress::eta_text(100.0, 30, 30, 0, 10), "ETA 50:00 (at most 50:00)");
  EXPECT_EQ(Progress::eta_text(400.0, 30, 30, 0, 10), "ETA 3:20:00 (at most 3:20:00)");
}

TEST(Progress, InAPipeItLeavesTheReporterAlone) {
  ui::Reporter reporter(false, true);
  {
    Progress progress(reporter, /*terminal=*/false);
    progress.phase("compare");
    progress.pairs(3, 10, 40, 0, 10);
  }
  SUCCEED();
}

}  // namespace
}  // namespace prhost::prepare
