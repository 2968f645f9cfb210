// What a plugin is told about the project it works on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace prhost::sdk {

struct Project {
  std::filesystem::path root;  // repository root (where pyproject.toml usually lives)
};

// A command without a shell: argv plus the directory it runs in.
struct Command {
  std::vector<std::string> argv;
  std::filesystem::path cwd;  // empty = project root
};

}  // namespace prhost::sdk
