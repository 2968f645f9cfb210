// Wires a BenchContext from a Session and its inventory: the real process
// runner, the session's plugins and their option-scoped services, the
// config's [[benchmark]] hints and timeout. Shared by the command and the
// end-to-end tests so both run the same wiring.
#pragma once

#include "bench/bench_runner.hpp"
#include "bench/inventory_source.hpp"
#include "session/session.hpp"

namespace prhost::bench {

// `snapshot` and `session` must outlive the returned context.
BenchContext make_context(const Session& session, const InventorySnapshot& snapshot);

}  // namespace prhost::bench
