#include "compare/codeflash/codeflash_outcome.hpp"

#include <array>

namespace prhost::compare::codeflash {
namespace {

struct OutcomeRow {
  std::string_view cause_id;
  std::string_view needle;  // a line codeflash logs (codeflash/benchmarking/compare.py, cli_cmds/cmd_compare.py)
  std::string_view title;
  std::string_view fix;
};

constexpr std::string_view kFix =
    "codeflash compare only measures functions changed between the two refs, and only top-level functions (not "
    "methods). Use the built-in engine (`--backend builtin`, the default), which times the benchmarks whatever "
    "changed, or make the benchmark call a changed top-level function.";

// First match wins: "no changed functions" also ends in "no benchmark data".
constexpr std::array<OutcomeRow, 3> kRows{{
    {kNoChangedFunctions, "No changed Python functions found",
     "codeflash found no changed function between the refs, so it measured nothing", kFix},
    {kNoChangedFunctions, "No instrumentable functions found",
     "codeflash found no changed top-level function it can instrument, so it measured nothing", kFix},
    {kNoBenchmarkData, "No benchmark data collected",
     "codeflash collected no benchmark data: no benchmark called a changed top-level function", kFix},
}};

std::string line_containing(std::string_view text, std::size_t at) {
  const auto begin = text.rfind('\n', at);
  const auto end = text.find('\n', at);
  const auto from = begin == std::string_view::npos ? 0 : begin + 1;
  std::string line(text.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  const auto first = line.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : line.substr(first);
}

}  // namespace

std::optional<pytest::FailureCause> classify_codeflash_outcome(std::string_view out, std::string_view err) {
  for (const auto& row : kRows) {
    for (const std::string_view text : {err, out}) {
      const auto at = text.find(row.needle);
      if (at == std::string_view::npos) continue;
      return pytest::FailureCause{std::string(row.cause_id), std::string(row.title), line_containing(text, at),
                                  std::string(row.fix)};
    }
  }
  return std::nullopt;
}

}  // namespace prhost::compare::codeflash
