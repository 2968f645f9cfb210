// The parsers under fuzz, as data: one row per parser that reads a user's
// (or a tool's) file. `run` returns normally for any input it accepts or
// refuses the documented way (ConfigError, MarkdownParseError); anything
// else — another exception, a broken invariant, a crash — is a finding.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace prhost::fuzz {

// A result that contradicts what the parser promises (a SHA that is not
// hex, a line number past the end, a config value outside its range).
class InvariantBroken : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

struct FuzzTarget {
  std::string name;   // also the corpus directory: tests/fuzz/corpus/<name>/
  std::string reads;  // what file it is, for messages
  std::function<void(std::string_view input)> run;
  std::vector<std::string> dictionary;  // tokens its format cares about
};

const std::vector<FuzzTarget>& fuzz_targets();
// Targets with a planted bug (planted_targets.cpp): they prove the loop finds one.
const std::vector<FuzzTarget>& planted_targets();
const FuzzTarget* find_target(std::string_view name);

}  // namespace prhost::fuzz
