#include "pr_body/platform.hpp"

#include <gtest/gtest.h>

namespace prhost::pr_body {
namespace {

TEST(Platform, ReadsTheCpuModelAndRamFromProcFiles) {
  EXPECT_EQ(cpu_model_from_cpuinfo("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ "
                                   "2.20GHz\nprocessor\t: 1\nmodel name\t: other\n"),
            "Intel(R) Xeon(R) CPU @ 2.20GHz");
  EXPECT_EQ(cpu_model_from_cpuinfo("processor : 0\nHardware : BCM2835\n"), "BCM2835");
  EXPECT_EQ(cpu_model_from_cpuinfo(""), "");
  EXPECT_NEAR(ram_gib_from_meminfo("MemTotal:       16307480 kB\nMemFree: 1 kB\n"), 15.55, 0.01);
}

TEST(Platform, RunnerVersionFromWhatEachToolPrints) {
  EXPECT_EQ(runner_with_version("uv", "uv 0.5.4 (c8e6f7f 2024-11-20)"), "uv 0.5.4");
  EXPECT_EQ(runner_with_version("poetry", "Poetry (version 1.8.3)"), "poetry 1.8.3");
  EXPECT_EQ(runner_with_version("pip", "pip 23.2.1 from /x/site-packages/pip (python 3.11)"), "pip 23.2.1");
  EXPECT_EQ(runner_with_version("pip", ""), "pip");
}

TEST(Platform, LineHasTheSeedsShape) {
  Platform platform{"Apple M3", 8, 24.0, "3.12.13", "uv 0.5.4"};
  EXPECT_EQ(platform.line(), "Apple M3 — 8 cores, 24 GiB RAM, Python 3.12.13, uv 0.5.4");
  platform.ram_gib = 7.8;
  platform.python_version.clear();
  EXPECT_EQ(platform.line(), "Apple M3 — 8 cores, 7.8 GiB RAM, Python unknown, uv 0.5.4");
}

TEST(Platform, ThisMachineHasACpuAndMemory) {
  const auto platform = machine_platform();
  EXPECT_GT(platform.cores, 0);
  EXPECT_GT(platform.ram_gib, 0.1);
}

}  // namespace
}  // namespace prhost::pr_body
