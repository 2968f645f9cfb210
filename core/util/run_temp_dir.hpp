// One temporary directory per prhost run for whatever its child processes
// write: every child gets it as TMPDIR, and pytest-benchmark keeps its
// storage there. A tool that leaves files in its TMPDIR (pytest's
// `tmpXXXX/metadata` when killed, codeflash's `codeflash/`) therefore leaves
// them inside prhost's own directory, which goes when prhost exits — or, after
// a SIGKILL, with the next run's sweep (its name carries the pid).
#pragma once

#include <filesystem>

namespace prhost::util {

// `<temp_root>/prhost-run-<pid>-XXXXXX`, created on first use, removed at
// normal exit. Throws TempDirError when the temporary directory is unusable.
std::filesystem::path run_temp_dir();

// Removes it now (idempotent; the next run_temp_dir() makes a new one).
// For exit paths that skip static destructors and for "nothing was left
// behind" checks.
void remove_run_temp_dir() noexcept;

}  // namespace prhost::util
