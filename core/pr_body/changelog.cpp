#include "pr_body/changelog.hpp"

#include "prhost/sdk/helpers/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "util/read_file.hpp"

namespace prhost::pr_body {
namespace {

constexpr std::array<std::string_view, 4> kStems{"changelog", "changes", "history", "news"};
constexpr std::array<std::string_view, 5> kExtensions{".md", ".rst", ".txt", ".markdown", ""};
constexpr std::array<std::string_view, 3> kFragmentDirectories{"changelog.d", "newsfragments", "changes"};

bool is_changelog_name(const std::string& name) {
  const auto lower = sdk::helpers::to_lower(name);
  for (const auto stem : kStems) {
    for (const auto extension : kExtensions) {
      if (lower == std::string(stem) + std::string(extension)) return true;
    }
  }
  return false;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool is_rst_underline(const std::string& line) {
  return line.size() >= 3 && std::string_view("=-~^*+#").find(line[0]) != std::string_view::npos &&
         line.find_first_not_of(line[0]) == std::string::npos;
}

struct Heading {
  std::size_t line = 0;
  std::string text;
  std::string marker;  // "##" for markdown, the underline character for rst
};

std::vector<Heading> headings(const std::vector<std::string>& lines, bool rst) {
  std::vector<Heading> found;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (!rst && line.starts_with("#")) {
      const auto hashes = line.find_first_not_of('#');
      if (hashes != std::string::npos && line[hashes] == ' ')
        found.push_back({i, line.substr(hashes + 1), line.substr(0, hashes)});
    } else if (rst && i + 1 < lines.size() && !line.empty() && line[0] != ' ' && is_rst_underline(lines[i + 1])) {
      found.push_back({i, line, std::string(1, lines[i + 1][0])});
      ++i;
    }
  }
  return found;
}

std::string bullet_after(const std::vector<std::string>& lines, std::size_t from) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    const auto& line = lines[i];
    for (const auto* bullet : {"- ", "* ", "+ "}) {
      if (line.starts_with(bullet)) return std::string(1, bullet[0]);
    }
  }
  return "-";
}

std::string heading_text(const Heading& heading, bool rst) {
  if (!rst) return heading.marker + " " + heading.text;
  return heading.text + "\n" + std::string(heading.text.size(), heading.marker[0]);
}

}  // namespace

std::string find_changelog(const std::filesystem::path& root) {
  for (const auto* directory : {"", "docs", "doc"}) {
    std::error_code error;
    const auto dir = root / directory;
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
      if (entry.is_regular_file(error) && is_changelog_name(entry.path().filename().string())) {
        names.push_back(entry.path().filename().string());
      }
    }
    std::sort(names.begin(), names.end());
    if (!names.empty()) return (std::filesystem::path(directory) / names.front()).string();
  }
  for (const auto fragments : kFragmentDirectories) {
    std::error_code error;
    if (std::filesystem::is_directory(root / fragments, error)) return std::string(fragments) + "/";
  }
  return {};
}

ChangelogSuggestion suggest_entry(const std::string& path, std::string_view text, std::string_view entry) {
  ChangelogSuggestion suggestion;
  suggestion.path = path;
  if (path.ends_with("/")) {  // towncrier: one fragment file per change
    suggestion.heading = "a new fragment in " + path;
    suggestion.entry = std::string(entry);
    return suggestion;
  }
  const bool rst = sdk::helpers::to_lower(path).ends_with(".rst");
  const auto lines = lines_of(text);
  const auto found = headings(lines, rst);
  // The first heading is usually the file's title; releases come after it.
  const std::size_t first_release = found.size() > 1 ? 1 : 0;
  const Heading* unreleased = nullptr;
  for (const auto& heading : found) {
    if (sdk::helpers::to_lower(heading.text).find("unreleased") != std::string::npos) {
      unreleased = &heading;
      break;
    }
  }
  std::size_t bullets_from = 0;
  if (unreleased != nullptr) {
    suggestion.heading = heading_text(*unreleased, rst);
    bullets_from = unreleased->line;
  } else if (!found.empty()) {
    Heading fresh = found[first_release];
    fresh.text = "Unreleased";
    suggestion.heading = heading_text(fresh, rst);
    suggestion.new_heading = true;
    bullets_from = found[first_release].line;
  } else {
    suggestion.heading = rst ? "Unreleased\n----------" : "## Unreleased";
    suggestion.new_heading = true;
  }
  suggestion.entry = bullet_after(lines, bullets_from) + " " + std::string(entry);
  return suggestion;
}

ChangelogSuggestion changelog_suggestion(const std::filesystem::path& root, std::string_view entry) {
  const auto path = find_changelog(root);
  if (path.empty()) return {};
  if (path.ends_with("/")) return suggest_entry(path, "", entry);
  return suggest_entry(path, util::read_text_file(root / path).value_or(""), entry);
}

}  // namespace prhost::pr_body
