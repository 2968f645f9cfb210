// Temporary paths left behind by a prhost that could not clean up: a SIGKILL
// (or a power cut) runs no destructor and no signal handler. TempPath names
// carry their owner's pid, so the next prhost removes every one whose owner
// is gone — files and directories alike.
#pragma once

#include <filesystem>
#include <vector>

namespace prhost::util {

// Removes every `prhost-*-<pid>-XXXXXX` entry of `temp_dir` whose pid names
// no live process. A live owner (even one reusing an old pid) keeps its
// paths: the sweep errs on the side of leaving things. Returns what it
// removed; never throws.
std::vector<std::filesystem::path> remove_stale_temp_paths(const std::filesystem::path& temp_dir);

// Every entry of `temp_dir` made by TempPath for process `pid` (what an exit
// check expects to be gone).
std::vector<std::filesystem::path> temp_paths_of(const std::filesystem::path& temp_dir, pid_t pid);

}  // namespace prhost::util
