// The one entry point every prhost plugin exports.
//
//   PRHOST_PLUGIN("domain-mem", "1.0.0", "domain", "Memory optimizations", register_fn)
//
// The host resolves `prhost_plugin_entry`, reads the ABI numbers first (their
// offsets never change), then the toolchain id, and only then calls
// `register_contributions`.
#pragma once

#include <cstdint>

#include "prhost/sdk/abi.hpp"
#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/registry.hpp"

namespace prhost::sdk {

using RegisterFunction = void (*)(Registry&, HostServices&);

struct PluginInfo {
  // Frozen prefix: these three fields keep their offsets in every ABI
  // version, so any host can read them from any plugin. Everything after them
  // may change with the major version.
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  const char* toolchain_id;
  const char* name;     // unique, lower-case with dashes, e.g. "runner-uv"
  const char* version;  // the plugin's own version
  const char* kind;     // "domain", "runner", "in-house", ... (metadata only)
  const char* description;
  RegisterFunction register_contributions;
};

using EntryPoint = const PluginInfo*();

}  // namespace prhost::sdk

#define PRHOST_PLUGIN(NAME, VERSION, KIND, DESCRIPTION, REGISTER_FN)                                         \
  extern "C" __attribute__((visibility("default"))) const ::prhost::sdk::PluginInfo* prhost_plugin_entry() { \
    static const ::prhost::sdk::PluginInfo info{::prhost::sdk::kAbiMajor,                                    \
                                                ::prhost::sdk::kAbiMinor,                                    \
                                                PRHOST_SDK_TOOLCHAIN_ID,                                     \
                                                NAME,                                                        \
                                                VERSION,                                                     \
                                                KIND,                                                        \
                                                DESCRIPTION,                                                 \
                                                REGISTER_FN};                                                \
    return &info;                                                                                            \
  }
