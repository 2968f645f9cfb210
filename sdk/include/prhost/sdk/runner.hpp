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

}  // namespace prhost::sdk
