// A problem found in one of the inventory's inputs, pointing at the line so
// the user can fix it.
#pragma once

#include <string>

namespace prhost::inventory {

struct SourceWarning {
  std::string file;  // e.g. ".codeflash/HANDOFF.md"; empty for git-wide notes
  int line = 0;      // 1-based; 0 when the warning is about the whole file
  std::string message;

  // "file:line: message" (or "file: message", or just the message).
  [[nodiscard]] std::string text() const {
    if (file.empty()) return message;
    if (line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ": " + message;
  }
};

}  // namespace prhost::inventory
