// Where human-facing progress and diagnostics go. Machine output (--json,
// tables) goes to stdout through the commands themselves; everything here goes
// to stderr, so `prhost x --json | jq` keeps working.
#pragma once

#include <string>

#include <fmt/format.h>

namespace prhost::ui {

class Reporter {
 public:
  Reporter(bool verbose, bool quiet) : verbose_(verbose), quiet_(quiet) {}

  void progress(const std::string& message) const;  // "→ message" unless quiet
  void note(const std::string& message) const;      // plain line unless quiet
  void warning(const std::string& message) const;   // always
  void error(const std::string& message) const;     // always
  void debug(const std::string& message) const;     // only with -v

  [[nodiscard]] bool verbose() const { return verbose_; }

 private:
  bool verbose_;
  bool quiet_;
};

}  // namespace prhost::ui
