// What the validation runs prove, in the words the PR body uses: how many of
// the target's changed lines the benchmark executes at head, and whether base
// and head returned the same result for the same input.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "git/history.hpp"

namespace prhost::bench {

struct LineCoverage {
  std::string file;
  int changed = 0;           // changed lines of the target (its def .. end, head side)
  int executed = 0;          // of those, the ones the benchmark ran
  std::string changed_text;  // "L12–L30"
  [[nodiscard]] bool reaches() const { return changed == 0 || executed > 0; }
};

// `changed` restricted to [first, last] (the target's lines), then counted
// against `executed`. Blank and comment-only lines never execute, so they are
// left out when `source` (the file's text at head) is given.
LineCoverage changed_line_coverage(const std::string& file, const std::vector<git::LineRange>& changed, int first,
                                   int last, const std::set<int>& executed, const std::string& source = {});

// "L12–L30, L41"
std::string ranges_text(const std::set<int>& lines);

struct Equivalence {
  enum class Status { NotChecked, Same, Different, NotComparable };
  Status status = Status::NotChecked;
  std::string how;   // "same result at base and head (list of 3 items)", or why not comparable
  std::string base;  // shortened fingerprints, for Different
  std::string head;
};

// Compares the probe's fingerprints: floats within a relative 1e-9 (absolute
// 1e-12), unordered containers as sorted (the probe sorts them), objects by
// their attributes; an {"opaque": type} anywhere makes the pair "not
// comparable" unless the rest already differs.
Equivalence compare_fingerprints(const nlohmann::json& base, const nlohmann::json& head);

// A benchmark whose untraced call says it measures nothing the change did:
// faster than a microsecond (an empty input, a cached result, an early
// return), or, when the change's compare measures memory, a call that
// allocates (almost) nothing (a mock that allocates nothing, a tiny input).
inline constexpr long long kImplausibleCallNs = 1000;
inline constexpr long long kImplausiblePeakBytes = 1024;

struct Implausibility {
  std::string cause;  // "it finishes in 0.12 µs per call: ..."
  std::string fix;
  bool too_fast = false;  // else: allocates nothing
};

// Memory first: a memory benchmark that allocates nothing is wrong however
// long it takes. Unknown numbers (the call could not be repeated) flag nothing.
std::optional<Implausibility> implausible_measurement(std::optional<long long> call_ns,
                                                      std::optional<long long> peak_bytes, bool measures_memory);

// A fingerprint as short text for a message (at most `limit` characters).
std::string shorten(const nlohmann::json& fingerprint, std::size_t limit = 160);

}  // namespace prhost::bench
