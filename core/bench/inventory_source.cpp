#include "bench/inventory_source.hpp"

namespace prhost::bench {

InventorySnapshot load_inventory(const Session& session) {
  inventory::CollectOptions options;
  options.look_up_pull_requests = false;  // bench does not need PR status, and gh may be slow
  return inventory::collect_inventory(session, options);
}

}  // namespace prhost::bench
