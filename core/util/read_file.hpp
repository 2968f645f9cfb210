// Reads a whole file as bytes. The one place prhost does it, so every reader
// treats a missing file, a directory and an unreadable file alike.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace prhost::util {

// The file's content; nullopt when `path` is not a regular file or cannot be
// opened.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace prhost::util
