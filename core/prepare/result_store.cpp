#include "prepare/result_store.hpp"

#include <algorithm>

#include "git/history.hpp"
#include "util/atomic_write.hpp"
#include "util/read_file.hpp"

namespace prhost::prepare {
namespace {

std::optional<nlohmann::json> read_json(const std::filesystem::path& path) {
  const auto text = util::read_text_file(path);
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

void write_json(const std::filesystem::path& path, const nlohmann::json& json) {
  util::write_file_atomically(path, json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

// A file name component from something that may hold separators.
std::string safe(std::string text) {
  for (auto& c : text) {
    if (c == '/' || c == '\\' || c == '.' || c == ' ') c = '_';
  }
  return text.substr(0, 120);
}

}  // namespace

std::optional<StoredCompare> ResultStore::compare(const std::string& key) const {
  const auto path = directory() / "compare" / (key + ".json");
  auto json = read_json(path);
  if (!json) return std::nullopt;
  return StoredCompare{std::move(*json), util::read_text_file(path.parent_path() / (key + ".md")).value_or(""), path};
}

StoredCompare ResultStore::save_compare(const std::string& key, const nlohmann::json& json,
                                        const std::string& markdown) const {
  const auto path = directory() / "compare" / (key + ".json");
  // Markdown first: a JSON without its markdown would be read as complete.
  util::write_file_atomically(path.parent_path() / (key + ".md"), markdown);
  write_json(path, json);
  return {json, markdown, path};
}

std::optional<nlohmann::json> ResultStore::unit_tests(const std::string& head_sha) const {
  return read_json(directory() / "unit-tests" / (safe(head_sha) + ".json"));
}

void ResultStore::save_unit_tests(const std::string& head_sha, const nlohmann::json& result) const {
  write_json(directory() / "unit-tests" / (safe(head_sha) + ".json"), result);
}

std::optional<nlohmann::json> ResultStore::bench(const std::string& test_name, const BenchKey& key) const {
  auto record = read_json(directory() / "bench" / (safe(test_name) + ".json"));
  if (!record || record->value("blob", "") != key.blob || record->value("base", "") != key.base_sha ||
      record->value("head", "") != key.head_sha) {
    return std::nullopt;
  }
  return record;
}

void ResultStore::save_bench(const std::string& test_name, const BenchKey& key, nlohmann::json row) const {
  row["blob"] = key.blob;
  row["base"] = key.base_sha;
  row["head"] = key.head_sha;
  write_json(directory() / "bench" / (safe(test_name) + ".json"), row);
}

std::optional<nlohmann::json> ResultStore::doctor(const std::string& key) const {
  return read_json(directory() / "doctor" / (safe(key) + ".json"));
}

void ResultStore::save_doctor(const std::string& key, const nlohmann::json& findings) const {
  write_json(directory() / "doctor" / (safe(key) + ".json"), findings);
}

std::vector<StoredCompare> read_compare_directory(const std::filesystem::path& directory,
                                                  std::vector<std::string>& skipped) {
  std::vector<StoredCompare> found;
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory, error)) {
    if (entry.is_regular_file(error) && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto json = read_json(file);
    if (!json || !json->contains("benchmarks") || !json->contains("base") || !json->contains("head")) {
      skipped.push_back(file.string() + ": not the JSON of `prhost compare --json`");
      continue;
    }
    auto markdown = util::read_text_file(std::filesystem::path(file).replace_extension(".md"));
    if (!markdown) markdown = json->value("markdown", "");
    found.push_back({std::move(*json), std::move(*markdown), file});
  }
  return found;
}

std::string compare_key(const nlohmann::json& identity) { return git::blob_id(identity.dump()).substr(0, 16); }

}  // namespace prhost::prepare
