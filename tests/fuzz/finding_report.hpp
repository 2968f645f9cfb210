// What the fuzz loop leaves behind when it finds something: the input that
// did it, saved to a file named in the failure message so it can be replayed
// (`prhost_fuzz --target NAME --replay FILE`). A crash is caught by a signal
// handler, a hang by a watchdog thread; both save the current input first.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace prhost::fuzz {

struct FindingReport {
  std::filesystem::path directory;  // where inputs that found something are saved
  std::string target;
  std::chrono::milliseconds per_input_limit{2000};
};

// Installs the crash handlers and starts the watchdog. Call once.
void arm_finding_report(const FindingReport& report);

// The input about to run (kept until the next call); `iteration` names it.
void set_current_input(std::string_view input, long long iteration);
// The current input returned: the watchdog stops timing it.
void current_input_done();

// Saves the current input and returns the file's path (for a non-crash finding).
std::filesystem::path save_current_input(std::string_view why);

}  // namespace prhost::fuzz
