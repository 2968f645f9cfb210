// The judgement on HANDOFF.md's words, one question per function: what is a
// SHA, what is its description, which domain tag does a line carry, what
// does a status cell say. Pure text functions; the block structure they are
// applied to comes from cmark-gfm (util/markdown_blocks.hpp).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/handoff_parser.hpp"
#include "prhost/sdk/helpers/text.hpp"

namespace prhost::inventory::handoff {

// The shared text helper's rules, under the names this area reads best with.
using sdk::helpers::is_space;
using sdk::helpers::trim;
inline bool is_word(char c) { return sdk::helpers::is_word_char(c); }
inline std::string lowercase(std::string_view text) { return sdk::helpers::to_lower(text); }
bool is_hex(char c);
bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles);

// Markdown emphasis, code spans, links, images and tags down to their text.
std::string strip_markdown(std::string_view text);
std::string_view strip_task_box(std::string_view text);
// A table row's cells, "\|" kept as a literal pipe.
std::vector<std::string> split_cells(std::string_view row);

// "✅ kept", "discarded", "pending": what a table's status cell says.
SectionKind classify_status(std::string_view cell);

struct ShaToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string sha;  // lowercased
};
// Hex words of 7..40 digits that are written as commits.
std::vector<ShaToken> find_sha_tokens(std::string_view text, bool context_is_commit);

// Removes domain tags ("mem: ", "[cpu]", "Domain: mem") from `description`
// and returns the known domains they name.
std::vector<std::string> take_domain_tags(std::string& description, const DomainVocabulary& known);

// The description of the SHA(s) on one line: the text after the last SHA,
// else the text before the first one.
std::string describe_around(std::string_view content, const std::vector<ShaToken>& tokens);

}  // namespace prhost::inventory::handoff
