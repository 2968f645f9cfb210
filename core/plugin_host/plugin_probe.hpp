// A plugin's code runs in prhost's own process, so one that segfaults,
// aborts, hangs or calls _Exit() while it registers would take every command
// down with it. Before the host loads a plugin it probes it: a forked child
// loads the library, checks its entry point and runs its registration, and
// reports back over a pipe. A probe that crashes, hangs past the timeout,
// exits or throws becomes an error naming the plugin and what happened; the
// host then never loads that library itself and goes on with the others.
// Results are cached (probe_cache.hpp), so this costs a fork only when a
// library changed.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "plugin_host/entry_check.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::plugin_host {

struct ProbeResult {
  enum class Status { Ok, Invalid, Failed };
  Status status = Status::Failed;
  PluginIdentity identity;  // what the entry point said, as far as it could be read
  bool registered = false;  // registration ran (and returned) in the probe
  bool cacheable = true;    // false for a timeout: a hang may depend on the moment
  std::string error;        // Invalid/Failed: the message shown to the user
};

struct ProbeRequest {
  std::filesystem::path path;
  // Runs registration only when this says the named plugin is selected.
  std::function<bool(const std::string& name)> should_register;
  // HostServices handed to the plugin's registration inside the probe.
  std::function<sdk::HostServices&(const std::string& name)> services;
  std::chrono::milliseconds timeout{std::chrono::seconds(5)};
};

// Runs the probe. Throws services::Interrupted when the user interrupts
// while it waits (the probe is killed first).
ProbeResult probe_plugin(const ProbeRequest& request);

// A probe result as text and back (the probe's report, the cache's entries);
// from_text throws on anything malformed.
// `stage` is the probe's own ("identified" before registering, "done"),
// empty for the cache's entries.
std::string probe_to_text(const ProbeResult& result, std::string_view stage = {});
ProbeResult probe_from_text(const std::string& text, std::string* stage = nullptr);

}  // namespace prhost::plugin_host
