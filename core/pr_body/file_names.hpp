// Where each PR body goes: `.codeflash/pr-body-<function>.md`. The name is
// built from untrusted text (function names come from the user's code), so
// it is sanitized — letters, digits, `_`, `-` and single dots only, no path
// separator, no `..`, bounded length — and two functions of the same name in
// different modules get their module in the name instead of colliding.
#pragma once

#include <string>
#include <vector>

namespace prhost::pr_body {

inline constexpr std::size_t kMaxNameLength = 80;

struct PrBodyTarget {
  std::string module;    // "pkg.items"; empty when the optimization changed no function
  std::string qualname;  // "InlineTable.as_string"
  std::string fallback;  // used when there is no function, e.g. the short SHA
};

// `text` reduced to [A-Za-z0-9_.-], without leading dots or `..`, at most
// kMaxNameLength characters (a long name keeps a hash of the whole, so two
// long names stay apart); never empty.
std::string sanitize_name(const std::string& text);

// One file name per target, in order, all distinct: "pr-body-count_words.md",
// "pr-body-pkg.a.parse.md" / "pr-body-pkg.b.parse.md" when two share a name.
std::vector<std::string> pr_body_file_names(const std::vector<PrBodyTarget>& targets);

}  // namespace prhost::pr_body
