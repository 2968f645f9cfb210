// The block structure of a markdown document, as cmark-gfm (CommonMark plus
// GitHub tables) sees it, reported in source terms: every callback carries
// the raw source text of its line and the line's 1-based number, so a
// reader can apply its own judgement to what was written and point warnings
// at the right place. No markdown rule is re-implemented here or by readers.
#pragma once

#include <string>
#include <string_view>

namespace prhost::util {

// One source line of a paragraph (or of an HTML block that is not a comment).
struct MarkdownTextLine {
  std::string_view text;    // raw markdown; container prefixes ("> ", list markers) removed
  int line = 0;             // 1-based
  bool opens_item = false;  // the first line of a list item ("- abc1234 ..." after its marker)
  int indent = 0;           // column of the item's marker, or the line's own indentation
  int item_depth = 0;       // list items around the line (0 outside lists)
};

class MarkdownBlockVisitor {
 public:
  virtual ~MarkdownBlockVisitor() = default;
  // ATX or setext heading; `title` is the raw text without the #s or underline.
  virtual void heading(int level, std::string_view title, int line) = 0;
  virtual void text_line(const MarkdownTextLine& line) = 0;
  // A list item at `item_depth` (1 = outermost) has ended.
  virtual void item_end(int item_depth) = 0;
  virtual void table_begin() = 0;
  // The raw row ("| a | b |"); `header` for the table's first row.
  virtual void table_row(std::string_view row, int line, bool header) = 0;
  virtual void table_end() = 0;
  // A line of a fenced or indented code block, raw (indentation kept).
  virtual void code_line(std::string_view text, int line) = 0;
  // A block that never closes: "<!--" without "-->", or a fence without its
  // closing fence; `closer` is what would have closed it.
  virtual void unclosed(std::string_view what, int line, int column, std::string_view closer) = 0;
};

// Walks `text` (NUL-free; CR LF and CR line ends are fine) in document order.
// Linear in the size of the text, whatever it holds.
void walk_markdown_blocks(std::string_view text, MarkdownBlockVisitor& visitor);

}  // namespace prhost::util
