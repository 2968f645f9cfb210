#include "cli/app.hpp"
#include "services/cancellation.hpp"

int main(int argc, char** argv) {
  // Before any thread exists, so every thread inherits the blocked signals.
  prhost::services::install_signal_handling();
  return prhost::cli::run(argc, argv);
}
