// Builds and enriches the inventory for a session: the one sequence both
// `prhost inventory` and `prhost bench` (and later prepare) run, so every
// phase sees the same optimizations, functions, domains and benchmarks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "inventory/inventory.hpp"
#include "pytest/benchmarks_root.hpp"
#include "session/session.hpp"

namespace prhost::inventory {

inline constexpr const char* kHandoffPath = ".codeflash/HANDOFF.md";
inline constexpr const char* kResultsPath = ".codeflash/results.tsv";

struct CollectOptions {
  std::string head = "HEAD";
  std::optional<std::size_t> commits;  // empty: [prhost] commits
  bool look_up_pull_requests = true;   // `gh pr list` per optimization
};

struct CollectedInventory {
  Inventory inventory;
  pytest::BenchmarksRootSetting benchmarks_root;
  std::vector<std::string> python;          // the runner's interpreter argv; empty when no runner could be chosen
  std::string python_unavailable;           // why `python` is empty
  std::optional<std::string> handoff_text;  // .codeflash/HANDOFF.md, when present
};

// Throws InventoryError for an unborn, shallow or unknown head.
CollectedInventory collect_inventory(const Session& session, const CollectOptions& options);

}  // namespace prhost::inventory
