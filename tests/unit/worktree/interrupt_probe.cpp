// A tiny prhost-like program for the signal tests: it installs prhost's signal
// handling, checks out refs of the repository in argv[1], prints
// "ready <checkout root>" and runs `sleep 30` through run_process. A SIGINT or
// SIGTERM must kill `sleep`, unwind (removing the checkouts) and exit 130.
//
// usage: worktree_interrupt_probe <repo> <ref>...
#include <cstdio>
#include <iostream>

#include "git/repository.hpp"
#include "services/cancellation.hpp"
#include "services/process_runner.hpp"
#include "worktree/ref_checkout.hpp"

int main(int argc, char** argv) {
  // First, before any thread exists (see cancellation.hpp).
  prhost::services::install_signal_handling();
  if (argc < 3) {
    std::cerr << "usage: worktree_interrupt_probe <repo> <ref>...\n";
    return 2;
  }
  try {
    const auto repository = prhost::git::Repository::open(argv[1]);
    const prhost::worktree::CheckoutSet checkouts(repository, std::vector<std::string>(argv + 2, argv + argc));
    std::cout << "ready " << checkouts.root().string() << std::endl;
    prhost::sdk::ProcessRequest request;
    request.argv = {"sleep", "30"};
    request.cwd = checkouts.checkouts().front().dir;
    const auto result = prhost::services::run_process(request);
    std::cout << "sleep finished with " << result.exit_code << std::endl;
    return 0;
  } catch (const prhost::services::Interrupted& interrupted) {
    std::cerr << interrupted.what() << "\n";
    return 130;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
}
