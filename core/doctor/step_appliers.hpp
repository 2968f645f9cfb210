// Applies repair steps exactly as describe_step() shows them: commands run
// with Boost.Process argv (HostServices::run, never a shell), files are
// written atomically, TOML keys are set by a text editor that keeps every
// other byte (config::with_toml_key).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "doctor/doctor_types.hpp"
#include "prhost/sdk/checks.hpp"
#include "prhost/sdk/host_services.hpp"

namespace prhost::doctor {

// Sets `key = value_toml` in `[table]` of the file; returns an error text, or
// nullopt on success. The file is never half-written.
using TomlKeyEditor =
    std::function<std::optional<std::string>(const std::filesystem::path& file, const std::string& table,
                                             const std::string& key, const std::string& value_toml)>;

// Replaces the editor SetTomlKeyStep uses (tests observe the call with one);
// an empty editor restores the built-in one, which keeps every other byte,
// verifies the result by parsing it, backs the original up in
// .codeflash/backup/ and writes atomically.
void set_toml_key_editor(TomlKeyEditor editor);

struct ApplyOptions {
  std::filesystem::path project_root;
  bool yes = false;  // steps that need --yes may run
};

// One step. Never throws for a failing step: the outcome says what happened.
AppliedStep apply_step(const sdk::RepairStep& step, const ApplyOptions& options, sdk::HostServices& services);

}  // namespace prhost::doctor
