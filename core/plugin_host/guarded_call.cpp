#include "plugin_host/guarded_call.hpp"

#include "util/printable.hpp"

namespace prhost::plugin_host {

std::string plugin_text(const char* text) { return util::printable(text != nullptr ? text : ""); }

}  // namespace prhost::plugin_host
