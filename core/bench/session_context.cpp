#include "bench/session_context.hpp"

#include "pytest/plugin_plan.hpp"
#include "services/process_runner.hpp"
#include "worktree/own_code_proof.hpp"

namespace prhost::bench {
namespace {

// The interpreter of a base or head checkout: the project's, proven to import
// the checkout's own code (a per-ref environment through the runner when an
// editable install points elsewhere), with only the pytest plugins the
// project needs.
SideMaker side_maker(const Session& session, const InventorySnapshot& snapshot) {
  auto plugins = std::make_shared<std::optional<std::optional<std::vector<std::string>>>>();
  return [&session, &snapshot, plugins](const worktree::Checkout& checkout, const std::vector<std::string>& modules) {
    RefSide side;
    side.sha = checkout.sha;
    side.dir = checkout.dir;
    try {
      const auto runner = session.runner();
      if (runner.adapter == nullptr || snapshot.python.empty()) throw std::runtime_error("no runner was chosen");
      auto& services = session.services_for(runner.plugin);
      const sdk::Project project{session.project_root()};
      const auto interpreter = worktree::prepare_interpreter_for_checkout(*runner.adapter, project, checkout,
                                                                          snapshot.python, modules, services);
      side.python = interpreter.python;
      side.env = interpreter.env;
      if (!plugins->has_value()) {
        const auto plan = pytest::plan_pytest_plugins(snapshot.python, session.project_root(),
                                                      {"pytest_benchmark.plugin"}, services::run_process);
        *plugins = plan ? std::optional<std::vector<std::string>>(plan->modules()) : std::nullopt;
      }
      side.plugin_modules = **plugins;
    } catch (const std::exception& error) {
      side.failure = error.what();
    }
    return side;
  };
}

}  // namespace

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
  context.repository = session.repository();
  context.make_side = side_maker(session, snapshot);
  auto& reporter = session.reporter();
  context.progress = [&reporter](const std::string& message) { reporter.progress(message); };
  return context;
}

}  // namespace prhost::bench
