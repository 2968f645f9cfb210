#include "bench/run_evidence.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace prhost::bench {
namespace {

using nlohmann::json;

// Lines that hold code: not blank, not only a comment.
std::set<int> code_lines(const std::string& source) {
  std::set<int> lines;
  int number = 1;
  std::size_t start = 0;
  while (start <= source.size()) {
    auto end = source.find('\n', start);
    if (end == std::string::npos) end = source.size();
    const auto first = source.find_first_not_of(" \t\r", start);
    if (first != std::string::npos && first < end && source[first] != '#') lines.insert(number);
    ++number;
    start = end + 1;
  }
  return lines;
}

struct Walk {
  bool opaque = false;
  std::string where;  // first difference
};

bool same(const json& a, const json& b, Walk& walk, const std::string& path);

bool same_float(const json& a, const json& b) {
  if (!a.is_number() || !b.is_number()) return a == b;  // "nan", "inf" as text
  const double x = a.get<double>(), y = b.get<double>();
  return std::fabs(x - y) <= std::max(1e-12, 1e-9 * std::max(std::fabs(x), std::fabs(y)));
}

bool same_object(const json& a, const json& b, Walk& walk, const std::string& path) {
  if (a.contains("opaque") || b.contains("opaque")) {
    if (a.value("opaque", std::string("?")) != b.value("opaque", std::string("!"))) {
      walk.where = path;
      return false;
    }
    walk.opaque = true;
    return true;
  }
  if (a.size() == 1 && a.contains("float") && b.size() == 1 && b.contains("float")) {
    if (same_float(a["float"], b["float"])) return true;
    walk.where = path;
    return false;
  }
  for (const auto& [key, value] : a.items()) {
    if (key == "type") continue;  // the class may move or be renamed by the change; its content is what counts
    if (!b.contains(key) || !same(value, b[key], walk, path + "." + key)) {
      if (walk.where.empty()) walk.where = path + "." + key;
      return false;
    }
  }
  for (const auto& [key, value] : b.items()) {
    if (key != "type" && !a.contains(key)) {
      walk.where = path + "." + key;
      return false;
    }
  }
  return true;
}

bool same(const json& a, const json& b, Walk& walk, const std::string& path) {
  if (a.is_object() && b.is_object()) return same_object(a, b, walk, path);
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) {
      walk.where = fmt::format("{} ({} vs {} items)", path, a.size(), b.size());
      return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i], walk, fmt::format("{}[{}]", path, i))) return false;
    }
    return true;
  }
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() || b.is_number_float()) return same_float(a, b);
  }
  if (a != b) {
    walk.where = path;
    return false;
  }
  return true;
}

std::string describe(const json& value) {
  if (value.is_array()) return fmt::format("a list of {} items", value.size());
  if (value.is_object()) {
    for (const char* tag : {"tuple", "list", "iter", "unordered", "dict"}) {
      if (value.contains(tag) && value[tag].is_array()) return fmt::format("{} of {} items", tag, value[tag].size());
    }
    if (value.contains("type")) return value["type"].get<std::string>();
  }
  if (value.is_null()) return "None";
  return shorten(value, 40);
}

}  // namespace

std::string ranges_text(const std::set<int>& lines) {
  std::string out;
  auto it = lines.begin();
  while (it != lines.end()) {
    const int start = *it;
    int end = start;
    for (++it; it != lines.end() && *it == end + 1; ++it) end = *it;
    out += (out.empty() ? "" : ", ") + (start == end ? fmt::format("L{}", start) : fmt::format("L{}–L{}", start, end));
  }
  return out;
}

LineCoverage changed_line_coverage(const std::string& file, const std::vector<git::LineRange>& changed, int first,
                                   int last, const std::set<int>& executed, const std::string& source) {
  LineCoverage coverage;
  coverage.file = file;
  const auto code = source.empty() ? std::set<int>{} : code_lines(source);
  std::set<int> lines;
  for (const auto& range : changed) {
    for (int line = std::max(range.start, first); line <= std::min(range.end, last); ++line) {
      if (code.empty() || code.contains(line)) lines.insert(line);
    }
  }
  coverage.changed = static_cast<int>(lines.size());
  for (const int line : lines) coverage.executed += executed.contains(line) ? 1 : 0;
  coverage.changed_text = ranges_text(lines);
  return coverage;
}

std::optional<Implausibility> implausible_measurement(std::optional<long long> call_ns,
                                                      std::optional<long long> peak_bytes, bool measures_memory) {
  if (measures_memory && peak_bytes && *peak_bytes < kImplausiblePeakBytes) {
    return Implausibility{
        fmt::format("it allocates nothing measurable (one call's peak is {} B), so a memory comparison would "
                    "measure nothing the change did",
                    *peak_bytes),
        "give it an input of production size, and mocks that allocate what the real dependency does"};
  }
  if (call_ns && *call_ns < kImplausibleCallNs) {
    return Implausibility{fmt::format("it finishes in {:.2f} µs per call: too fast to be doing the work the change "
                                      "touches (an empty input, a cached result, an early return?)",
                                      static_cast<double>(*call_ns) / 1000.0),
                          "give it a realistic input that takes the changed path at production size", true};
  }
  return std::nullopt;
}

std::string shorten(const json& fingerprint, std::size_t limit) {
  auto text = fingerprint.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > limit) text = text.substr(0, limit - 3) + "...";
  return text;
}

Equivalence compare_fingerprints(const json& base, const json& head) {
  Equivalence result;
  Walk walk;
  if (!same(base, head, walk, "result")) {
    result.status = Equivalence::Status::Different;
    result.how = "differs at " + walk.where;
    result.base = shorten(base);
    result.head = shorten(head);
    return result;
  }
  if (walk.opaque) {
    result.status = Equivalence::Status::NotComparable;
    result.how = "not comparable: the result holds objects without attributes or a value-like repr";
    return result;
  }
  result.status = Equivalence::Status::Same;
  result.how = "same result at base and head (" + describe(head) + ")";
  return result;
}

}  // namespace prhost::bench
