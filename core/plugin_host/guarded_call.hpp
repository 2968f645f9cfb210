// Every call into plugin code goes through guarded_call: an exception thrown
// by a plugin becomes a PluginCallError naming the plugin and what it was
// doing, caught while the library is still loaded.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "plugin_host/plugin_registry.hpp"
#include "services/cancellation.hpp"

namespace prhost::plugin_host {

class PluginCallError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A plugin's exception text, safe for a terminal (escape sequences and
// invalid bytes made visible; guarded_call.cpp).
std::string plugin_text(const char* text);

template <typename Function>
auto guarded_call(const Origin& origin, const std::string& what, Function&& function) -> decltype(function()) {
  try {
    return std::forward<Function>(function)();
  } catch (const services::Interrupted&) {
    throw;  // Ctrl-C while a plugin runs is the user's, not the plugin's failure
  } catch (const std::exception& error) {
    throw PluginCallError("plugin '" + origin.plugin + "' (" + origin.path.string() + ") failed while " + what + ": " +
                          plugin_text(error.what()));
  } catch (...) {
    throw PluginCallError("plugin '" + origin.plugin + "' (" + origin.path.string() +
                          ") threw an unknown exception while " + what);
  }
}

}  // namespace prhost::plugin_host
