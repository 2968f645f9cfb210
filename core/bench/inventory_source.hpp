// The inventory `prhost bench` works from: the same build + enrich calls as
// `prhost inventory` (the inventory command keeps its own copy inside its
// file), so bench sees exactly the optimizations, functions, domains and
// benchmark presence the inventory shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "inventory/benchmarks_root.hpp"
#include "inventory/inventory.hpp"
#include "session/session.hpp"

namespace prhost::bench {

struct InventorySnapshot {
  inventory::Inventory inventory;
  inventory::BenchmarksRootSetting benchmarks_root;
  std::vector<std::string> python;          // the runner's interpreter argv; empty when no runner could be chosen
  std::string python_unavailable;           // why `python` is empty
  std::optional<std::string> handoff_text;  // .codeflash/HANDOFF.md, when present
};

// Builds and enriches the inventory at HEAD (no PR lookup: bench does not
// need it and `gh` may be slow). Throws inventory::InventoryError for an
// unborn, shallow or unknown head.
InventorySnapshot load_inventory(const Session& session);

}  // namespace prhost::bench
