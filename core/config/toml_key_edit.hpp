// Setting one key in a TOML file the user wrote (pyproject.toml) without
// touching anything else: comments, key order, quoting, blank lines and line
// endings stay byte for byte. toml++ parses but does not write back text, so
// the edit is made on the text at positions toml++ reports, and the result
// is parsed again and compared with the original before anything is written:
// an edit that would change any other value, or leave invalid TOML, is
// refused instead.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace prhost::config {

// `text` with `key = value_toml` set in `[table]` (a dotted name such as
// "tool.codeflash"): the value replaced where the key exists, the line added
// after the table's last key where the table exists, or the table appended at
// the end. The error names the file's line and column when `text` is not
// valid TOML, or says why the edit cannot be made safely.
tl::expected<std::string, std::string> with_toml_key(std::string_view text, std::string_view source_name,
                                                     const std::string& table, const std::string& key,
                                                     const std::string& value_toml);

}  // namespace prhost::config
