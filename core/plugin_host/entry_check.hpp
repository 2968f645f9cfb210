// What a plugin's entry point must say before anything else of it runs: the
// ABI major this host speaks, a minor no newer than its own, the same
// toolchain, and a name fit to be shown. Shared by the probe child and the
// real load, so both judge a plugin alike.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "prhost/sdk/plugin.hpp"

namespace prhost::plugin_host {

struct PluginIdentity {
  std::string name;  // empty until it could be read (and was valid)
  std::string version;
  std::string kind;
  std::string description;
  std::uint32_t abi_major = 0;
  std::uint32_t abi_minor = 0;
};

// Lower-case letters, digits and dashes, 1-64 characters, starting with a
// letter or digit: a name that can appear in a terminal and in prhost.toml.
bool is_valid_plugin_name(const std::string& name);

// Fills `identity` from `info` as far as it may be read and returns why the
// plugin cannot load (empty when it can). Strings from the plugin are made
// printable (util/printable.hpp) before they are kept.
std::string check_entry(const sdk::PluginInfo* info, const std::filesystem::path& path, PluginIdentity& identity);

// The first bytes of a shared library are "\x7fELF"; empty when they are,
// else the message for a file that is not one.
std::string check_elf_header(const std::filesystem::path& path);

}  // namespace prhost::plugin_host
