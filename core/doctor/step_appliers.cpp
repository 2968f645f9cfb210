#include "doctor/step_appliers.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <variant>

#include "config/toml_key_edit.hpp"
#include "doctor/repair_text.hpp"
#include "util/atomic_write.hpp"
#include "util/read_file.hpp"

namespace prhost::doctor {
namespace {

TomlKeyEditor& toml_editor() {
  static TomlKeyEditor editor;
  return editor;
}

std::filesystem::path resolve(const std::filesystem::path& path, const std::filesystem::path& root) {
  return path.is_absolute() ? path : root / path;
}

// The last non-empty line of a failed command's output: usually the error.
std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of("\r\n ");
  if (end == std::string::npos) return {};
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

void run_command(const sdk::Command& command, const ApplyOptions& options, sdk::HostServices& services,
                 AppliedStep& applied) {
  sdk::ProcessRequest request;
  request.argv = command.argv;
  request.cwd = command.cwd.empty() ? options.project_root : command.cwd;
  request.timeout = std::chrono::minutes(20);  // installs may download
  const auto result = services.run(request);
  if (result.ok()) return;
  applied.outcome = AppliedStep::Outcome::Failed;
  if (result.failed_to_start) {
    applied.detail =
        fmt::format("`{}` could not be started (not on PATH?)", command.argv.empty() ? "" : command.argv[0]);
  } else if (result.timed_out) {
    applied.detail = "timed out";
  } else {
    const auto line = last_line(result.err.empty() ? result.out : result.err);
    applied.detail = fmt::format("exited with {}{}", result.exit_code, line.empty() ? "" : ": " + line);
  }
}

void write_file(const sdk::WriteFileStep& step, const ApplyOptions& options, AppliedStep& applied) {
  const auto path = resolve(step.path, options.project_root);
  if (step.only_if_missing && std::filesystem::exists(path)) {
    applied.detail = path.string() + " exists already; left as it is";
    return;
  }
  util::write_file_atomically(path, step.content);
}

// "<root>/.codeflash/backup/pyproject.toml.20261204-153012"
std::filesystem::path backup_path(const std::filesystem::path& file, const std::filesystem::path& root) {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return root / ".codeflash" / "backup" / fmt::format("{}.{:%Y%m%d-%H%M%S}", file.filename().string(), utc);
}

// The built-in editor: the edit is computed and verified on the text first
// (config::with_toml_key), the original is copied to .codeflash/backup/, and
// the new text replaces the file in one rename.
std::optional<std::string> edit_toml_file(const sdk::SetTomlKeyStep& step, const std::filesystem::path& root,
                                          AppliedStep& applied) {
  const auto file = resolve(step.file, root);
  const auto original = util::read_text_file(file);
  if (!original) return "cannot read " + file.string();
  const auto edited = config::with_toml_key(*original, file.string(), step.table, step.key, step.value_toml);
  if (!edited) return edited.error();
  if (*edited == *original) {
    applied.detail = step.key + " already has this value; " + file.string() + " left as it is";
    return std::nullopt;
  }
  const auto backup = backup_path(file, root);
  util::write_file_atomically(backup, *original);
  util::write_file_atomically(file, *edited);
  applied.detail = "backup of the original: " + backup.string();
  return std::nullopt;
}

void set_toml_key(const sdk::SetTomlKeyStep& step, const ApplyOptions& options, AppliedStep& applied) {
  const auto error =
      toml_editor() ? toml_editor()(resolve(step.file, options.project_root), step.table, step.key, step.value_toml)
                    : edit_toml_file(step, options.project_root, applied);
  if (error) {
    applied.outcome = AppliedStep::Outcome::Failed;
    applied.detail = *error;
  }
}

}  // namespace

void set_toml_key_editor(TomlKeyEditor editor) { toml_editor() = std::move(editor); }

AppliedStep apply_step(const sdk::RepairStep& step, const ApplyOptions& options, sdk::HostServices& services) {
  AppliedStep applied{describe_step(step, options.project_root), AppliedStep::Outcome::Applied, {}};
  if (sdk::needs_yes(step) && !options.yes) {
    applied.outcome = AppliedStep::Outcome::NeedsYes;
    applied.detail = "changes your environment; run again with --fix --yes to apply it";
    return applied;
  }
  try {
    std::visit(
        [&](const auto& s) {
          using Step = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<Step, sdk::RunCommandStep> || std::is_same_v<Step, sdk::ConfirmedCommandStep>) {
            run_command(s.command, options, services, applied);
          } else if constexpr (std::is_same_v<Step, sdk::WriteFileStep>) {
            write_file(s, options, applied);
          } else {
            set_toml_key(s, options, applied);
          }
        },
        step);
  } catch (const std::exception& error) {
    applied.outcome = AppliedStep::Outcome::Failed;
    applied.detail = error.what();
  }
  return applied;
}

}  // namespace prhost::doctor
