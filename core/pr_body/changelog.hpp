// A changelog section only when the project keeps a changelog: finds it
// (CHANGELOG.md, CHANGES.rst, HISTORY.md, NEWS, docs/changelog.rst, …, or a
// towncrier fragments directory) and shapes the suggested entry the way that
// file already writes them — its "Unreleased" heading (or a new one at the
// level its releases use) and its bullet character.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "pr_body/evidence.hpp"

namespace prhost::pr_body {

// The changelog of the project at `root`, relative to it; empty when none.
std::string find_changelog(const std::filesystem::path& root);

// The suggestion for `entry` (one sentence, no bullet) in the style of the
// file `path` whose content is `text`.
ChangelogSuggestion suggest_entry(const std::string& path, std::string_view text, std::string_view entry);

// find_changelog + suggest_entry; an empty suggestion when there is none.
ChangelogSuggestion changelog_suggestion(const std::filesystem::path& root, std::string_view entry);

}  // namespace prhost::pr_body
