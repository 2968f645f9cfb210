// Writes a file so that readers see the old content or the new, never half:
// the text goes to a temporary file beside the target, then rename(2)
// replaces the target in one step.
#pragma once

#include <filesystem>
#include <string_view>

namespace prhost::util {

// Creates parent directories as needed. Throws std::system_error naming the
// path; on failure the target is untouched and no temporary file remains.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace prhost::util
