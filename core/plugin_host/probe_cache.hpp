// Probing a plugin costs a fork and a load; its answer only changes when the
// library (or prhost itself) changes. The cache keeps each answer under the
// library's path with its size and modification time, for this build of
// prhost, in $XDG_CACHE_HOME/prhost/plugin-probes.json (~/.cache/prhost/...),
// so `prhost plugins` stays as fast as a plain load once every plugin has
// been seen. A missing or unwritable cache only means probing again.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "plugin_host/plugin_probe.hpp"

namespace prhost::plugin_host {

class ProbeCache {
 public:
  // Reads the cache file (`file` empty: the default location; none when
  // there is no home or cache directory). Never throws.
  static ProbeCache open(std::filesystem::path file = {});

  // The stored answer for `path`, if the library is unchanged since.
  [[nodiscard]] std::optional<ProbeResult> find(const std::filesystem::path& path) const;
  void store(const std::filesystem::path& path, const ProbeResult& result);
  // Writes the file (atomically) if anything was stored. Never throws.
  void save() const;

 private:
  struct Entry {
    std::uintmax_t size = 0;
    long long mtime_ns = 0;
    std::string probe;  // probe_to_text
  };
  std::filesystem::path file_;
  std::string host_;  // this prhost build; entries of another build are ignored
  std::map<std::string, Entry> entries_;
  bool changed_ = false;
};

}  // namespace prhost::plugin_host
