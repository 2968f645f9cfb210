// Texts a plugin hands the host to be shown — a check's title and results,
// a check description, an option's words — are made printable as they enter
// the registry (util::printable: escape sequences and invalid UTF-8 become
// visible "\x1b"), so no phase that prints them has to remember to. Ids must
// be printable as they are: an id is matched, not only shown.
#pragma once

#include <string>

#include "prhost/sdk/sdk.hpp"

namespace prhost::plugin_host {

// True when `id` holds no control character and is valid UTF-8.
bool is_printable_id(const std::string& id);

void make_printable(sdk::DiagnosticCheck& check);  // also every CheckResult its run returns
void make_printable(sdk::CheckDescription& description);
void make_printable(sdk::PluginOption& option);

}  // namespace prhost::plugin_host
