#include "bench/session_context.hpp"

#include "services/process_runner.hpp"

namespace prhost::bench {

BenchContext make_context(const Session& session, const InventorySnapshot& snapshot) {
  BenchContext context;
  context.project_root = session.project_root();
  context.inventory = &snapshot.inventory;
  context.benchmarks_root = snapshot.benchmarks_root.path;
  context.handoff_text = snapshot.handoff_text;
  context.hints = session.config().benchmarks;
  context.registry = &session.registry();
  context.services_for = [&session](const std::string& plugin) -> sdk::HostServices& {
    return session.services_for(plugin);
  };
  context.python = snapshot.python;
  context.python_unavailable = snapshot.python_unavailable;
  context.run_process = services::run_process;
  // The validation run is one quick call; the compare timeout bounds it.
  context.validation_timeout = std::chrono::seconds(session.config().timeout_seconds);
  auto& reporter = session.reporter();
  context.progress = [&reporter](const std::string& message) { reporter.progress(message); };
  return context;
}

}  // namespace prhost::bench
