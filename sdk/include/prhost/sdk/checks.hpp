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

using RepairStep = std::variant<RunCommandStep, WriteFileStep, SetTomlKeyStep>;

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
};

struct DiagnosticCheck {
  std::string id;     // e.g. "codeflash-importable"
  std::string title;  // one line, shown before the result
  int order = 100;    // checks run in ascending order
  std::function<CheckResult(const CheckContext&, HostServices&)> run;
};

}  // namespace prhost::sdk
