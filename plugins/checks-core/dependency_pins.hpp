// Exact dependency pins a project records at one ref: lock files (uv.lock,
// poetry.lock), requirements files and `==` pins in pyproject.toml. Pure
// text functions, so the pin check can compare two refs without checking
// either out.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace prhost::plugins::checks_core {

// normalized package name ("typing-extensions") -> pinned version
using Pins = std::map<std::string, std::string>;

// PEP 503 name normalization: lower case, runs of "-", "_", "." become "-".
std::string normalize_package_name(std::string_view name);

// `[[package]]` name/version pairs of a uv.lock or poetry.lock.
Pins pins_from_lock(std::string_view text);
// `name==version` lines (extras, markers, comments and options ignored).
Pins pins_from_requirements(std::string_view text);
// `==` pins in [project] dependencies / optional-dependencies and bare or
// `==` versions in [tool.poetry.*dependencies].
Pins pins_from_pyproject(std::string_view text);

struct PinSource {
  std::string file;  // "uv.lock"
  Pins pins;
};

// The first pin file the ref has, in order of authority (a lock file over
// requirements over pyproject), read through `read` (path -> text at the ref).
std::optional<PinSource> pins_at_ref(const std::function<std::optional<std::string>(const std::string&)>& read);

}  // namespace prhost::plugins::checks_core
