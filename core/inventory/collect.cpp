#include "inventory/collect.hpp"

#include <fmt/format.h>

#include <set>

#include "inventory/benchmark_presence.hpp"
#include "inventory/domain_words.hpp"
#include "inventory/inventory_builder.hpp"
#include "inventory/inventory_enricher.hpp"
#include "inventory/pr_status.hpp"
#include "inventory/test_code.hpp"
#include "services/process_runner.hpp"
#include "util/read_file.hpp"

namespace prhost::inventory {
namespace {

// The domain words the loaded plugins define, for recognising `<domain>:`
// prefixes and HANDOFF.md tags. A domain a classifier or a flag policy names
// without a definition is known by its id alone.
DomainVocabulary known_domains(const plugin_host::PluginRegistry& registry) {
  std::vector<sdk::DomainDefinition> definitions;
  for (const auto& definition : registry.domains) definitions.push_back(definition.value);
  std::vector<std::string> named;
  for (const auto& classifier : registry.classifiers) named.push_back(classifier.value.domain);
  for (const auto& policy : registry.flag_policies) named.push_back(policy.value.domain);
  return vocabulary_from(definitions, named);
}

}  // namespace

CollectedInventory collect_inventory(const Session& session, const CollectOptions& options) {
  auto& reporter = session.reporter();
  const auto repository = session.repository();
  const auto& root = session.project_root();

  CollectedInventory collected;
  InventoryInputs inputs;
  inputs.head = options.head;
  inputs.commits = options.commits.value_or(static_cast<std::size_t>(session.config().commits));
  inputs.handoff_path = kHandoffPath;
  auto handoff = util::read_input_file(root / kHandoffPath);
  inputs.handoff_text = std::move(handoff.text);
  inputs.results_path = kResultsPath;
  auto results = util::read_input_file(root / kResultsPath);
  inputs.results_text = std::move(results.text);
  inputs.known_domains = known_domains(session.registry());
  collected.handoff_text = inputs.handoff_text;
  collected.inventory = build_inventory(*repository, inputs);
  // A HANDOFF.md that is a directory, a fifo or a dangling link is said, not
  // silently treated as absent.
  auto& warnings = collected.inventory.warnings;
  if (!results.problem.empty()) warnings.insert(warnings.begin(), {kResultsPath, 0, results.problem});
  if (!handoff.problem.empty()) warnings.insert(warnings.begin(), {kHandoffPath, 0, handoff.problem});
  reporter.progress(fmt::format("{} optimization(s) from {} commit(s) back from {}",
                                collected.inventory.optimizations.size(), collected.inventory.commits_scanned,
                                inputs.head));

  collected.benchmarks_root = pytest::benchmarks_root_setting(root, session.config());
  collected.inventory.benchmarks_root = collected.benchmarks_root.path;
  collected.inventory.benchmarks_root_origin = collected.benchmarks_root.described;

  EnrichmentContext context;
  context.repository = repository.get();
  context.project_root = root;
  context.registry = &session.registry();
  context.run_process = services::run_process;
  try {
    collected.python = session.runner().python;
  } catch (const std::exception& error) {
    collected.python_unavailable = error.what();
  }
  context.python = collected.python;
  context.test_roots = test_roots(root, collected.benchmarks_root.path);
  context.python_unavailable = collected.python_unavailable;
  std::optional<PrStatusLookup> pull_requests;
  if (options.look_up_pull_requests) {
    pull_requests.emplace(root, services::run_process);
    context.pull_requests = &*pull_requests;
  }
  const BenchmarkIndex benchmarks(*repository, collected.inventory.head_sha, root, collected.benchmarks_root.path);
  context.benchmarks = &benchmarks;
  context.progress = [&reporter](const std::string& message) { reporter.progress(message); };
  enrich_inventory(collected.inventory, context);
  return collected;
}

}  // namespace prhost::inventory
