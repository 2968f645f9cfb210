#include "plugin_host/loader.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "prhost/sdk/plugin.hpp"

#ifndef PRHOST_INSTALL_LIBDIR
#define PRHOST_INSTALL_LIBDIR "lib"
#endif

namespace prhost::plugin_host {
namespace {

// Plugins are never unloaded: their contributions hold std::function targets,
// vtables and strings that live in the library. Leaked on purpose so no static
// destructor can dlclose them while something still points inside.
std::vector<boost::dll::shared_library>& kept_alive() {
  static auto* libraries = new std::vector<boost::dll::shared_library>();
  return *libraries;
}

std::vector<std::filesystem::path> split_path_list(const char* value) {
  std::vector<std::filesystem::path> dirs;
  if (value == nullptr) return dirs;
  std::stringstream stream(value);
  std::string item;
  while (std::getline(stream, item, ':')) {
    if (!item.empty()) dirs.emplace_back(item);
  }
  return dirs;
}

std::vector<std::filesystem::path> candidates_in(const std::filesystem::path& location) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_regular_file(location, ec)) return {location};
  if (!std::filesystem::is_directory(location, ec)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(location, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".so") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string abi_text(std::uint32_t major, std::uint32_t minor) { return fmt::format("{}.{}", major, minor); }

// Reads the entry point and checks ABI and toolchain; on success `info` is
// set. Never calls anything but the entry point itself.
std::string validate_entry(boost::dll::shared_library& library, const std::filesystem::path& path,
                           const sdk::PluginInfo*& info, PluginRecord& record) {
  if (!library.has(sdk::kEntryPointSymbol)) {
    return fmt::format("{}: not a prhost plugin (no '{}' entry point); remove it from the plugin directory",
                       path.string(), sdk::kEntryPointSymbol);
  }
  try {
    info = library.get<sdk::EntryPoint>(sdk::kEntryPointSymbol)();
  } catch (const std::exception& error) {
    return fmt::format("{}: the plugin's entry point threw: {}", path.string(), error.what());
  } catch (...) {
    return fmt::format("{}: the plugin's entry point threw an unknown exception", path.string());
  }
  if (info == nullptr) return fmt::format("{}: the plugin's entry point returned no plugin info", path.string());

  record.abi_major = info->abi_major;
  record.abi_minor = info->abi_minor;
  const std::string supported = abi_text(sdk::kAbiMajor, sdk::kAbiMinor);
  // Only the frozen prefix (ABI numbers, toolchain id) may be read before the
  // major version matches; after that the name is safe to show in errors.
  if (info->abi_major == sdk::kAbiMajor && info->name != nullptr && *info->name != '\0') record.name = info->name;
  if (info->abi_major != sdk::kAbiMajor) {
    return fmt::format(
        "{}: built for prhost SDK ABI {}, this prhost supports ABI {} (the major version must match); "
        "rebuild the plugin against this prhost's SDK",
        path.string(), abi_text(info->abi_major, info->abi_minor), supported);
  }
  if (info->abi_minor > sdk::kAbiMinor) {
    return fmt::format(
        "{}: built for prhost SDK ABI {}, newer than this prhost's ABI {}; upgrade prhost or rebuild "
        "the plugin against this prhost's SDK",
        path.string(), abi_text(info->abi_major, info->abi_minor), supported);
  }
  const std::string toolchain = info->toolchain_id != nullptr ? info->toolchain_id : "";
  if (toolchain != sdk::kToolchainId) {
    return fmt::format(
        "{}: built with toolchain '{}', but prhost was built with '{}'; plugins exchange C++ objects "
        "with the host, so rebuild the plugin with the same compiler and standard library",
        path.string(), toolchain, sdk::kToolchainId);
  }
  if (info->name == nullptr || *info->name == '\0' || info->register_contributions == nullptr) {
    return fmt::format("{}: the plugin info has no name or no register function", path.string());
  }
  record.name = info->name;
  record.version = info->version != nullptr ? info->version : "";
  record.kind = info->kind != nullptr ? info->kind : "";
  record.description = info->description != nullptr ? info->description : "";
  return {};
}

bool selected(const PluginSelection& selection, const std::string& name) {
  auto listed = [&](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (listed(selection.disable)) return false;
  return selection.enable.empty() || listed(selection.enable);
}

}  // namespace

std::filesystem::path installed_plugin_dir() {
  std::error_code ec;
  const auto binary_dir = std::filesystem::path(boost::dll::program_location().string()).parent_path();
  for (const auto* libdir : {PRHOST_INSTALL_LIBDIR, "lib"}) {
    auto candidate = (binary_dir / ".." / libdir / "prhost" / "plugins").lexically_normal();
    if (std::filesystem::is_directory(candidate, ec)) return candidate;
  }
  return (binary_dir / ".." / "lib" / "prhost" / "plugins").lexically_normal();
}

std::vector<SearchPath> plugin_search_paths(const std::vector<std::filesystem::path>& cli_dirs,
                                            const std::vector<std::filesystem::path>& config_dirs) {
  std::vector<SearchPath> paths;
  paths.reserve(cli_dirs.size() + config_dirs.size() + 2);
  for (const auto& dir : cli_dirs) paths.push_back({std::filesystem::absolute(dir), "--plugin-dir"});
  for (const auto& dir : split_path_list(std::getenv("PRHOST_PLUGIN_PATH"))) {
    paths.push_back({std::filesystem::absolute(dir), "PRHOST_PLUGIN_PATH"});
  }
  for (const auto& dir : config_dirs) paths.push_back({dir, "prhost.toml [plugins] search-paths"});
  paths.push_back({installed_plugin_dir(), "installed default plugins"});
  return paths;
}

std::shared_ptr<PluginSet> load_plugins(const std::vector<SearchPath>& search_paths, const PluginSelection& selection,
                                        const ServicesForPlugin& services) {
  auto set = std::make_shared<PluginSet>();
  set->search_paths = search_paths;
  std::set<std::filesystem::path> seen_files;
  std::map<std::string, std::filesystem::path> first_path_of;

  for (const auto& search_path : search_paths) {
    for (const auto& path : candidates_in(search_path.directory)) {
      std::error_code ec;
      const auto canonical = std::filesystem::weakly_canonical(path, ec);
      if (!seen_files.insert(canonical).second) continue;  // same file reached twice

      PluginRecord record;
      record.path = path;
      record.name = path.stem().string();

      boost::dll::shared_library library;
      boost::dll::fs::error_code load_error;
      // rtld_now: a missing symbol or dependency fails here, with dlerror's
      // message, instead of crashing later in the middle of a command.
      library.load(path.string(), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, load_error);
      if (load_error || !library.is_loaded()) {
        const char* reason = ::dlerror();
        record.error =
            fmt::format("{}: cannot be loaded: {}{}", path.string(), reason != nullptr ? reason : load_error.message(),
                        " (a shared library it needs may be missing; check with `ldd`)");
        set->plugins.push_back(std::move(record));
        continue;
      }

      const sdk::PluginInfo* info = nullptr;
      record.error = validate_entry(library, path, info, record);
      kept_alive().push_back(library);
      if (!record.error.empty()) {
        set->plugins.push_back(std::move(record));
        continue;
      }

      if (auto first = first_path_of.find(record.name); first != first_path_of.end()) {
        record.error = fmt::format("{}: plugin '{}' is shadowed by {} (same name, earlier on the search path)",
                                   path.string(), record.name, first->second.string());
        set->plugins.push_back(std::move(record));
        continue;
      }
      first_path_of.emplace(record.name, path);

      if (!selected(selection, record.name)) {
        record.disabled = true;
        set->plugins.push_back(std::move(record));
        continue;
      }

      StagingRegistry staging;
      try {
        info->register_contributions(staging, services(record.name));
      } catch (const std::exception& error) {
        record.error =
            fmt::format("{}: plugin '{}' threw during registration: {}", path.string(), record.name, error.what());
      } catch (...) {
        record.error =
            fmt::format("{}: plugin '{}' threw an unknown exception during registration", path.string(), record.name);
      }
      if (record.error.empty()) {
        if (auto error = staging.commit_into(set->registry, Origin{record.name, path})) {
          record.error = *error;
        } else {
          record.loaded = true;
          record.contribution_ids = set->registry.ids_of(record.name);
        }
      }
      set->plugins.push_back(std::move(record));
    }
  }
  return set;
}

}  // namespace prhost::plugin_host
