// Completes each optimization of a built inventory: the files it changed
// against its parent, the Python functions it touched, its domains (declared,
// else the domain plugins' classifiers), its PR status and whether its
// benchmark tests exist.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "git/repository.hpp"
#include "inventory/benchmark_presence.hpp"
#include "inventory/function_locator.hpp"
#include "inventory/inventory.hpp"
#include "inventory/pr_status.hpp"
#include "plugin_host/plugin_registry.hpp"

namespace prhost::inventory {

struct EnrichmentContext {
  const git::Repository* repository = nullptr;
  std::filesystem::path project_root;
  const plugin_host::PluginRegistry* registry = nullptr;  // null: no classifiers, domains only when declared
  std::vector<std::string> python;      // the runner's interpreter argv; empty: functions are not computed
  std::vector<std::string> test_roots;  // besides tests/ directories and test_*.py names (inventory/test_code.hpp)
  std::string python_unavailable;       // why `python` is empty
  ProcessRunner run_process;
  PrStatusLookup* pull_requests = nullptr;     // null: PR status stays "unknown"
  const BenchmarkIndex* benchmarks = nullptr;  // null: benchmark presence is not checked
  std::function<void(const std::string&)> progress;
};

void enrich_inventory(Inventory& inventory, const EnrichmentContext& context);

// The function a PR search and a benchmark are about: the first changed
// function that can be imported (not nested), else the first one.
const ChangedFunction* primary_function(const Optimization& optimization);

}  // namespace prhost::inventory
