#include "inventory/results_tsv.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace prhost::inventory {
namespace {

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> cells;
  for (const auto cell : sdk::helpers::split(line, '\t')) cells.emplace_back(sdk::helpers::trim(cell));
  return cells;
}

// The documented column order, used when the file has no header row.
constexpr std::array<std::string_view, 9> kColumns{"experiment", "status",      "pattern",   "target", "before",
                                                   "after",      "improvement", "timestamp", "commit"};

std::vector<std::string> commits_in(const std::string& cell) {
  std::vector<std::string> commits;
  std::string current;
  const auto flush = [&] {
    const bool hex = current.size() >= 7 && current.size() <= 40 &&
                     std::all_of(current.begin(), current.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (hex) commits.push_back(sdk::helpers::to_lower(current));
    current.clear();
  };
  for (const char c : cell) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return commits;
}

}  // namespace

ResultsParse parse_results_tsv(std::string_view text, const std::string& file_name) {
  ResultsParse result;
  std::map<std::string, std::size_t> column;  // name -> index
  bool header_seen = false;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (sdk::helpers::trim(line).empty() || sdk::helpers::trim(line).starts_with('#')) continue;
    auto cells = split_tabs(line);

    if (!header_seen) {
      header_seen = true;
      std::map<std::string, std::size_t> named;
      for (std::size_t i = 0; i < cells.size(); ++i) named.emplace(sdk::helpers::to_lower(cells[i]), i);
      if (named.contains("status") && named.contains("commit")) {
        column = std::move(named);
        continue;
      }
      result.warnings.push_back({file_name, number,
                                 "no header row with `status` and `commit` columns; reading columns in the documented "
                                 "order (experiment status pattern target before after improvement timestamp commit)"});
      for (std::size_t i = 0; i < kColumns.size(); ++i) column.emplace(std::string(kColumns[i]), i);
    }

    ++result.rows;
    if (cells.size() == 1 && line.find('\t') == std::string_view::npos) {
      result.warnings.push_back(
          {file_name, number, "row has no tab characters (is the file space-separated?); skipped"});
      continue;
    }
    const auto get = [&](const std::string& name) -> std::string {
      const auto it = column.find(name);
      return it != column.end() && it->second < cells.size() ? cells[it->second] : std::string();
    };
    const std::string status = sdk::helpers::to_lower(get("status"));
    if (status != "keep" && status != "kept") continue;

    ResultsRow row;
    row.line = number;
    row.experiment = get("experiment");
    row.status = status;
    row.pattern = get("pattern");
    row.target = get("target");
    row.before = get("before");
    row.after = get("after");
    row.improvement = get("improvement");
    row.timestamp = get("timestamp");
    const std::string commit_cell = get("commit");
    row.commits = commits_in(commit_cell);
    if (row.commits.empty()) {
      result.warnings.push_back(
          {file_name, number,
           commit_cell.empty()
               ? "row has status keep but no commit; add the commit SHA in the `commit` column"
               : "row has status keep but `" + commit_cell + "` is not a commit SHA (7-40 hex digits)"});
      continue;
    }
    result.kept.push_back(std::move(row));
  }
  return result;
}

}  // namespace prhost::inventory
