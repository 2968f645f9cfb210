// Runner adapters: how Python runs in a project (uv, poetry, pip, ...).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/project.hpp"

namespace prhost::sdk {

struct RunnerDetection {
  bool detected = false;
  int confidence = 0;  // the detected runner with the highest confidence wins
  std::string reason;  // e.g. "uv.lock present"
};

// How to run Python inside one worktree of the project.
struct WorktreeEnvironment {
  std::vector<Command> setup;       // run in order before the first use
  std::vector<std::string> python;  // argv prefix that starts the interpreter
  std::map<std::string, std::string> env;
};

struct RunnerAdapter {
  std::string id;     // e.g. "uv"; also the name users write in prhost.toml
  std::string title;  // e.g. "uv (uv run python)"
  std::function<RunnerDetection(const Project&, HostServices&)> detect;
  // argv prefix that starts the project's interpreter from the project root.
  std::function<std::vector<std::string>(const Project&, HostServices&)> python;
  // argv that prints the runner tool's own version (empty: nothing to probe).
  std::function<std::vector<std::string>(const Project&, HostServices&)> version_command;
  // How to get an interpreter that imports a worktree's own code.
  std::function<WorktreeEnvironment(const Project& project, const std::filesystem::path& worktree, HostServices&)>
      worktree_environment;
};

// What a runner finds of the project's environment by only looking (ABI 2.2):
// no process it starts may create, sync or change an environment. Doctor's
// checks start from this, so a missing environment is reported, not created.
struct RunnerEnvironment {
  bool found = false;
  std::filesystem::path location;   // the environment's directory, e.g. <root>/.venv
  std::vector<std::string> python;  // argv of its interpreter, run directly; empty when not found
  std::string found_by;             // ".venv in the project", "UV_PROJECT_ENVIRONMENT", "poetry env info -p"
  std::string missing_reason;       // when not found: what was looked at
  Command install;                  // the runner's own install command (`uv sync`, `poetry install`)
  // argv prefix that installs packages into this environment, e.g.
  // {"uv", "pip", "install", "--python", "<root>/.venv/bin/python"}; empty when not found.
  std::vector<std::string> package_install;
  std::vector<std::string> run_prefix;  // how users run a tool through the runner (`uv run`), empty for none
};

// Registered beside a RunnerAdapter with the same id (Registry::add_environment_query).
struct EnvironmentQuery {
  std::string id;  // the runner id it answers for, e.g. "poetry"
  std::function<RunnerEnvironment(const Project&, HostServices&)> query;
};

}  // namespace prhost::sdk
