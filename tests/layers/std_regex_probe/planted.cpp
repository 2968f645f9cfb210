// A planted offender: Layers.forbid_std_regex_catches_planted proves the
// build's check names this file. Never compiled.
#include <regex>

bool matches(const char* text) { return std::regex_search(text, std::regex("a+")); }
