#include "plugin_host/probe_cache.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include <boost/dll/runtime_symbol_info.hpp>

#include "util/atomic_write.hpp"
#include "util/read_file.hpp"

namespace prhost::plugin_host {
namespace {

std::optional<std::pair<std::uintmax_t, long long>> file_stamp(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return std::nullopt;
  const auto time = std::filesystem::last_write_time(path, error);
  if (error) return std::nullopt;
  return std::make_pair(size,
                        static_cast<long long>(
                            std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count()));
}

// The probe judges a plugin with this binary's ABI and registry rules, so a
// rebuilt prhost starts afresh.
std::string host_identity() {
  const auto self = std::filesystem::path(boost::dll::program_location().string());
  const auto stamp = file_stamp(self).value_or(std::make_pair(std::uintmax_t{0}, 0LL));
  return fmt::format("{}|{}|{}.{}|{}|{}", self.string(), sdk::kToolchainId, sdk::kAbiMajor, sdk::kAbiMinor,
                     stamp.first, stamp.second);
}

std::filesystem::path default_file() {
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache != nullptr && *cache == '/') {
    return std::filesystem::path(cache) / "prhost" / "plugin-probes.json";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return std::filesystem::path(home) / ".cache" / "prhost" / "plugin-probes.json";
  }
  return {};
}

}  // namespace

ProbeCache ProbeCache::open(std::filesystem::path file) {
  ProbeCache cache;
  cache.file_ = file.empty() ? default_file() : std::move(file);
  cache.host_ = host_identity();
  if (cache.file_.empty()) return cache;
  try {
    const auto json = nlohmann::json::parse(util::read_text_file(cache.file_).value_or("{}"));
    if (json.value("host", std::string()) != cache.host_) return cache;
    for (const auto& [path, entry] : json.at("plugins").items()) {
      cache.entries_[path] = {entry.at("size").get<std::uintmax_t>(), entry.at("mtime_ns").get<long long>(),
                              entry.at("probe").get<std::string>()};
    }
  } catch (const std::exception&) {
    cache.entries_.clear();  // unreadable: probe again, and overwrite it
  }
  return cache;
}

std::optional<ProbeResult> ProbeCache::find(const std::filesystem::path& path) const {
  const auto it = entries_.find(path.string());
  if (it == entries_.end()) return std::nullopt;
  const auto stamp = file_stamp(path);
  if (!stamp || stamp->first != it->second.size || stamp->second != it->second.mtime_ns) return std::nullopt;
  try {
    return probe_from_text(it->second.probe);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void ProbeCache::store(const std::filesystem::path& path, const ProbeResult& result) {
  const auto stamp = file_stamp(path);
  if (!stamp || !result.cacheable) return;
  entries_[path.string()] = {stamp->first, stamp->second, probe_to_text(result)};
  changed_ = true;
}

void ProbeCache::save() const {
  if (!changed_ || file_.empty()) return;
  try {
    nlohmann::json json{{"host", host_}, {"plugins", nlohmann::json::object()}};
    for (const auto& [path, entry] : entries_) {
      json["plugins"][path] = {{"size", entry.size}, {"mtime_ns", entry.mtime_ns}, {"probe", entry.probe}};
    }
    util::write_file_atomically(file_, json.dump(1));
  } catch (const std::exception&) {
    // A read-only home, or a path JSON cannot hold: the next run probes again.
  }
}

}  // namespace prhost::plugin_host
