#include "util/printable.hpp"

#include <cstdio>

namespace prhost::util {
namespace {

void escape(std::string& out, unsigned char byte) {
  char buffer[5];
  std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
  out += buffer;
}

// Length of the valid UTF-8 sequence at `text[i]` (2-4), 0 when invalid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  unsigned minimum = 0;
  unsigned code = 0;
  if ((byte & 0xE0) == 0xC0) {
    length = 2, minimum = 0x80, code = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3, minimum = 0x800, code = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4, minimum = 0x10000, code = byte & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  const bool c1_control = code >= 0x80 && code <= 0x9F;  // U+009B is CSI to some terminals
  if (code < minimum || code > 0x10FFFF || surrogate || c1_control) return 0;
  return length;
}

}  // namespace

std::string printable(std::string_view text, bool allow_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      const bool control = byte < 0x20 || byte == 0x7F;
      const bool kept_whitespace = allow_newlines && (byte == '\n' || byte == '\t');
      if (control && !kept_whitespace) {
        escape(out, byte);
      } else {
        out.push_back(static_cast<char>(byte));
      }
      ++i;
      continue;
    }
    if (const auto length = utf8_length(text, i); length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      // An invalid lead byte, or a C1 control: escape the first byte only,
      // so the next one gets its own chance to start a valid sequence.
      escape(out, byte);
      ++i;
    }
  }
  return out;
}

}  // namespace prhost::util
