#include "services/exit_status.hpp"

#include <chrono>

#include "util/signal_name.hpp"

namespace prhost::services {

std::string describe_exit(const sdk::ProcessResult& result) {
  if (result.failed_to_start) return "could not be started: " + result.err;
  if (result.timed_out) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(result.elapsed).count();
    return "timed out after " + std::to_string(seconds) + " s";
  }
  if (result.signal != 0) {
    return "killed by " + util::signal_name(result.signal) + " (signal " + std::to_string(result.signal) + ")";
  }
  return "exit code " + std::to_string(result.exit_code);
}

}  // namespace prhost::services
