// Text from outside prhost (a plugin's name or messages, a file's content)
// may hold terminal escape sequences or bytes that are not UTF-8. printable()
// makes it safe to print and to put in JSON: control characters and invalid
// bytes become visible escapes ("\x1b"), so a hostile string can neither
// recolour nor rewrite the user's terminal, nor make a JSON encoder throw.
#pragma once

#include <string>
#include <string_view>

namespace prhost::util {

// Keeps valid UTF-8 (and, when `allow_newlines`, '\n' and '\t'); escapes C0
// and C1 control characters, DEL and invalid bytes as \xNN.
std::string printable(std::string_view text, bool allow_newlines = false);

}  // namespace prhost::util
