// Explicit benchmark inputs, the first choice for every function:
// `[[benchmark]]` entries in prhost.toml, and fenced ```python blocks written
// under an optimization in .codeflash/HANDOFF.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace prhost::bench {

struct InputHint {
  std::string origin;  // "prhost.toml [[benchmark]]" or ".codeflash/HANDOFF.md:42"
  std::vector<std::string> imports;
  std::string setup;  // statements
  std::string call;   // one expression
};

// The [[benchmark]] entry for a function: `function` may be `module:Qualname`,
// the qualname, or the bare name (the first entry that matches wins).
std::optional<InputHint> config_hint(const std::vector<config::BenchmarkHint>& hints, const std::string& module,
                                     const std::string& qualname, const std::string& name);

// A ```python block in HANDOFF.md under a heading or item that names the
// optimization's commit (its SHA or a 7+ digit prefix), whose last statement
// calls `name`: imports become imports, the last statement the call (an
// assignment's right-hand side, `await` dropped), the rest the setup.
std::optional<InputHint> handoff_hint(std::string_view handoff_text, const std::string& commit_sha,
                                      const std::string& name, const std::string& file_name = ".codeflash/HANDOFF.md");

}  // namespace prhost::bench
