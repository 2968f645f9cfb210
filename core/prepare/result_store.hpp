// What prepare keeps between runs, so a second `prhost prepare` after a
// success reuses what is still valid and finishes in seconds: compare results
// keyed by both SHAs, the benchmark files' content and the settings that
// change a verdict; unit-test results keyed by the head SHA; the last validation
// of each benchmark keyed by its content and both SHAs; doctor's findings keyed like
// the comparison they were made for. Everything lives under
// `.codeflash/prhost/` (inside what prepare may write), written atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace prhost::prepare {

inline constexpr const char* kStoreDir = ".codeflash/prhost";

// A compare result as both prepare's cache and a CI job leave it: the JSON of
// `prhost compare --json` and, beside it, the markdown it printed.
struct StoredCompare {
  nlohmann::json json;
  std::string markdown;
  std::filesystem::path file;  // where it was read from or written to
};

// What a benchmark's validation depends on: the file's content and the two
// commits it ran at (the optimization's commit and its first parent).
struct BenchKey {
  std::string blob;
  std::string base_sha;
  std::string head_sha;
};

class ResultStore {
 public:
  explicit ResultStore(std::filesystem::path project_root) : root_(std::move(project_root)) {}

  [[nodiscard]] std::optional<StoredCompare> compare(const std::string& key) const;
  StoredCompare save_compare(const std::string& key, const nlohmann::json& json, const std::string& markdown) const;

  [[nodiscard]] std::optional<nlohmann::json> unit_tests(const std::string& head_sha) const;
  void save_unit_tests(const std::string& head_sha, const nlohmann::json& result) const;

  // The last validation of a benchmark file (bench's JSON row: coverage,
  // equivalence), valid while the file's blob and both commits it ran at are
  // unchanged.
  [[nodiscard]] std::optional<nlohmann::json> bench(const std::string& test_name, const BenchKey& key) const;
  void save_bench(const std::string& test_name, const BenchKey& key, nlohmann::json row) const;

  // Doctor's findings on one comparison (same key as its compare result), as
  // the last prepare left them after its safe repairs.
  [[nodiscard]] std::optional<nlohmann::json> doctor(const std::string& key) const;
  void save_doctor(const std::string& key, const nlohmann::json& findings) const;

  [[nodiscard]] std::filesystem::path directory() const { return root_ / kStoreDir; }

 private:
  std::filesystem::path root_;
};

// Every compare result in `directory` (CI artifacts: `*.json` with a `.md`
// of the same name, or a `markdown` field). Unreadable files are skipped and
// named in `skipped`.
std::vector<StoredCompare> read_compare_directory(const std::filesystem::path& directory,
                                                  std::vector<std::string>& skipped);

// The cache key of one comparison: a content hash of everything that decides
// its numbers (SHAs, benchmark files and their content, flags, statistics
// settings), as 16 hex digits.
std::string compare_key(const nlohmann::json& identity);

}  // namespace prhost::prepare
