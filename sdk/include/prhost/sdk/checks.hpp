// Diagnostic checks (phase 2, `prhost doctor`). A check only looks; a repair
// is returned as data and applied by the host when the user asks (`--fix`).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/project.hpp"
#include "prhost/sdk/runner.hpp"

namespace prhost::sdk {

enum class CheckStatus { Ok, Warning, Error, NotApplicable, Crashed };

struct RunCommandStep {
  Command command;
};

struct WriteFileStep {
  std::filesystem::path path;  // relative to the project root
  std::string content;
  bool only_if_missing = true;
};

// Sets `key = value` in `[table]` of a TOML file, editing the text in place so
// comments and layout survive.
struct SetTomlKeyStep {
  std::filesystem::path file;  // relative to the project root
  std::string table;           // e.g. "tool.codeflash"
  std::string key;
  std::string value_toml;  // a TOML literal, e.g. "\"tests/benchmarks\""
};

// A command that changes the user's environment (installs packages, creates
// an environment): applied only with `--fix --yes` (ABI 2.2). A separate
// alternative rather than a flag on RunCommandStep, so the variant keeps its
// size and a 2.1 plugin's steps keep their meaning.
struct ConfirmedCommandStep {
  Command command;
  std::string changes;  // what it changes, shown before it runs: "installs memray into .venv"
};

using RepairStep = std::variant<RunCommandStep, WriteFileStep, SetTomlKeyStep, ConfirmedCommandStep>;

// Whether `--fix` may apply the step only when the user also said `--yes`.
inline bool needs_yes(const RepairStep& step) { return std::holds_alternative<ConfirmedCommandStep>(step); }

struct Repair {
  std::string summary;
  std::vector<RepairStep> steps;
};

struct CheckResult {
  CheckStatus status = CheckStatus::Ok;
  std::string message;
  std::vector<std::string> hints;
  std::optional<Repair> repair;
};

struct CheckContext {
  Project project;
  std::string runner_id;            // e.g. "uv"
  std::vector<std::string> python;  // how to run the project's Python
  std::string base_ref;
  std::string head_ref;
  std::string benchmarks_root;               // relative to the project root
  std::vector<std::string> benchmark_files;  // relative to the project root
  // ABI 2.2 — appended, so a 2.1 plugin still reads the fields above at the
  // same offsets (the host builds this struct; plugins only read it).
  RunnerEnvironment environment;     // what the runner found, without creating anything
  std::string backend;               // "builtin", "codeflash" or "auto" (compare --backend)
  bool memory = false;               // the comparison will run with --memory
  std::vector<std::string> domains;  // domains of the optimizations being checked
  std::vector<int> optimizations;    // their inventory numbers, empty for explicit refs
};

struct DiagnosticCheck {
  std::string id;     // e.g. "codeflash-importable"
  std::string title;  // one line, shown before the result
  int order = 100;    // checks run in ascending order
  std::function<CheckResult(const CheckContext&, HostServices&)> run;
};

// What `prhost doctor --list` and docs/doctor.md say about a check (ABI 2.2).
// Registered beside the check (Registry::add_check_description) instead of
// as fields of DiagnosticCheck, because a 2.1 plugin passes DiagnosticCheck
// by value and a longer struct would be read past its end.
struct CheckDescription {
  std::string id;        // the check's id
  std::string looks_at;  // "`poetry env info -p` (never `poetry run`)"
  std::string repair;    // "`poetry install`, only with --fix --yes"; empty when there is none
};

}  // namespace prhost::sdk
