#include "plugin_host/plugin_trust.hpp"

#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

#include "util/atomic_write.hpp"
#include "util/read_file.hpp"

namespace prhost::plugin_host {
namespace {

std::filesystem::path default_file() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config != nullptr && *config == '/') {
    return std::filesystem::path(config) / "prhost" / "trusted.toml";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return std::filesystem::path(home) / ".config" / "prhost" / "trusted.toml";
  }
  return {};
}

std::string trust_key(const std::filesystem::path& path) {
  std::error_code error;
  const auto resolved = std::filesystem::canonical(path, error);
  return error ? std::filesystem::absolute(path).lexically_normal().string() : resolved.string();
}

}  // namespace

std::string sha256_of_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    EVP_DigestUpdate(context.get(), buffer, static_cast<std::size_t>(in.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

TrustStore TrustStore::open(std::filesystem::path file) {
  TrustStore store;
  store.file_ = file.empty() ? default_file() : std::move(file);
  const auto text = store.file_.empty() ? std::nullopt : util::read_text_file(store.file_);
  if (!text) return store;
  try {
    const auto document = toml::parse(*text, store.file_.string());
    if (const auto* plugins = document["plugin"].as_array()) {
      for (const auto& element : *plugins) {
        const auto* entry = element.as_table();
        if (entry == nullptr) continue;
        const auto path = (*entry)["path"].value<std::string>();
        const auto hash = (*entry)["sha256"].value<std::string>();
        if (path && hash) store.trusted_[*path] = *hash;
      }
    }
  } catch (const toml::parse_error&) {
    store.trusted_.clear();
  }
  return store;
}

bool TrustStore::trusts(const std::filesystem::path& path) const {
  const auto it = trusted_.find(trust_key(path));
  if (it == trusted_.end()) return false;
  try {
    return sha256_of_file(path) == it->second;
  } catch (const std::exception&) {
    return false;
  }
}

std::string TrustStore::trust(const std::filesystem::path& path) {
  if (file_.empty()) throw std::runtime_error("no config directory to record trust in (set HOME or XDG_CONFIG_HOME)");
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw std::runtime_error(path.string() + ": no such file");
  auto hash = sha256_of_file(path);
  trusted_[trust_key(path)] = hash;
  save();
  return hash;
}

bool TrustStore::untrust(const std::filesystem::path& path) {
  if (trusted_.erase(trust_key(path)) == 0) return false;
  save();
  return true;
}

void TrustStore::save() const {
  toml::array plugins;
  for (const auto& [path, hash] : trusted_) plugins.push_back(toml::table{{"path", path}, {"sha256", hash}});
  std::ostringstream text;
  text << "# Plugins trusted with `prhost plugins --trust PATH`. A library loads from a repository's\n"
          "# plugin directory only while its SHA-256 still matches.\n\n"
       << toml::table{{"plugin", plugins}} << "\n";
  util::write_file_atomically(file_, text.str());
}

}  // namespace prhost::plugin_host
