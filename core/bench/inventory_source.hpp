// The inventory `prhost bench` works from: inventory::collect_inventory, the
// same sequence `prhost inventory` runs, so bench sees exactly the
// optimizations, functions, domains and benchmark presence the inventory
// shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "inventory/collect.hpp"
#include "inventory/inventory.hpp"
#include "session/session.hpp"

namespace prhost::bench {

using InventorySnapshot = inventory::CollectedInventory;

// Builds and enriches the inventory at HEAD (no PR lookup: bench does not
// need it and `gh` may be slow). Throws inventory::InventoryError for an
// unborn, shallow or unknown head.
InventorySnapshot load_inventory(const Session& session);

}  // namespace prhost::bench
