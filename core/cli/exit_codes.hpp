// Exit codes with one meaning each, documented in `prhost --help`.
#pragma once

namespace prhost::cli::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;        // the work ran and found a problem (e.g. doctor errors)
inline constexpr int kUsage = 2;          // bad command line (CLI11 also uses 2... kept aligned)
inline constexpr int kBadInput = 3;       // malformed prhost.toml, HANDOFF.md, JSON; unknown ref
inline constexpr int kEnvironment = 4;    // not a git repository, missing tool, no plugin loaded
inline constexpr int kRegression = 5;     // compare --fail-on-regression found a slowdown
inline constexpr int kInterrupted = 130;  // SIGINT/SIGTERM; everything was cleaned up

}  // namespace prhost::cli::exit_code
