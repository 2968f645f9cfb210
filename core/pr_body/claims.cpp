#include "pr_body/claims.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "prhost/sdk/helpers/text.hpp"

namespace prhost::pr_body {
namespace {

// "2.1x faster", "2.1× speed-up", "speedup of 2.1x", "2.10x" followed by faster.
const RE2& speedup_after() {
  static const RE2 pattern(R"((?i)(\d+(?:\.\d+)?)\s?(?:x|×)\s*(?:faster|speed-?up|quicker))");
  return pattern;
}
const RE2& speedup_before() {
  static const RE2 pattern(R"((?i)(?:speed-?up|faster)(?:\s+of|\s+by)?\s+(\d+(?:\.\d+)?)\s?(?:x|×))");
  return pattern;
}
// "peak memory −60%", "memory -42.5%", "RSS down 30%".
const RE2& memory_signed() {
  static const RE2 pattern(
      R"((?i)(?:peak\s+)?(?:memory|ram|rss|heap)(?:\s+usage)?\s*(?:(down|reduced\s+by|drops?\s+by|cut\s+by)\s+)?(−|–|-|\+)?\s?(\d+(?:\.\d+)?)\s?%)");
  return pattern;
}
// "60% less memory", "40% lower peak memory".
const RE2& memory_less() {
  static const RE2 pattern(R"((?i)(\d+(?:\.\d+)?)\s?%\s+(?:less|lower|smaller)\s+(?:peak\s+)?(?:memory|ram|rss|heap))");
  return pattern;
}

struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  Claim claim;
};

std::vector<Match> find_all(std::string_view text) {
  std::vector<Match> matches;
  const auto scan = [&](const RE2& pattern, auto&& to_claim) {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece groups[4];
    const int count = std::min(pattern.NumberOfCapturingGroups() + 1, 4);
    std::size_t at = 0;
    while (at <= text.size() && pattern.Match(input, at, text.size(), RE2::UNANCHORED, groups, count)) {
      Match match;
      match.begin = static_cast<std::size_t>(groups[0].data() - text.data());
      match.end = match.begin + groups[0].size();
      match.claim = to_claim(groups);
      match.claim.text = std::string(groups[0].data(), groups[0].size());
      matches.push_back(std::move(match));
      at = std::max(matches.back().end, at + 1);
    }
  };
  const auto number = [](const re2::StringPiece& piece) { return std::strtod(std::string(piece).c_str(), nullptr); };
  scan(speedup_after(), [&](const re2::StringPiece* g) { return Claim{Claim::Kind::Speedup, number(g[1])}; });
  scan(speedup_before(), [&](const re2::StringPiece* g) { return Claim{Claim::Kind::Speedup, number(g[1])}; });
  scan(memory_signed(), [&](const re2::StringPiece* g) {
    const bool lower = !g[1].empty() || (!g[2].empty() && g[2] != "+");
    return Claim{Claim::Kind::MemoryFraction, (lower ? -1.0 : 1.0) * number(g[3]) / 100.0};
  });
  scan(memory_less(), [&](const re2::StringPiece* g) {
    return Claim{Claim::Kind::MemoryFraction, -number(g[1]) / 100.0};
  });
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.begin < b.begin; });
  // Overlapping matches of two patterns describe one claim: keep the first.
  std::vector<Match> distinct;
  for (auto& match : matches) {
    if (distinct.empty() || match.begin >= distinct.back().end) distinct.push_back(std::move(match));
  }
  return distinct;
}

// A quantity with its unit ("41.2ms", "120 MiB") in a common base unit.
struct Quantity {
  double value = 0.0;
  bool is_time = false;
};

std::optional<Quantity> parse_quantity(const std::string& cell) {
  static const RE2 pattern(R"((?i)^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|μs|ms|s|b|kb|kib|mb|mib|gb|gib)\s*$)");
  std::string number;
  std::string unit;
  if (!RE2::FullMatch(cell, pattern, &number, &unit)) return std::nullopt;
  unit = sdk::helpers::to_lower(unit);
  const double value = std::strtod(number.c_str(), nullptr);
  static const std::vector<std::pair<std::string, std::pair<double, bool>>> units{
      {"ns", {1e-9, true}},          {"us", {1e-6, true}}, {"µs", {1e-6, true}},        {"μs", {1e-6, true}},
      {"ms", {1e-3, true}},          {"s", {1.0, true}},   {"b", {1.0, false}},         {"kb", {1e3, false}},
      {"kib", {1024.0, false}},      {"mb", {1e6, false}}, {"mib", {1048576.0, false}}, {"gb", {1e9, false}},
      {"gib", {1073741824.0, false}}};
  for (const auto& [name, scale] : units) {
    if (name == unit) return Quantity{value * scale.first, scale.second};
  }
  return std::nullopt;
}

std::string speedup_text(double value) { return fmt::format("{:.2f}x", value); }
std::string percent_text(double fraction) {
  return fmt::format("{}{:.1f}%", fraction < 0 ? "−" : "+", std::fabs(fraction) * 100.0);
}

}  // namespace

std::vector<Claim> claims_in_text(std::string_view text, const std::string& where) {
  std::vector<Claim> claims;
  for (auto& match : find_all(text)) {
    match.claim.where = where;
    claims.push_back(std::move(match.claim));
  }
  return claims;
}

std::optional<Claim> claim_from_results_row(const inventory::ResultsRow& row, const std::string& where) {
  const auto before = parse_quantity(row.before);
  const auto after = parse_quantity(row.after);
  if (!before || !after || before->is_time != after->is_time || before->value <= 0 || after->value <= 0) {
    return std::nullopt;
  }
  Claim claim;
  claim.where = where;
  claim.text = row.before + " → " + row.after;
  if (before->is_time) {
    claim.kind = Claim::Kind::Speedup;
    claim.value = before->value / after->value;
  } else {
    claim.kind = Claim::Kind::MemoryFraction;
    claim.value = after->value / before->value - 1.0;
  }
  return claim;
}

ClaimCheck check_claim(const Claim& claim, const std::vector<BenchmarkMeasurement>& measured) {
  ClaimCheck check;
  check.claim = claim;
  for (const auto& benchmark : measured) {
    if (claim.kind == Claim::Kind::Speedup && benchmark.timing) {
      const auto& timing = *benchmark.timing;
      check.measured = fmt::format("{} ({}–{})", speedup_text(timing.speedup), speedup_text(timing.speedup_low),
                                   speedup_text(timing.speedup_high));
      const bool inside = claim.value >= timing.speedup_low && claim.value <= timing.speedup_high;
      check.verdict = inside ? ClaimCheck::Verdict::Inside : ClaimCheck::Verdict::Outside;
      return check;
    }
    if (claim.kind == Claim::Kind::MemoryFraction && benchmark.memory && !benchmark.memory->base_peaks.empty() &&
        !benchmark.memory->head_peaks.empty()) {
      const auto& memory = *benchmark.memory;
      const auto [base_low, base_high] = std::minmax_element(memory.base_peaks.begin(), memory.base_peaks.end());
      const auto [head_low, head_high] = std::minmax_element(memory.head_peaks.begin(), memory.head_peaks.end());
      if (*base_low <= 0.0) {
        // A run with no peak at base (the call allocated too little to be
        // traced): a fraction of it would be nan, not a measurement.
        check.measured = "peak 0 B in a base run: no relative change to compare";
        return check;
      }
      // The range every pairing of runs allows: the memory verdict has no
      // confidence interval, the runs' spread is the honest bound.
      const double low = *head_low / *base_high - 1.0;
      const double high = *head_high / *base_low - 1.0;
      check.measured = fmt::format("{} ({} to {} over the runs)", percent_text(memory.delta_fraction),
                                   percent_text(low), percent_text(high));
      const bool inside = claim.value >= low - 1e-9 && claim.value <= high + 1e-9;
      check.verdict = inside ? ClaimCheck::Verdict::Inside : ClaimCheck::Verdict::Outside;
      return check;
    }
  }
  check.measured = "not measured";
  return check;
}

std::string without_claims(std::string_view text) {
  const auto matches = find_all(text);
  if (matches.empty()) return std::string(text);
  const std::string_view before = text.substr(0, matches.front().begin);
  // Cut at the last clause separator before the first claim.
  std::size_t cut = std::string_view::npos;
  for (const std::string_view separator : {" — ", " – ", " - ", "; ", ", ", " ("}) {
    const auto at = before.rfind(separator);
    if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) cut = at;
  }
  std::string kept = cut == std::string_view::npos ? std::string(before) + std::string(text.substr(matches.front().end))
                                                   : std::string(before.substr(0, cut));
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == ':' || kept.back() == ',')) kept.pop_back();
  return kept;
}

}  // namespace prhost::pr_body
