// Trust before native code. A cloned repository's prhost.toml can name a
// plugin directory inside that repository, and loading a plugin runs its code
// with the user's rights — so such plugins load only after the user trusted
// them with `prhost plugins --trust PATH`, direnv-style: the trust is kept in
// the user's own config directory ($XDG_CONFIG_HOME/prhost/trusted.toml, else
// ~/.config/prhost/trusted.toml) with the library's SHA-256, and a changed
// library must be trusted again. Plugins the user pointed at themselves
// (--plugin-dir, PRHOST_PLUGIN_PATH, a config file outside the repository)
// and the installed defaults need no trust.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace prhost::plugin_host {

// Hex SHA-256 of a file's bytes; throws std::runtime_error naming the file.
std::string sha256_of_file(const std::filesystem::path& path);

class TrustStore {
 public:
  // Reads the store (`file` empty: the default location). A malformed file
  // trusts nothing and says nothing; `trust` rewrites it.
  static TrustStore open(std::filesystem::path file = {});

  [[nodiscard]] const std::filesystem::path& file() const { return file_; }
  // The library at `path` was trusted with its current content.
  [[nodiscard]] bool trusts(const std::filesystem::path& path) const;
  // Records (or refreshes) trust in `path` as it is now; returns its hash.
  // Throws std::runtime_error when the file cannot be read or the store
  // cannot be written.
  std::string trust(const std::filesystem::path& path);
  // Forgets `path`; false when it was not trusted.
  bool untrust(const std::filesystem::path& path);

 private:
  void save() const;
  std::filesystem::path file_;
  std::map<std::string, std::string> trusted_;  // canonical path -> sha256
};

}  // namespace prhost::plugin_host
