// `prhost report --html FILE`: the report as one self-contained page —
// inline CSS and SVG, no network, no JavaScript — that a reviewer can open
// from a CI artifact. Per optimization: the paired per-round speedups as dots
// with the confidence interval and the ±margin band, base and head round
// times side by side, peak memory as bars, and beside them the status and
// the evidence lines the PR body carries.
#pragma once

#include <string>

#include "report/report.hpp"

namespace prhost::report {

// Colours the charts use, named so the page test can look for them.
namespace chart_colour {
inline constexpr const char* kRatioDot = "#3b5bdb";
inline constexpr const char* kInterval = "#2f9e44";
inline constexpr const char* kMarginBand = "#ced4da";
inline constexpr const char* kBaseRound = "#e8590c";
inline constexpr const char* kHeadRound = "#1098ad";
inline constexpr const char* kBaseMemory = "#9c36b5";
inline constexpr const char* kHeadMemory = "#f59f00";
}  // namespace chart_colour

std::string render_html(const Report& report);

// SVG of one benchmark's paired speedups (base/head per pair) with the
// interval and the margin band; empty when there are no rounds.
std::string ratio_chart_svg(const pr_body::TimingEvidence& timing, double margin);
// SVG of base and head round medians side by side.
std::string distribution_chart_svg(const pr_body::TimingEvidence& timing);
// SVG of the median peak of each side as bars, each run as a tick.
std::string memory_chart_svg(const pr_body::MemoryEvidence& memory);

}  // namespace prhost::report
