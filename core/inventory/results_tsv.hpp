// Reads .codeflash/results.tsv, the experiment log an optimization loop
// appends to (header: experiment status pattern target before after
// improvement timestamp commit), and returns the rows with status `keep`.
// Columns are found by header name, so reordered or extra columns still work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inventory/source_warning.hpp"

namespace prhost::inventory {

struct ResultsRow {
  int line = 0;  // 1-based
  std::string experiment;
  std::string status;
  std::string pattern;
  std::string target;
  std::string before;
  std::string after;
  std::string improvement;
  std::string timestamp;
  std::vector<std::string> commits;  // lowercased; a cell may list several ("abc1234,def5678")
};

struct ResultsParse {
  std::vector<ResultsRow> kept;  // status `keep` (or `kept`), in file order
  std::vector<SourceWarning> warnings;
  int rows = 0;  // data rows read, any status
};

ResultsParse parse_results_tsv(std::string_view text, const std::string& file_name = ".codeflash/results.tsv");

}  // namespace prhost::inventory
