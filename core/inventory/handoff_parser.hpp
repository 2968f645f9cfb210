// Reads .codeflash/HANDOFF.md, free-form markdown written by people or
// agents, and finds the commits it says were kept: SHAs (7-40 hex digits)
// with their descriptions in sections such as "Optimizations committed",
// list items, paragraphs or tables. Sections such as "Discarded experiments",
// "Next steps" or "Files modified" are not kept. Pure text in, data out; it
// never throws on odd markdown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inventory/domain_words.hpp"
#include "inventory/source_warning.hpp"

namespace prhost::inventory {

// What a heading says about the SHAs under it.
enum class SectionKind {
  Neutral,    // says nothing ("Summary", "### 1. Inline as_string"): inherits from its parent
  Kept,       // "Optimizations committed", "Kept", "Landed"
  Discarded,  // "Discarded experiments", "Reverted", "Didn't work"
  Other,      // "Next steps", "Ideas", "Files modified": not optimizations either
};

SectionKind classify_heading(std::string_view heading);

struct HandoffEntry {
  std::string sha;                            // as written, lowercased (may be a prefix)
  std::string description;                    // markdown stripped; may be empty
  int line = 0;                               // 1-based
  std::vector<std::string> declared_domains;  // from a tag, a Domain column or the heading
  std::string section;                        // the heading it was found under
};

struct HandoffMention {
  std::string sha;
  int line = 0;
  std::string section;
};

struct HandoffParse {
  std::vector<HandoffEntry> entries;      // kept, de-duplicated by SHA as written, in document order
  std::vector<HandoffMention> discarded;  // SHAs under discarded sections or rows
  std::vector<SourceWarning> warnings;
  std::vector<std::string> notes;
  bool found_kept_section = false;
};

// `file_name` appears in warnings; `known_domains` are the plugins' domain ids.
HandoffParse parse_handoff(std::string_view text, const DomainVocabulary& known_domains,
                           const std::string& file_name = ".codeflash/HANDOFF.md");

}  // namespace prhost::inventory
