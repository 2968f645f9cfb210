// Where human-facing progress and diagnostics go. Machine output (--json,
// tables) goes to stdout through the commands themselves; everything here goes
// to stderr, so `prhost x --json | jq` keeps working.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <fmt/format.h>

namespace prhost::ui {

class Reporter {
 public:
  // Receives each finished line (no newline) instead of stderr.
  using Sink = std::function<void(const std::string& line)>;

  Reporter(bool verbose, bool quiet) : verbose_(verbose), quiet_(quiet), sink_(std::make_shared<Sink>()) {}

  void progress(const std::string& message) const;  // "→ message" unless quiet
  void note(const std::string& message) const;      // plain line unless quiet
  void warning(const std::string& message) const;   // always
  void error(const std::string& message) const;     // always
  void debug(const std::string& message) const;     // only with -v

  [[nodiscard]] bool verbose() const { return verbose_; }
  [[nodiscard]] bool quiet() const { return quiet_; }

  // Routes every line through `sink` (an empty one restores stderr): a live
  // status line on a terminal (prepare's progress) keeps other lines above it.
  void set_sink(Sink sink) const { *sink_ = std::move(sink); }

 private:
  void emit(const std::string& line) const;
  bool verbose_;
  bool quiet_;
  std::shared_ptr<Sink> sink_;  // shared: set through a const Reporter&
};

}  // namespace prhost::ui
