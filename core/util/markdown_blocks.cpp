#include "util/markdown_blocks.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

namespace prhost::util {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> source_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    if (end == text.size()) break;
    start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    if (start == text.size()) break;
  }
  return lines;
}

// Where a line's container markers ("> ", "- ", "1. ") end.
std::size_t container_prefix_end(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i >= line.size()) break;
    const auto followed_by_blank = [&](std::size_t at) { return at >= line.size() || is_blank(line[at]); };
    if (line[i] == '>') {
      ++i;
    } else if ((line[i] == '-' || line[i] == '+' || line[i] == '*') && followed_by_blank(i + 1)) {
      ++i;
    } else {
      std::size_t digits = i;
      while (digits < line.size() && digits - i < 9 && line[digits] >= '0' && line[digits] <= '9') ++digits;
      if (digits == i || digits >= line.size() || (line[digits] != '.' && line[digits] != ')') ||
          !followed_by_blank(digits + 1)) {
        break;
      }
      i = digits + 1;
    }
  }
  return i;
}

// The text cmark-gfm parses. Block structure is decided by the start of each
// line (container markers, #, fences, <, thematic breaks, setext underlines,
// table pipes), which stays as written; past that, the inline markers * _ [ `
// become letters. Readers take their text from the source, never from
// cmark's inline nodes, and cmark-gfm 0.29.0.gfm.6's inline parser is
// superlinear on long runs of emphasis and links: a 1 MB line of "**a** [b](c)"
// took over four minutes. Its table extension appends each cell by walking
// the row's list of cells, quadratic in the cells of a row: a 1 MB row of
// 16,000 cells took 90 s. Pipes past the first kMaxTableCells of a line
// become letters too; readers take rows from the source, so no cell is lost.
constexpr std::size_t kMaxTableCells = 256;

void cap_table_cells(std::string& copy, std::size_t from) {
  std::size_t pipes = 0;
  for (auto i = from; i < copy.size(); ++i) {
    if (copy[i] == '|' && ++pipes > kMaxTableCells) copy[i] = 'x';
  }
}

// A table's delimiter row (|---|:--:|) opens a table only under a header row
// with as many cells. cmark-gfm 0.29.0.gfm.6 still tries each one against the
// whole paragraph above it, so a paragraph of N "| a | b |" / "|---|---|---|"
// pairs took O(N²): 8,000 lines 5 s (a fuzz finding). A delimiter row that
// cannot open a table has its dashes turned into letters: the same paragraph
// (or table row, inside an open table), parsed in linear time.
std::size_t cell_count(std::string_view line) {
  while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
  while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
  if (line.starts_with('|')) line.remove_prefix(1);
  if (line.ends_with('|') && !line.ends_with("\\|")) line.remove_suffix(1);
  std::size_t cells = 1;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\')
      ++i;
    else if (line[i] == '|')
      ++cells;
  }
  return cells;
}

bool is_delimiter_row(std::string_view rest) {
  return rest.find('|') != std::string_view::npos && rest.find('-') != std::string_view::npos &&
         std::all_of(rest.begin(), rest.end(), [](char c) { return c == '|' || c == '-' || c == ':' || is_blank(c); });
}

void defuse_delimiter_row(std::string& copy, std::size_t from, std::string_view rest, std::string_view previous) {
  if (!is_delimiter_row(rest) || cell_count(previous) == cell_count(rest)) return;
  for (auto i = from; i < copy.size(); ++i) {
    if (copy[i] == '-') copy[i] = 'x';
  }
}

std::string structure_copy(const std::vector<std::string_view>& lines) {
  std::string copy;
  std::size_t total = 0;
  for (const auto line : lines) total += line.size() + 1;
  copy.reserve(total);
  for (const auto& line : lines) {
    const auto prefix = container_prefix_end(line);
    const auto rest = line.substr(prefix);
    const bool fence = rest.starts_with("```") || rest.starts_with("~~~");
    const bool html_start = rest.starts_with('<') && rest.size() <= 4096;
    const bool rule = std::all_of(rest.begin(), rest.end(),
                                  [](char c) { return c == '*' || c == '-' || c == '_' || c == '=' || is_blank(c); });
    const auto start = copy.size();
    copy.append(line);
    if (!fence && !html_start && !rule) {
      const auto from = start + prefix + (rest.starts_with('<') ? 32 : 0);
      for (auto i = from; i < copy.size(); ++i) {
        if (copy[i] == '*' || copy[i] == '_' || copy[i] == '[' || copy[i] == '`') copy[i] = 'x';
      }
    }
    cap_table_cells(copy, start);
    if (&line != &lines.front()) {
      const auto previous = *(&line - 1);
      defuse_delimiter_row(copy, start + prefix, rest, previous.substr(container_prefix_end(previous)));
    }
    copy.push_back('\n');
  }
  return copy;
}

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

std::unique_ptr<cmark_node, NodeDeleter> parse(const std::string& copy) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
  if (auto* table = cmark_find_syntax_extension("table")) cmark_parser_attach_syntax_extension(parser.get(), table);
  cmark_parser_feed(parser.get(), copy.data(), copy.size());
  return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(parser.get()));
}

std::string_view type_of(cmark_node* node) { return cmark_node_get_type_string(node); }

// Turns cmark's node events into the visitor's line-level callbacks.
class BlockWalk {
 public:
  BlockWalk(const std::vector<std::string_view>& lines, MarkdownBlockVisitor& visitor)
      : lines_(lines), visitor_(visitor) {}

  void run(cmark_node* document) {
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (event == CMARK_EVENT_ENTER) {
        enter(node);
      } else if (event == CMARK_EVENT_EXIT) {
        exit(node);
      }
    }
  }

 private:
  void enter(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        heading(node);
        return;
      case CMARK_NODE_PARAGRAPH:
        paragraph(node);
        return;
      case CMARK_NODE_ITEM:
        ++item_depth_;
        return;
      case CMARK_NODE_BLOCK_QUOTE:
        ++quote_depth_;
        return;
      case CMARK_NODE_CODE_BLOCK:
        code_block(node);
        return;
      case CMARK_NODE_HTML_BLOCK:
        html_block(node);
        return;
      default:
        break;
    }
    const auto type = type_of(node);
    if (type == "table") {
      visitor_.table_begin();
    } else if (type == "table_header" || type == "table_row") {
      const int number = cmark_node_get_start_line(node);
      visitor_.table_row(from_column(number, cmark_node_get_start_column(node)), number, type == "table_header");
    }
  }

  void exit(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_ITEM:
        visitor_.item_end(item_depth_--);
        return;
      case CMARK_NODE_BLOCK_QUOTE:
        --quote_depth_;
        return;
      default:
        break;
    }
    if (type_of(node) == "table") visitor_.table_end();
  }

  [[nodiscard]] std::string_view line(int number) const {
    if (number < 1 || static_cast<std::size_t>(number) > lines_.size()) return {};
    return lines_[static_cast<std::size_t>(number) - 1];
  }

  [[nodiscard]] std::string_view from_column(int number, int column) const {
    const auto text = line(number);
    const auto offset = static_cast<std::size_t>(std::max(column, 1) - 1);
    return offset < text.size() ? text.substr(offset) : std::string_view{};
  }

  // A continuation line without the "> " of the quotes around it.
  [[nodiscard]] std::string_view continuation(int number) const {
    auto text = line(number);
    for (int quotes = quote_depth_; quotes > 0; --quotes) {
      while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
      if (text.starts_with('>')) text.remove_prefix(1);
    }
    return text;
  }

  void heading(cmark_node* node) {
    const int first = cmark_node_get_start_line(node);
    const int last = cmark_node_get_end_line(node);
    auto title = trim_blanks(from_column(first, cmark_node_get_start_column(node)));
    if (title.starts_with('#')) {  // ATX: "## Title ##"
      title.remove_prefix(std::min(title.find_first_not_of('#'), title.size()));
      title = trim_blanks(title);
      const auto closing = title.find_last_not_of('#');
      if (closing == std::string_view::npos) {
        title = {};
      } else if (closing + 1 < title.size() && is_blank(title[closing])) {
        title = trim_blanks(title.substr(0, closing + 1));
      }
      visitor_.heading(cmark_node_get_heading_level(node), title, first);
      return;
    }
    // Setext: the lines above the underline.
    std::string joined(title);
    for (int number = first + 1; number < last; ++number) {
      joined += ' ';
      joined += trim_blanks(continuation(number));
    }
    visitor_.heading(cmark_node_get_heading_level(node), joined, first);
  }

  void paragraph(cmark_node* node) {
    const int first = cmark_node_get_start_line(node);
    const int last = std::max(first, cmark_node_get_end_line(node));
    cmark_node* parent = cmark_node_parent(node);
    const bool first_in_item =
        parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM && cmark_node_previous(node) == nullptr;
    for (int number = first; number <= last; ++number) {
      MarkdownTextLine text;
      text.line = number;
      text.item_depth = item_depth_;
      text.opens_item = first_in_item && number == first;
      text.text = number == first ? from_column(number, cmark_node_get_start_column(node)) : continuation(number);
      text.indent = text.opens_item ? cmark_node_get_start_column(parent) - 1 : leading_blanks(line(number));
      visitor_.text_line(text);
    }
  }

  static int leading_blanks(std::string_view text) {
    int width = 0;
    for (const char c : text) {
      if (c == ' ') {
        ++width;
      } else if (c == '\t') {
        width += 4;
      } else {
        break;
      }
    }
    return width;
  }

  void code_block(cmark_node* node) {
    const int first = cmark_node_get_start_line(node);
    const int last = cmark_node_get_end_line(node);
    int length = 0;
    int offset = 0;
    char character = '`';
    if (cmark_node_get_fenced(node, &length, &offset, &character) == 0) {
      for (int number = first; number <= last; ++number) visitor_.code_line(line(number), number);
      return;
    }
    const auto closing = trim_blanks(continuation(last));
    const auto run = std::min(closing.find_first_not_of(character), closing.size());
    const bool closed = last > first && run >= static_cast<std::size_t>(length) && run == closing.size();
    for (int number = first + 1; number <= (closed ? last - 1 : last); ++number) {
      visitor_.code_line(line(number), number);
    }
    if (!closed) {
      visitor_.unclosed("a code fence", first, cmark_node_get_start_column(node),
                        std::string(static_cast<std::size_t>(length), character));
    }
  }

  void html_block(cmark_node* node) {
    const int first = cmark_node_get_start_line(node);
    const int last = cmark_node_get_end_line(node);
    const char* literal = cmark_node_get_literal(node);
    const std::string_view html = trim_blanks(literal == nullptr ? std::string_view{} : std::string_view(literal));
    if (html.starts_with("<!--")) {
      // A comment hides what it holds.
      if (html.find("-->", 4) == std::string_view::npos) {
        visitor_.unclosed("an HTML comment (<!--)", first, cmark_node_get_start_column(node), "-->");
      }
      return;
    }
    for (int number = first; number <= last; ++number) {
      MarkdownTextLine text;
      text.line = number;
      text.item_depth = item_depth_;
      text.text = continuation(number);
      text.indent = leading_blanks(line(number));
      visitor_.text_line(text);
    }
  }

  const std::vector<std::string_view>& lines_;
  MarkdownBlockVisitor& visitor_;
  int item_depth_ = 0;
  int quote_depth_ = 0;
};

}  // namespace

void walk_markdown_blocks(std::string_view text, MarkdownBlockVisitor& visitor) {
  const auto lines = source_lines(text);
  const auto document = parse(structure_copy(lines));
  if (!document) return;
  BlockWalk(lines, visitor).run(document.get());
}

}  // namespace prhost::util
