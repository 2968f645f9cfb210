// The report page, rendered by a real browser: headless Chromium takes a
// screenshot and the test counts the charts' colours in it, so "the page
// shows the charts" is checked on pixels, not on markup.
#include "report/html_report.hpp"

#include <gtest/gtest.h>

#include "evidence_samples.hpp"
#include "test_support.hpp"

namespace prhost::report {
namespace {

using testing::ScratchDir;

Report chart_report() {
  auto cpu = testing::ready_cpu_evidence();
  auto memory = testing::ready_cpu_evidence();
  memory.number = 2;
  memory.memory_primary = true;
  memory.compare.benchmarks[0].name = "test_benchmark_render";
  memory.compare.benchmarks[0].memory = testing::lower_memory();
  return build_report({cpu, memory}, "Xeon — 2 cores, 8 GiB RAM, Python 3.11.7, uv 0.5.4");
}

bool have(const std::string& program) { return testing::run({"sh", "-c", "command -v " + program}, ".").ok(); }

TEST(HtmlReport, IsOneSelfContainedPageWithoutScriptsOrNetwork) {
  const auto page = render_html(chart_report());
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("ready"), std::string::npos);
  EXPECT_NE(page.find("executes 14/16 changed lines"), std::string::npos) << "the evidence stands beside the charts";
}

TEST(HtmlReport, EscapesWhatTheUserWrote) {
  auto report = chart_report();
  report.rows[0].evidence.description = "<img src=x onerror=alert(1)>";
  const auto page = render_html(report);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;img"), std::string::npos);
}

TEST(HtmlReport, ChromiumShowsTheRatioDotsIntervalDistributionsAndMemoryBars) {
  const auto* chromium = "chromium";
  if (!have(chromium)) GTEST_SKIP() << "chromium is not installed (scripts/bootstrap.sh installs it)";
  ScratchDir dir;
  testing::write_file(dir / "report.html", render_html(chart_report()));
  const auto shot = dir / "report.png";
  const auto result = testing::run({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                    "--user-data-dir=" + (dir / "profile").string(), "--window-size=1400,2200",
                                    "--screenshot=" + shot.string(), "file://" + (dir / "report.html").string()},
                                   dir.path(), {{"HOME", dir.path().string()}});
  ASSERT_TRUE(std::filesystem::exists(shot)) << result.err;
  // Count pixels of each chart colour (exact RGB: SVG fills are flat).
  const auto counts =
      testing::run({"python3", "-c",
                    "import sys\nfrom PIL import Image\nimage = Image.open(sys.argv[1]).convert('RGB')\n"
                    "pixels = list(image.getdata()) if not hasattr(image, 'get_flattened_data') else "
                    "list(image.get_flattened_data())\n"
                    "for colour in sys.argv[2:]:\n"
                    "    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))\n"
                    "    print(sum(1 for p in pixels if p == rgb))\n",
                    shot.string(), chart_colour::kRatioDot, chart_colour::kBaseRound, chart_colour::kHeadRound,
                    chart_colour::kBaseMemory, chart_colour::kHeadMemory},
                   dir.path());
  ASSERT_TRUE(counts.ok()) << counts.err;
  std::istringstream lines(counts.out);
  const char* names[] = {"ratio dots", "base rounds", "head rounds", "base memory bar", "head memory bar"};
  for (const auto* name : names) {
    long pixels = 0;
    lines >> pixels;
    // 20 dots of radius 4 are ~1000 pixels; a bar is thousands. Far above
    // anti-aliasing noise, far below "the whole page".
    EXPECT_GT(pixels, 300) << name;
    EXPECT_LT(pixels, 400000) << name;
  }
}

}  // namespace
}  // namespace prhost::report
