// Progress of a prepare run on stderr. On a terminal: a live status line at
// the bottom — phase, optimization i/N, rounds done and an ETA from the
// rounds so far — with every other message printed above it. In a pipe (or a
// CI log): plain lines only, one per step, never a carriage return.
#pragma once

#include <chrono>
#include <string>

#include "ui/reporter.hpp"

namespace prhost::prepare {

class Progress {
 public:
  // Routes `reporter`'s lines through this display while it lives.
  Progress(const ui::Reporter& reporter, bool terminal);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void phase(const std::string& name);
  // `index` is 1-based; `total` the number of steps of the current phase.
  void step(int index, int total, const std::string& label);
  // Compare: after each paired round. `comparisons_left` counts the ones
  // after the current, for the ETA; `min_pairs` is their likely length.
  void pairs(int done, int next_look, int max_pairs, int comparisons_left, int min_pairs);
  void line(const std::string& text);

  // "ETA 0:35 (at most 2:10)" from the seconds per round seen so far.
  [[nodiscard]] static std::string eta_text(double seconds_per_pair, int pairs_to_next_look, int pairs_to_max,
                                            int comparisons_left, int min_pairs);

 private:
  void draw();
  void clear();
  const ui::Reporter& reporter_;
  bool terminal_;
  bool drawn_ = false;
  std::string phase_;
  std::string step_;
  std::string rounds_;
  std::chrono::steady_clock::time_point pairs_started_;
  int last_done_ = 0;
  double seconds_per_pair_ = 0.0;
  int pairs_measured_ = 0;
};

}  // namespace prhost::prepare
