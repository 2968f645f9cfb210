// Paths a user gives that prhost writes under or copies from — `[prhost]
// benchmarks-root`, pyproject.toml's `[tool.codeflash] benchmarks-root`,
// `compare --inject` and `--benchmark` — are meant inside the repository,
// relative to its root. One rule for all of them, so `bench` never writes
// outside the repository (`../../x` and `/tmp/x` used to be accepted).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace prhost::config {

// Why `path` does not name a place inside the repository (absolute, empty,
// climbing out with "..", or into .git), as a phrase to follow the path in a
// message; nullopt when it is fine. Lexical: symlinks are for the caller
// (see resolved_outside()).
std::optional<std::string> path_leaving_repository(std::string_view path);

// True when `relative`, resolved under `root` through any symlinks, ends up
// outside `root`.
bool resolved_outside(const std::filesystem::path& root, const std::filesystem::path& relative);

}  // namespace prhost::config
