#include "plugin_host/loader.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "plugin_host/entry_check.hpp"
#include "plugin_host/plugin_probe.hpp"
#include "plugin_host/plugin_trust.hpp"
#include "plugin_host/probe_cache.hpp"
#include "prhost/sdk/plugin.hpp"
#include "util/printable.hpp"

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

bool selected(const PluginSelection& selection, const std::string& name) {
  auto listed = [&](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (listed(selection.disable)) return false;
  return selection.enable.empty() || listed(selection.enable);
}

// `path` lies inside `root` (both resolved, so a symlink cannot hide it).
bool inside(const std::filesystem::path& path, const std::filesystem::path& root) {
  if (root.empty() || path.empty()) return false;
  std::error_code error;
  const auto resolved = std::filesystem::weakly_canonical(path, error);
  const auto resolved_root = std::filesystem::weakly_canonical(root, error);
  const auto relative = resolved.lexically_relative(resolved_root);
  return !relative.empty() && *relative.begin() != "..";
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
                                            const std::vector<std::filesystem::path>& config_dirs,
                                            const std::filesystem::path& config_file,
                                            const std::filesystem::path& project_root) {
  std::vector<SearchPath> paths;
  paths.reserve(cli_dirs.size() + config_dirs.size() + 2);
  for (const auto& dir : cli_dirs) paths.push_back({std::filesystem::absolute(dir), "--plugin-dir"});
  for (const auto& dir : split_path_list(std::getenv("PRHOST_PLUGIN_PATH"))) {
    paths.push_back({std::filesystem::absolute(dir), "PRHOST_PLUGIN_PATH"});
  }
  const bool repository_config = inside(config_file, project_root);
  for (const auto& dir : config_dirs) {
    paths.push_back({dir, "prhost.toml [plugins] search-paths", repository_config || inside(dir, project_root)});
  }
  paths.push_back({installed_plugin_dir(), "installed default plugins"});
  return paths;
}

namespace {

// One load: the selection, the services, and what is shared across files.
struct LoadRun {
  const PluginSelection& selection;
  const ServicesForPlugin& services;
  const LoadOptions& options;
  PluginSet& set;
  ProbeCache cache;
  std::optional<TrustStore> trust;  // read when the first file needs it
  std::map<std::string, std::filesystem::path> first_path_of;
};

bool refuse_untrusted(LoadRun& run, const SearchPath& search_path, PluginRecord& record) {
  if (!search_path.needs_trust) return false;
  if (!run.trust) run.trust = TrustStore::open(run.options.trust_file);
  if (run.trust->trusts(record.path)) return false;
  record.untrusted = true;
  record.error = fmt::format(
      "{}: not loaded: it comes from this repository ({}), and a plugin runs native code with your rights; "
      "if you trust it, run `prhost plugins --trust {}`",
      util::printable(record.path.string()), search_path.source, util::printable(record.path.string()));
  return true;
}

ProbeResult probe(LoadRun& run, const std::filesystem::path& path) {
  if (auto cached = run.cache.find(path)) {
    // A cached success that never ran registration (the plugin was
    // disabled then) says nothing about registering it now.
    const bool will_register =
        cached->status == ProbeResult::Status::Ok && selected(run.selection, cached->identity.name);
    if (!will_register || cached->registered) return *cached;
  }
  ProbeRequest request;
  request.path = path;
  request.should_register = [&](const std::string& name) { return selected(run.selection, name); };
  request.services = run.services;
  request.timeout = run.options.probe_timeout;
  auto result = probe_plugin(request);
  run.cache.store(path, result);
  return result;
}

// The identity comes from the probe's pipe, which the plugin's code could
// have written to: only a valid name is taken, and every text is made
// printable again.
void adopt_identity(PluginRecord& record, const PluginIdentity& identity) {
  if (is_valid_plugin_name(identity.name)) record.name = identity.name;
  record.version = util::printable(identity.version);
  record.kind = util::printable(identity.kind);
  record.description = util::printable(identity.description);
  record.abi_major = identity.abi_major;
  record.abi_minor = identity.abi_minor;
}

// The real load, in this process, of a library whose probe passed.
void load_and_register(LoadRun& run, PluginRecord& record) {
  boost::dll::shared_library library;
  boost::dll::fs::error_code load_error;
  library.load(record.path.string(), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, load_error);
  if (load_error || !library.is_loaded() || !library.has(sdk::kEntryPointSymbol)) {
    record.error =
        fmt::format("{}: loaded in the probe but not by the host: {}", record.path.string(), load_error.message());
    return;
  }
  kept_alive().push_back(library);
  const sdk::PluginInfo* info = library.get<sdk::EntryPoint>(sdk::kEntryPointSymbol)();
  PluginIdentity identity;
  record.error = check_entry(info, record.path, identity);
  if (!record.error.empty()) return;
  StagingRegistry staging;
  try {
    info->register_contributions(staging, run.services(record.name));
  } catch (const std::exception& error) {
    record.error = fmt::format("{}: plugin '{}' threw during registration: {}", record.path.string(), record.name,
                               util::printable(error.what()));
    return;
  } catch (...) {
    record.error = fmt::format("{}: plugin '{}' threw an unknown exception during registration", record.path.string(),
                               record.name);
    return;
  }
  if (auto error = staging.commit_into(run.set.registry, Origin{record.name, record.path})) {
    record.error = *error;
    return;
  }
  record.loaded = true;
  record.contribution_ids = run.set.registry.ids_of(record.name);
}

// The error that keeps a probed plugin from loading, if any: its probe, a
// same-named plugin earlier on the path, or the user's selection.
bool stops_before_load(LoadRun& run, const ProbeResult& probed, PluginRecord& record) {
  adopt_identity(record, probed.identity);
  if (probed.status != ProbeResult::Status::Ok) {
    record.error = probed.error;
    return true;
  }
  if (auto first = run.first_path_of.find(record.name); first != run.first_path_of.end()) {
    record.error = fmt::format("{}: plugin '{}' is shadowed by {} (same name, earlier on the search path)",
                               record.path.string(), record.name, first->second.string());
    record.shadowed = true;
    return true;
  }
  run.first_path_of.emplace(record.name, record.path);
  record.disabled = !selected(run.selection, record.name);
  return record.disabled;
}

PluginRecord load_one(LoadRun& run, const SearchPath& search_path, const std::filesystem::path& path) {
  PluginRecord record;
  record.path = path;
  record.name = util::printable(path.stem().string());
  if (refuse_untrusted(run, search_path, record)) return record;
  if (record.error = check_elf_header(path); !record.error.empty()) return record;
  if (stops_before_load(run, probe(run, path), record)) return record;
  load_and_register(run, record);
  return record;
}

}  // namespace

std::shared_ptr<PluginSet> load_plugins(const std::vector<SearchPath>& search_paths, const PluginSelection& selection,
                                        const ServicesForPlugin& services, const LoadOptions& options) {
  auto set = std::make_shared<PluginSet>();
  set->search_paths = search_paths;
  LoadRun run{selection, services, options, *set, ProbeCache::open(options.probe_cache_file), std::nullopt, {}};
  std::set<std::filesystem::path> seen_files;
  for (const auto& search_path : search_paths) {
    for (const auto& path : candidates_in(search_path.directory)) {
      std::error_code ec;
      if (!seen_files.insert(std::filesystem::weakly_canonical(path, ec)).second) continue;  // same file twice
      set->plugins.push_back(load_one(run, search_path, path));
    }
  }
  run.cache.save();
  return set;
}

}  // namespace prhost::plugin_host
