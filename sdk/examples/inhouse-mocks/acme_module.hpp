// ACME's in-house contributions: mocks for the OCR and layout models (the
// inference boundaries of our document pipeline) and an input recipe for a
// scanned page.
#pragma once

#include <prhost/sdk/sdk.hpp>

namespace acme::prhost_plugin {

void register_contributions(prhost::sdk::Registry& registry, prhost::sdk::HostServices& services);

}  // namespace acme::prhost_plugin
