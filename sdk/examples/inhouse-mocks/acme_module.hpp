// ACME's in-house contributions: mocks for the OCR and table models (the
// inference boundaries of our document pipeline) and input recipes for a
// scanned page and for our own Document type.
#pragma once

#include <prhost/sdk/sdk.hpp>

namespace acme::prhost_plugin {

void register_contributions(prhost::sdk::Registry& registry, prhost::sdk::HostServices& services);

}  // namespace acme::prhost_plugin
