#include "report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compare/markdown.hpp"
#include "pr_body/sections.hpp"

namespace prhost::report {
namespace {

constexpr double kWidth = 420;
constexpr double kHeight = 190;
constexpr double kLeft = 56;  // room for the axis labels
constexpr double kRight = 12;
constexpr double kTop = 24;
constexpr double kBottom = 28;

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Maps values in [low, high] onto the plot's vertical extent (high on top).
struct Scale {
  double low = 0.0;
  double high = 1.0;
  [[nodiscard]] double y(double value) const {
    const double span = high > low ? high - low : 1.0;
    return kTop + (high - value) / span * (kHeight - kTop - kBottom);
  }
};

Scale padded(double low, double high) {
  const double pad = std::max((high - low) * 0.08, std::fabs(high) * 0.01 + 1e-12);
  return {low - pad, high + pad};
}

std::string svg_open(const std::string& title) {
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img">)"
      R"(<title>{2}</title><rect width="{0}" height="{1}" fill="#ffffff"/>)"
      R"(<text x="{3}" y="15" font-size="12" font-family="sans-serif" fill="#212529">{2}</text>)",
      kWidth, kHeight, escaped(title), kLeft);
}

std::string axis_label(double y, const std::string& text) {
  return fmt::format(R"(<text x="{}" y="{:.1f}" font-size="10" text-anchor="end" font-family="sans-serif" )"
                     R"(fill="#495057">{}</text>)",
                     kLeft - 6, y + 3, escaped(text));
}

std::string horizontal_band(const Scale& scale, double from, double to, const char* colour, double opacity) {
  const double top = scale.y(std::max(from, to));
  const double height = std::max(2.0, scale.y(std::min(from, to)) - top);
  return fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}" fill-opacity="{}"/>)", kLeft, top,
                     kWidth - kLeft - kRight, height, colour, opacity);
}

// Axis labels fit in the left margin: "41.2 ms", "812 μs".
std::string short_time_us(double microseconds) {
  if (microseconds >= 1e6) return fmt::format("{:.2f} s", microseconds / 1e6);
  if (microseconds >= 1e3) return fmt::format("{:.1f} ms", microseconds / 1e3);
  return fmt::format("{:.0f} μs", microseconds);
}

std::string dot(double x, double y, const char* colour) {
  return fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>)", x, y, colour);
}

std::vector<double> pair_speedups(const pr_body::TimingEvidence& timing) {
  std::vector<double> speedups;
  const auto pairs = std::min(timing.base_round_ns.size(), timing.head_round_ns.size());
  for (std::size_t i = 0; i < pairs; ++i) {
    if (timing.head_round_ns[i] > 0) speedups.push_back(timing.base_round_ns[i] / timing.head_round_ns[i]);
  }
  return speedups;
}

std::string evidence_list(const pr_body::OptimizationEvidence& evidence) {
  std::string items;
  const auto lines = pr_body::test_items(evidence);
  std::size_t start = 0;
  while (start < lines.size()) {
    auto end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    const auto line = lines.substr(start, end - start);
    start = end + 1;
    const bool done = line.starts_with("- [x] ");
    const bool open = line.starts_with("- [ ] ");
    if (!done && !open) {
      if (line.starts_with("  - ")) items += "<li class=\"sub\">" + escaped(line.substr(4)) + "</li>";
      continue;
    }
    items +=
        fmt::format(R"(<li class="{}">{} {}</li>)", done ? "done" : "open", done ? "✓" : "✗", escaped(line.substr(6)));
  }
  return "<ul class=\"evidence\">" + items + "</ul>";
}

std::string charts_for(const pr_body::OptimizationEvidence& evidence) {
  std::string charts;
  for (const auto& measured : evidence.compare.benchmarks) {
    charts += "<div class=\"charts\"><h3>" + escaped(measured.name) + "</h3>";
    if (measured.timing) {
      charts += ratio_chart_svg(*measured.timing, evidence.compare.margin);
      charts += distribution_chart_svg(*measured.timing);
    }
    if (measured.memory) charts += memory_chart_svg(*measured.memory);
    charts += "</div>";
  }
  return charts;
}

const char* status_class(const Status& status) {
  switch (status.kind) {
    case Status::Kind::Ready:
      return "ready";
    case Status::Kind::Blocked:
      return "blocked";
    case Status::Kind::NeedsReview:
      break;
  }
  return "review";
}

std::string section_for(const ReportRow& row) {
  const auto& e = row.evidence;
  return fmt::format(
      R"(<section><h2>#{} {} <span class="status {}">{}</span></h2>)"
      R"(<p class="meta">{} · base <code>{}</code> → head <code>{}</code> ({}) · flags <code>{}</code>{}</p>)"
      "{}{}</section>\n",
      e.number, escaped(e.description.empty() ? e.subject : e.description), status_class(row.status),
      escaped(row.status.text()), escaped(compare_cell(e)), escaped(e.refs.base_sha.substr(0, 12)),
      escaped(e.refs.head_sha.substr(0, 12)), escaped(e.refs.origin), escaped(e.flags.empty() ? "none" : e.flags),
      e.pr_body_path.empty() ? "" : " · PR body <code>" + escaped(e.pr_body_path) + "</code>", charts_for(e),
      evidence_list(e));
}

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:24px;color:#212529;max-width:1400px}"
    "section{border-top:1px solid #dee2e6;padding:8px 0 16px}h2{font-size:18px}h3{font-size:13px;margin:4px 0}"
    ".status{font-size:13px;padding:2px 8px;border-radius:10px;color:#fff}"
    ".ready{background:#2b8a3e}.review{background:#e67700}.blocked{background:#c92a2a}"
    ".charts{display:inline-block;vertical-align:top;margin:0 12px 12px 0}.charts svg{margin-right:8px}"
    ".evidence{list-style:none;padding-left:0;font-size:13px}.evidence .open{color:#c92a2a}"
    ".evidence .sub{margin-left:24px;color:#495057}.meta{font-size:13px;color:#495057}"
    "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #dee2e6;padding:4px 8px;text-align:left}";

std::string summary_table(const Report& report) {
  std::string rows;
  for (const auto& row : report.rows) {
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", row.evidence.number,
                        escaped(row.evidence.description.empty() ? row.evidence.subject : row.evidence.description),
                        escaped(compare_cell(row.evidence)), escaped(row.status.text()));
  }
  return "<table><tr><th>#</th><th>Optimization</th><th>Compare</th><th>Status</th></tr>" + rows + "</table>";
}

}  // namespace

std::string ratio_chart_svg(const pr_body::TimingEvidence& timing, double margin) {
  const auto speedups = pair_speedups(timing);
  if (speedups.empty()) return {};
  double low = std::min({*std::min_element(speedups.begin(), speedups.end()), timing.speedup_low, 1.0 - margin});
  double high = std::max({*std::max_element(speedups.begin(), speedups.end()), timing.speedup_high, 1.0 + margin});
  const auto scale = padded(low, high);
  std::string svg = svg_open(fmt::format("speedup per paired round ({} pairs)", speedups.size()));
  svg += horizontal_band(scale, 1.0 - margin, 1.0 + margin, chart_colour::kMarginBand, 0.8);
  svg += horizontal_band(scale, timing.speedup_low, timing.speedup_high, chart_colour::kInterval, 0.35);
  svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#495057" stroke-dasharray="4 3"/>)",
                     kLeft, kWidth - kRight, scale.y(1.0), scale.y(1.0));
  svg += axis_label(scale.y(1.0), "1.00x");
  svg += axis_label(scale.y(timing.speedup), fmt::format("{:.2f}x", timing.speedup));
  const double step = (kWidth - kLeft - kRight) / static_cast<double>(speedups.size() + 1);
  for (std::size_t i = 0; i < speedups.size(); ++i) {
    svg += dot(kLeft + step * static_cast<double>(i + 1), scale.y(speedups[i]), chart_colour::kRatioDot);
  }
  svg +=
      fmt::format(R"(<text x="{}" y="{}" font-size="10" font-family="sans-serif" fill="#495057">)"
                  R"(green: {:.0f}% interval {:.2f}–{:.2f}x · grey: ±{:.0f}% margin</text>)",
                  kLeft, kHeight - 8, timing.confidence * 100, timing.speedup_low, timing.speedup_high, margin * 100);
  return svg + "</svg>";
}

std::string distribution_chart_svg(const pr_body::TimingEvidence& timing) {
  if (timing.base_round_ns.empty() || timing.head_round_ns.empty()) return {};
  const auto [base_low, base_high] = std::minmax_element(timing.base_round_ns.begin(), timing.base_round_ns.end());
  const auto [head_low, head_high] = std::minmax_element(timing.head_round_ns.begin(), timing.head_round_ns.end());
  const auto scale = padded(std::min(*base_low, *head_low) / 1e3, std::max(*base_high, *head_high) / 1e3);
  std::string svg = svg_open("round medians: base (left) and head (right)");
  const auto column = [&](const std::vector<double>& values, double centre, const char* colour) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      // A fixed spread instead of random jitter: the page is reproducible.
      const double offset = (static_cast<double>(i % 7) - 3.0) * 9.0;
      svg += dot(centre + offset, scale.y(values[i] / 1e3), colour);
    }
  };
  const double width = kWidth - kLeft - kRight;
  column(timing.base_round_ns, kLeft + width * 0.28, chart_colour::kBaseRound);
  column(timing.head_round_ns, kLeft + width * 0.72, chart_colour::kHeadRound);
  svg += axis_label(scale.y(scale.high), short_time_us(scale.high));
  svg += axis_label(scale.y(scale.low), short_time_us(scale.low));
  return svg + "</svg>";
}

std::string memory_chart_svg(const pr_body::MemoryEvidence& memory) {
  if (memory.base_peaks.empty() || memory.head_peaks.empty()) return {};
  const double top = std::max(*std::max_element(memory.base_peaks.begin(), memory.base_peaks.end()),
                              *std::max_element(memory.head_peaks.begin(), memory.head_peaks.end()));
  const Scale scale{0.0, top * 1.1};
  std::string svg = svg_open("peak memory per side (" + memory.backend + "), ticks: single runs");
  const double width = kWidth - kLeft - kRight;
  const auto bar = [&](double median, const std::vector<double>& runs, double centre, const char* colour,
                       const char* label) {
    const double y = scale.y(median);
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="70" height="{:.1f}" fill="{}"/>)", centre - 35, y,
                       scale.y(0) - y, colour);
    for (const double run : runs) {
      svg += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="#212529"/>)", centre - 40,
                         centre + 40, scale.y(run), scale.y(run));
    }
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="10" text-anchor="middle" font-family="sans-serif">)"
                       "{} {}</text>",
                       centre, kHeight - 10, label, escaped(compare::markdown::format_bytes(median)));
  };
  bar(memory.base_peak_bytes, memory.base_peaks, kLeft + width * 0.28, chart_colour::kBaseMemory, "base");
  bar(memory.head_peak_bytes, memory.head_peaks, kLeft + width * 0.72, chart_colour::kHeadMemory, "head");
  return svg + "</svg>";
}

std::string render_html(const Report& report) {
  std::string sections;
  for (const auto& row : report.rows) sections += section_for(row);
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>prhost report</title>"
      "<style>{}</style></head>\n<body><h1>prhost report</h1><p class=\"meta\">Measured on "
      "{}.</p>{}\n{}</body></html>\n",
      kStyle, escaped(report.platform.empty() ? "an unknown machine" : report.platform), summary_table(report),
      sections);
}

}  // namespace prhost::report
