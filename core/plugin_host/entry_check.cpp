#include "plugin_host/entry_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "util/printable.hpp"

namespace prhost::plugin_host {
namespace {

std::string abi_text(std::uint32_t major, std::uint32_t minor) { return fmt::format("{}.{}", major, minor); }

std::string text_of(const char* value) { return value != nullptr ? util::printable(value) : std::string(); }

std::string check_major(const sdk::PluginInfo& info, const std::filesystem::path& path) {
  if (info.abi_major == sdk::kAbiMajor) return {};
  return fmt::format(
      "{}: built for prhost SDK ABI {}, this prhost supports ABI {} (the major version must match); "
      "rebuild the plugin against this prhost's SDK",
      path.string(), abi_text(info.abi_major, info.abi_minor), abi_text(sdk::kAbiMajor, sdk::kAbiMinor));
}

std::string check_minor_and_toolchain(const sdk::PluginInfo& info, const std::filesystem::path& path) {
  if (info.abi_minor > sdk::kAbiMinor) {
    return fmt::format(
        "{}: built for prhost SDK ABI {}, newer than this prhost's ABI {}; upgrade prhost or rebuild "
        "the plugin against this prhost's SDK",
        path.string(), abi_text(info.abi_major, info.abi_minor), abi_text(sdk::kAbiMajor, sdk::kAbiMinor));
  }
  const std::string toolchain = text_of(info.toolchain_id);
  if (toolchain != sdk::kToolchainId) {
    return fmt::format(
        "{}: built with toolchain '{}', but prhost was built with '{}'; plugins exchange C++ objects "
        "with the host, so rebuild the plugin with the same compiler and standard library",
        path.string(), toolchain, sdk::kToolchainId);
  }
  return {};
}

}  // namespace

bool is_valid_plugin_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  return name.front() != '-' && std::all_of(name.begin(), name.end(), allowed);
}

std::string check_entry(const sdk::PluginInfo* info, const std::filesystem::path& path, PluginIdentity& identity) {
  if (info == nullptr) return fmt::format("{}: the plugin's entry point returned no plugin info", path.string());
  // Only the frozen prefix (ABI numbers, toolchain id) may be read before the
  // major version matches.
  identity.abi_major = info->abi_major;
  identity.abi_minor = info->abi_minor;
  if (auto error = check_major(*info, path); !error.empty()) return error;
  // From here the layout is ours: the name may be read (and shown, if valid).
  const std::string name = text_of(info->name);
  if (!name.empty() && !is_valid_plugin_name(name)) {
    return fmt::format(
        "{}: the plugin calls itself '{}', which is not a valid plugin name (lower-case letters, digits and "
        "dashes, at most 64 characters)",
        path.string(), name);
  }
  identity.name = name;
  if (auto error = check_minor_and_toolchain(*info, path); !error.empty()) return error;
  if (name.empty() || info->register_contributions == nullptr) {
    return fmt::format("{}: the plugin info has no name or no register function", path.string());
  }
  identity.version = text_of(info->version);
  identity.kind = text_of(info->kind);
  identity.description = text_of(info->description);
  return {};
}

std::string check_elf_header(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, sizeof magic) || magic[0] != '\x7f' || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F') {
    return fmt::format(
        "{}: not a shared library (the file has no ELF header); only plugins built as shared libraries "
        "belong in a plugin directory — remove it or rebuild it",
        util::printable(path.string()));
  }
  return {};
}

}  // namespace prhost::plugin_host
