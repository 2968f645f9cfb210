#include "doctor/repair_text.hpp"

#include <fmt/format.h>

#include <variant>

namespace prhost::doctor {
namespace {

bool needs_quotes(const std::string& word) {
  if (word.empty()) return true;
  return word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~!") != std::string::npos;
}

std::string quoted(const std::string& word) {
  if (!needs_quotes(word)) return word;
  std::string text = "'";
  for (char c : word) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return text + "'";
}

std::string where(const std::filesystem::path& cwd, const std::filesystem::path& root) {
  return cwd.empty() ? root.string() : cwd.string();
}

}  // namespace

std::string shell_words(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& word : argv) text += (text.empty() ? "" : " ") + quoted(word);
  return text;
}

std::string describe_step(const sdk::RepairStep& step, const std::filesystem::path& project_root) {
  return std::visit(
      [&](const auto& s) -> std::string {
        using Step = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<Step, sdk::RunCommandStep>) {
          return fmt::format("run `{}` in {}", shell_words(s.command.argv), where(s.command.cwd, project_root));
        } else if constexpr (std::is_same_v<Step, sdk::ConfirmedCommandStep>) {
          return fmt::format("run `{}` in {}{} (needs --yes)", shell_words(s.command.argv),
                             where(s.command.cwd, project_root), s.changes.empty() ? "" : ": " + s.changes);
        } else if constexpr (std::is_same_v<Step, sdk::WriteFileStep>) {
          return fmt::format("write {} ({} bytes{})", s.path.string(), s.content.size(),
                             s.only_if_missing ? ", only if it does not exist" : "");
        } else {
          return fmt::format("set {} = {} in [{}] of {}", s.key, s.value_toml, s.table, s.file.string());
        }
      },
      step);
}

}  // namespace prhost::doctor
