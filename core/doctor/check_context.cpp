#include "doctor/check_context.hpp"

#include "plugin_host/guarded_call.hpp"
#include "pytest/benchmarks_root.hpp"

namespace prhost::doctor {
namespace {

// What the chosen runner finds of the environment, without creating it. A
// runner without an environment query (a 2.1 plugin) leaves it unknown.
sdk::RunnerEnvironment query_environment(const Session& session, const std::string& runner_id) {
  const auto* query = session.registry().environment_query(runner_id);
  if (query == nullptr) {
    sdk::RunnerEnvironment unknown;
    unknown.missing_reason = "runner '" + runner_id + "' does not say where its environment is (no environment query)";
    return unknown;
  }
  const sdk::Project project{session.project_root()};
  return plugin_host::guarded_call(query->origin, "looking for the project's environment", [&] {
    return query->value.query(project, session.services_for(query->origin.plugin));
  });
}

}  // namespace

sdk::CheckContext project_context(const Session& session, const std::string& backend) {
  sdk::CheckContext context;
  context.project.root = session.project_root();
  context.backend = backend;
  try {
    context.benchmarks_root = pytest::benchmarks_root(session.project_root(), session.config());
  } catch (const std::exception&) {
    // A malformed pyproject.toml: the benchmarks-root check names file:line:column.
  }
  try {
    const auto runner = session.runner();
    context.runner_id = runner.id;
    context.environment = query_environment(session, runner.id);
  } catch (const std::exception& error) {
    context.environment.missing_reason = error.what();
  }
  // Only the environment's own interpreter, started directly: `uv run` or
  // `poetry run` could create or sync an environment while a check looks.
  if (context.environment.found) context.python = context.environment.python;
  return context;
}

sdk::CheckContext target_context(const sdk::CheckContext& base, const DoctorTarget& target) {
  sdk::CheckContext context = base;
  context.base_ref = target.base_ref;
  context.head_ref = target.head_ref;
  context.benchmark_files = target.benchmark_files;
  context.memory = target.memory;
  context.domains = target.domains;
  context.optimizations = target.optimizations;
  return context;
}

}  // namespace prhost::doctor
