// ACME's in-house contributions: mocks for the OCR and table models (the
// inference boundaries of our document pipeline) and input recipes for a
// scanned page and for our own Document type; and a domain of our own (gpu)
// whose classifier is built from the SDK's helpers.
#pragma once

#include <prhost/sdk/sdk.hpp>

namespace acme::prhost_plugin {

void register_contributions(prhost::sdk::Registry& registry, prhost::sdk::HostServices& services);

// "gpu": a domain of our own, with its classifier and compare flags.
void register_gpu_domain(prhost::sdk::Registry& registry);

}  // namespace acme::prhost_plugin
