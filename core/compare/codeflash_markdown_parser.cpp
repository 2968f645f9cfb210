#include "compare/codeflash_markdown_parser.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <initializer_list>
#include <utility>

#include <fmt/format.h>

namespace prhost::compare::codeflash {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Everything that can go wrong names the line, so a user can look at it.
[[noreturn]] void fail(std::size_t line_number, std::string_view what) {
  throw MarkdownParseError(fmt::format("codeflash compare markdown, line {}: {}", line_number, what));
}

// The text of the first `…` span, or nullopt.
std::optional<std::string> backticked(std::string_view text, std::size_t* after = nullptr) {
  const std::size_t open = text.find('`');
  if (open == std::string_view::npos) return std::nullopt;
  const std::size_t close = text.find('`', open + 1);
  if (close == std::string_view::npos) return std::nullopt;
  if (after != nullptr) *after = close + 1;
  return std::string(text.substr(open + 1, close - open - 1));
}

std::vector<std::string_view> table_cells(std::string_view row) {
  row = sdk::helpers::trim(row);
  if (starts_with(row, "|")) row.remove_prefix(1);
  if (ends_with(row, "|")) row.remove_suffix(1);
  std::vector<std::string_view> cells;
  for (std::size_t start = 0;;) {
    const std::size_t bar = row.find('|', start);
    cells.push_back(
        sdk::helpers::trim(row.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

bool is_separator_row(const std::vector<std::string_view>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](std::string_view cell) {
    return !cell.empty() && cell.find_first_not_of(":- ") == std::string_view::npos;
  });
}

// A plain decimal number with optional thousands separators and sign; nullopt
// unless the whole text is that number.
std::optional<double> parse_number(std::string_view text) {
  std::string digits;
  for (const char c : sdk::helpers::trim(text)) {
    if (c != ',') digits.push_back(c);
  }
  if (!digits.empty() && digits[0] == '+') digits.erase(0, 1);
  double value = 0.0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, error] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || error != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

// `text` without `suffix`, or nullopt when it does not end with it.
std::optional<std::string_view> strip_suffix(std::string_view text, std::string_view suffix) {
  if (!ends_with(text, suffix)) return std::nullopt;
  return text.substr(0, text.size() - suffix.size());
}

// A number followed by one of `units` (longest first), scaled by its factor.
std::optional<double> with_unit(std::string_view cell,
                                std::initializer_list<std::pair<std::string_view, double>> units) {
  for (const auto& [unit, factor] : units) {
    if (const auto value_text = strip_suffix(cell, unit)) {
      if (const auto value = parse_number(*value_text)) return *value * factor;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Drops the **bold** markers and a leading status emoji ("🟢 ", "🔴 ").
std::string_view strip_decoration(std::string_view cell) {
  cell = sdk::helpers::trim(cell);
  if (starts_with(cell, "**") && ends_with(cell, "**") && cell.size() >= 4)
    cell = sdk::helpers::trim(cell.substr(2, cell.size() - 4));
  const std::size_t first = cell.find_first_of("0123456789+-.");
  return first == std::string_view::npos ? std::string_view{} : cell.substr(first);
}

struct SectionInProgress {
  ParsedBenchmark benchmark;
  std::size_t line_number = 0;
  bool has_base = false;
  bool has_head = false;
  bool has_memory_table = false;
  bool has_memory_base = false;
  bool has_memory_head = false;
};

enum class Table { None, Time, Memory, Other };

class Parser {
 public:
  ParsedComparison run(std::string_view markdown) {
    std::size_t line_number = 0;
    for (std::size_t start = 0; start <= markdown.size();) {
      const std::size_t newline = markdown.find('\n', start);
      const std::size_t end = newline == std::string_view::npos ? markdown.size() : newline;
      ++line_number;
      line(line_number, sdk::helpers::trim(markdown.substr(start, end - start)));
      if (newline == std::string_view::npos) break;
      start = newline + 1;
    }
    finish_section();
    if (!has_header_) {
      throw MarkdownParseError("not codeflash compare markdown: no \"## Benchmark: `<base>` vs `<head>`\" line");
    }
    if (result_.benchmarks.empty()) throw MarkdownParseError("codeflash compare markdown has no benchmark sections");
    return std::move(result_);
  }

 private:
  void line(std::size_t line_no, std::string_view text) {
    if (text.find("No benchmark results to compare") != std::string_view::npos) {
      fail(line_no, "codeflash reported \"No benchmark results to compare\"");
    }
    if (starts_with(text, "## Benchmark:")) return header(line_no, text);
    if (starts_with(text, "### ") && !starts_with(text, "####")) return section(line_no, text);
    if (starts_with(text, "#### Memory")) {
      table_ = Table::None;
      return;
    }
    if (starts_with(text, "|")) return row(line_no, table_cells(text));
    // Any other line ends a markdown table; blank lines, rules, prose and our
    // own verdict lines are otherwise skipped.
    table_ = Table::None;
  }

  void header(std::size_t line_no, std::string_view text) {
    std::size_t after = 0;
    const auto base = backticked(text, &after);
    const auto head = base ? backticked(text.substr(after)) : std::nullopt;
    if (!base || !head) fail(line_no, "expected \"## Benchmark: `<base>` vs `<head>`\"");
    result_.base_ref = *base;
    result_.head_ref = *head;
    has_header_ = true;
  }

  void section(std::size_t line_no, std::string_view text) {
    finish_section();
    current_.emplace();
    current_->line_number = line_no;
    current_->benchmark.name = std::string(sdk::helpers::trim(text.substr(4)));
    table_ = Table::None;
  }

  void row(std::size_t line_no, const std::vector<std::string_view>& cells) {
    if (is_separator_row(cells)) return;
    if (cells.size() >= 6 && cells[0].empty() && cells[1] == "Min" && cells[2] == "Median" && cells[3] == "Mean") {
      table_ = Table::Time;
      require_section(line_no);
      return;
    }
    if (cells.size() >= 4 && cells[0] == "Ref" && cells[1] == "Peak Memory") {
      table_ = Table::Memory;
      require_section(line_no);
      current_->has_memory_table = true;
      return;
    }
    if (table_ == Table::None) {
      table_ = Table::Other;  // a header row of a table we do not know
      return;
    }
    // Rows of our own (a "**CI**" row, say) may follow codeflash's: only rows
    // labelled `<ref>` and the Speedup row are read.
    if (!starts_with(cells[0], "`") && cells[0] != "**Speedup**") return;
    if (table_ == Table::Time) return time_row(line_no, cells);
    if (table_ == Table::Memory) return memory_row(line_no, cells);
  }

  void require_section(std::size_t line_no) {
    if (!current_) fail(line_no, "table before any \"### <benchmark>\" heading");
  }

  // "`label` (base)" → (label, "base").
  static std::pair<std::string, std::string_view> labelled_side(std::size_t line_no, std::string_view cell) {
    std::size_t after = 0;
    const auto label = backticked(cell, &after);
    if (!label) fail(line_no, fmt::format("expected \"`<ref>` (base)\" or \"`<ref>` (head)\", got \"{}\"", cell));
    const std::string_view side = sdk::helpers::trim(cell.substr(after));
    if (side != "(base)" && side != "(head)") fail(line_no, fmt::format("row \"{}\" is neither base nor head", cell));
    return {*label, side == "(base)" ? std::string_view("base") : std::string_view("head")};
  }

  static double time_cell(std::size_t line_no, std::string_view cell) {
    // μs as codeflash prints it, plus the other spellings a hand edit may use.
    const auto value = with_unit(cell, {{"μs", 1.0}, {"µs", 1.0}, {"us", 1.0}, {"ns", 1e-3}, {"ms", 1e3}, {"s", 1e6}});
    if (!value) fail(line_no, fmt::format("\"{}\" is not a time such as 41,200.00μs", cell));
    return *value;
  }

  static double ops_cell(std::size_t line_no, std::string_view cell) {
    const auto value = with_unit(cell, {{"Mops/s", 1e6}, {"Kops/s", 1e3}, {"ops/s", 1.0}});
    if (!value) fail(line_no, fmt::format("\"{}\" is not a rate such as 22.68 ops/s", cell));
    return *value;
  }

  static double bytes_cell(std::size_t line_no, std::string_view cell) {
    const auto value =
        with_unit(cell, {{"GiB", 1024.0 * 1024.0 * 1024.0}, {"MiB", 1024.0 * 1024.0}, {"KiB", 1024.0}, {"B", 1.0}});
    if (!value) fail(line_no, fmt::format("\"{}\" is not a size such as 512.0 MiB", cell));
    return *value;
  }

  static long long count_cell(std::size_t line_no, std::string_view cell, std::string_view what) {
    const auto value = parse_number(cell);
    if (!value || *value < 0 || *value != static_cast<double>(static_cast<long long>(*value))) {
      fail(line_no, fmt::format("\"{}\" is not a count of {}", cell, what));
    }
    return static_cast<long long>(*value);
  }

  static double speedup_cell(std::size_t line_no, std::string_view cell) {
    const std::string_view text = strip_decoration(cell);
    const auto value = ends_with(text, "x") ? parse_number(text.substr(0, text.size() - 1)) : std::nullopt;
    if (!value) fail(line_no, fmt::format("\"{}\" is not a speedup such as **🟢 1.53x**", cell));
    return *value;
  }

  static std::optional<double> delta_cell(std::size_t line_no, std::string_view cell) {
    if (cell.empty()) return std::nullopt;
    const std::string_view text = strip_decoration(cell);
    const auto value = ends_with(text, "%") ? parse_number(text.substr(0, text.size() - 1)) : std::nullopt;
    if (!value) fail(line_no, fmt::format("\"{}\" is not a memory delta such as 🟢 -38%", cell));
    return *value / 100.0;
  }

  void time_row(std::size_t line_no, const std::vector<std::string_view>& cells) {
    if (cells.size() < 5) fail(line_no, "time table row has fewer than 5 cells");
    if (cells[0] == "**Speedup**") {
      current_->benchmark.speedup = ParsedSpeedups{speedup_cell(line_no, cells[1]), speedup_cell(line_no, cells[2]),
                                                   speedup_cell(line_no, cells[3]), speedup_cell(line_no, cells[4])};
      return;
    }
    if (cells.size() < 6) fail(line_no, "time table row has fewer than 6 cells");
    auto [label, side] = labelled_side(line_no, cells[0]);
    const ParsedTiming timing{time_cell(line_no, cells[1]), time_cell(line_no, cells[2]), time_cell(line_no, cells[3]),
                              ops_cell(line_no, cells[4]), static_cast<int>(count_cell(line_no, cells[5], "rounds"))};
    ParsedBenchmark& benchmark = current_->benchmark;
    if (side == "base") {
      benchmark.base_label = std::move(label);
      benchmark.base = timing;
      current_->has_base = true;
    } else {
      benchmark.head_label = std::move(label);
      benchmark.head = timing;
      current_->has_head = true;
    }
  }

  void memory_row(std::size_t line_no, const std::vector<std::string_view>& cells) {
    if (cells.size() < 3) fail(line_no, "memory table row has fewer than 3 cells");
    const auto side = labelled_side(line_no, cells[0]).second;
    const ParsedMemoryRow memory_row{bytes_cell(line_no, cells[1]), count_cell(line_no, cells[2], "allocations")};
    ParsedMemory& memory =
        current_->benchmark.memory ? *current_->benchmark.memory : current_->benchmark.memory.emplace();
    if (side == "base") {
      memory.base = memory_row;
      current_->has_memory_base = true;
    } else {
      memory.head = memory_row;
      memory.delta_fraction = cells.size() >= 4 ? delta_cell(line_no, cells[3]) : std::nullopt;
      current_->has_memory_head = true;
    }
  }

  void finish_section() {
    if (!current_) return;
    SectionInProgress& section = *current_;
    const std::string& name = section.benchmark.name;
    if (!section.has_base || !section.has_head) {
      fail(section.line_number,
           fmt::format("benchmark \"{}\" lacks its {} time row", name, !section.has_base ? "base" : "head"));
    }
    if (section.has_memory_table && (!section.has_memory_base || !section.has_memory_head)) {
      fail(section.line_number, fmt::format("benchmark \"{}\" has a memory table without both rows", name));
    }
    result_.benchmarks.push_back(std::move(section.benchmark));
    current_.reset();
  }

  ParsedComparison result_;
  std::optional<SectionInProgress> current_;
  Table table_ = Table::None;
  bool has_header_ = false;
};

}  // namespace

ParsedComparison parse_codeflash_markdown(std::string_view markdown) { return Parser().run(markdown); }

}  // namespace prhost::compare::codeflash
