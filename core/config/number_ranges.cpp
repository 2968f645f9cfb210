#include "config/number_ranges.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace prhost::config {
namespace {

constexpr double kWeek = 7 * 24 * 3600;

std::string number_text(double value, bool integer) {
  return integer ? fmt::format("{}", static_cast<long long>(value)) : fmt::format("{}", value);
}

std::string with_reason(const NumberRange& range, std::string problem) {
  if (!range.reason.empty()) problem += fmt::format(" ({})", range.reason);
  return problem;
}

}  // namespace

const std::vector<NumberRange>& number_ranges() {
  static const std::vector<NumberRange> ranges{
      {"prhost.commits", "--commits", true, 1, 1'000'000, "commits read back from the head"},
      {"compare.margin-percent", "--margin", false, 0.1, 49, "a margin of 50% or more calls a 2x change no change"},
      {"compare.min-pairs", "--min-pairs", true, 5, 1000, "fewer than 5 pairs cannot reach 95% confidence"},
      {"compare.max-pairs", "--max-pairs", true, 5, 1000, ""},
      {"compare.memory-runs", "--memory-runs", true, 3, 100, "the median of fewer than 3 runs is one run"},
      {"compare.instruction-pairs", "", true, 1, 50, "each pair is two valgrind runs"},
      {"compare.timeout-seconds", "--timeout", true, 1, kWeek, "seconds, at most a week"},
      {"prepare.unit-test-timeout-seconds", "", true, 1, kWeek, "seconds, at most a week"},
      {"bench.timeout", "--timeout", true, 1, kWeek, "seconds, at most a week"},
      {"calibrate.runs", "--runs", true, 1, 1000, ""},
      {"optimization.number", "", true, 1, 1'000'000, "numbers as `prhost inventory` shows them"},
  };
  return ranges;
}

const NumberRange& number_range(std::string_view id) {
  for (const auto& range : number_ranges()) {
    if (range.id == id) return range;
  }
  throw std::logic_error(fmt::format("no number range '{}' in config/number_ranges.cpp", id));
}

std::string bounds_text(const NumberRange& range) {
  return fmt::format("at least {} and at most {}", number_text(range.min, range.integer),
                     number_text(range.max, range.integer));
}

std::optional<std::string> integer_problem(const NumberRange& range, long long value) {
  if (static_cast<double>(value) >= range.min && static_cast<double>(value) <= range.max) return std::nullopt;
  return with_reason(range, fmt::format("is out of range: it must be {}", bounds_text(range)));
}

std::optional<std::string> float_problem(const NumberRange& range, double value) {
  if (!std::isfinite(value)) return fmt::format("must be a finite number, not {}", value);
  if (value >= range.min && value <= range.max) return std::nullopt;
  return with_reason(range, fmt::format("is out of range: it must be {}", bounds_text(range)));
}

std::optional<std::string> number_problem(const NumberRange& range, std::string_view text) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (range.integer) {
    long long value = 0;
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (error == std::errc::result_out_of_range) return integer_problem(range, text.starts_with('-') ? -1 : 1LL << 62);
    if (error != std::errc() || stop != end) return std::string("must be a whole number");
    return integer_problem(range, value);
  }
  double value = 0;
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error == std::errc::result_out_of_range)
    return float_problem(range, text.starts_with('-') ? -HUGE_VAL : HUGE_VAL);
  if (error != std::errc() || stop != end) return std::string("must be a number");
  return float_problem(range, value);
}

}  // namespace prhost::config
