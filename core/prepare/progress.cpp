#include "prepare/progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace prhost::prepare {
namespace {

std::string clock_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

Progress::Progress(const ui::Reporter& reporter, bool terminal) : reporter_(reporter), terminal_(terminal) {
  if (terminal_) reporter_.set_sink([this](const std::string& text) { line(text); });
}

Progress::~Progress() {
  if (!terminal_) return;
  clear();
  reporter_.set_sink({});
}

std::string Progress::eta_text(double seconds_per_pair, int pairs_to_next_look, int pairs_to_max, int comparisons_left,
                               int min_pairs) {
  if (seconds_per_pair <= 0) return "ETA unknown";
  // Most comparisons stop at their first look; the bound assumes none does.
  const double likely = seconds_per_pair * (pairs_to_next_look + comparisons_left * (min_pairs + 1));
  const double bound = seconds_per_pair * (pairs_to_max + comparisons_left * (min_pairs * 4 + 1));
  return fmt::format("ETA {} (at most {})", clock_text(likely), clock_text(bound));
}

void Progress::phase(const std::string& name) {
  phase_ = name;
  step_.clear();
  rounds_.clear();
  if (terminal_) {
    draw();
  } else if (!reporter_.quiet()) {
    fmt::print(stderr, "== {}\n", name);
  }
}

void Progress::step(int index, int total, const std::string& label) {
  step_ = fmt::format("{}/{} {}", index, total, label);
  rounds_.clear();
  last_done_ = 0;
  pairs_started_ = std::chrono::steady_clock::now();
  if (terminal_) {
    draw();
  } else if (!reporter_.quiet()) {
    fmt::print(stderr, "== {} {}\n", phase_, step_);
  }
}

void Progress::pairs(int done, int next_look, int max_pairs, int comparisons_left, int min_pairs) {
  const auto now = std::chrono::steady_clock::now();
  if (done > last_done_) {
    const double seconds = std::chrono::duration<double>(now - pairs_started_).count();
    // The first pair of each comparison also pays for calibration and warm-up;
    // fold it in anyway: it is real time the user waits.
    seconds_per_pair_ = (seconds_per_pair_ * pairs_measured_ + seconds) / (pairs_measured_ + (done - last_done_));
    pairs_measured_ += done - last_done_;
    last_done_ = done;
    pairs_started_ = now;
  }
  rounds_ = fmt::format("{}/{} rounds · {}", 2 * done, 2 * next_look,
                        eta_text(seconds_per_pair_, next_look - done, max_pairs - done, comparisons_left, min_pairs));
  if (terminal_) draw();  // a pipe gets compare's own line per look instead
}

void Progress::line(const std::string& text) {
  if (!terminal_) {
    fmt::print(stderr, "{}\n", text);
    return;
  }
  clear();
  fmt::print(stderr, "{}\n", text);
  draw();
}

void Progress::clear() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

void Progress::draw() {
  if (reporter_.quiet()) return;
  std::string status = "prepare: " + phase_;
  if (!step_.empty()) status += " · " + step_;
  if (!rounds_.empty()) status += " · " + rounds_;
  constexpr std::size_t kWidth = 118;  // keep it on one line on a normal terminal
  if (status.size() > kWidth) {
    auto cut = kWidth;  // never inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(status[cut]) & 0xC0) == 0x80) --cut;
    status.resize(cut);
  }
  fmt::print(stderr, "\r\033[K{}", status);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace prhost::prepare
