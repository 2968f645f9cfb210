// Phase 5's judgement: ready / needs review (why) / blocked (why) for one
// optimization, from its evidence alone. The rules are a table (status.cpp),
// checked in order; an optimization is `ready` only when every one passes —
// unit tests pass at head, a working benchmark, a decided improvement of the
// metric the change is about, the own-code proof, the changed lines reached
// and the same results at base and head. Anything not measured keeps it from
// `ready` and says so.
#pragma once

#include <string>
#include <vector>

#include "pr_body/evidence.hpp"

namespace prhost::report {

struct Status {
  enum class Kind { Ready, NeedsReview, Blocked };
  Kind kind = Kind::Ready;
  std::vector<std::string> reasons;         // of `kind` (empty when ready)
  std::vector<std::string> review_reasons;  // needs-review reasons also present under a blocker

  // "ready", "needs review (a; b)", "blocked (a)"
  [[nodiscard]] std::string text() const;
  // "ready", "needs review", "blocked"
  [[nodiscard]] std::string id() const;
};

Status decide_status(const pr_body::OptimizationEvidence& evidence);

// "tests/test_x.py::test_y" from pytest's "FAILED tests/test_x.py::test_y - AssertionError…"
// (a collection error names only its file).
std::string failing_test_id(const std::string& first_failure);

}  // namespace prhost::report
