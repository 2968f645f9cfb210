// Reads a whole file as bytes. The one place prhost does it, so every reader
// treats a missing file, a directory and an unreadable file alike.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace prhost::util {

// The file's content; nullopt when `path` is not a regular file or cannot be
// opened.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// A file the user gives prhost (HANDOFF.md, results.tsv): absent is fine and
// quiet, but a directory, a fifo, a device (a symlink to /dev/zero), a
// dangling symlink, an unreadable or a huge file is a `problem` to show.
struct InputFile {
  std::optional<std::string> text;  // set when it was read
  std::string problem;              // why it was not read (empty when absent or read)
};
inline constexpr std::uintmax_t kMaxInputBytes = 256ULL << 20;
InputFile read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxInputBytes);

}  // namespace prhost::util
