#include "bench/inventory_source.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "inventory/benchmark_presence.hpp"
#include "inventory/domain_words.hpp"
#include "inventory/inventory_builder.hpp"
#include "inventory/inventory_enricher.hpp"
#include "services/process_runner.hpp"

namespace prhost::bench {
namespace {

constexpr const char* kHandoffPath = ".codeflash/HANDOFF.md";
constexpr const char* kResultsPath = ".codeflash/results.tsv";

std::optional<std::string> read_if_present(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> known_domains(const plugin_host::PluginRegistry& registry) {
  std::set<std::string> domains;
  for (const auto& classifier : registry.classifiers) domains.insert(classifier.value.domain);
  for (const auto& policy : registry.flag_policies) domains.insert(policy.value.domain);
  if (domains.empty()) return inventory::default_domains();
  return {domains.begin(), domains.end()};
}

}  // namespace

InventorySnapshot load_inventory(const Session& session) {
  auto& reporter = session.reporter();
  const auto repository = session.repository();
  const auto& root = session.project_root();

  InventorySnapshot snapshot;
  inventory::InventoryInputs inputs;
  inputs.commits = static_cast<std::size_t>(session.config().commits);
  inputs.handoff_path = kHandoffPath;
  inputs.handoff_text = read_if_present(root / kHandoffPath);
  inputs.results_path = kResultsPath;
  inputs.results_text = read_if_present(root / kResultsPath);
  inputs.known_domains = known_domains(session.registry());
  snapshot.handoff_text = inputs.handoff_text;
  snapshot.inventory = inventory::build_inventory(*repository, inputs);

  snapshot.benchmarks_root = inventory::benchmarks_root_setting(root, session.config());
  snapshot.inventory.benchmarks_root = snapshot.benchmarks_root.path;
  snapshot.inventory.benchmarks_root_origin = snapshot.benchmarks_root.described;

  inventory::EnrichmentContext context;
  context.repository = repository.get();
  context.project_root = root;
  context.registry = &session.registry();
  context.run_process = services::run_process;
  try {
    snapshot.python = session.runner().python;
  } catch (const std::exception& error) {
    snapshot.python_unavailable = error.what();
  }
  context.python = snapshot.python;
  context.python_unavailable = snapshot.python_unavailable;
  const inventory::BenchmarkIndex benchmarks(*repository, snapshot.inventory.head_sha, root,
                                             snapshot.benchmarks_root.path);
  context.benchmarks = &benchmarks;
  context.progress = [&reporter](const std::string& message) { reporter.progress(message); };
  inventory::enrich_inventory(snapshot.inventory, context);
  reporter.progress(fmt::format("{} optimization(s) in the inventory", snapshot.inventory.optimizations.size()));
  return snapshot;
}

}  // namespace prhost::bench
