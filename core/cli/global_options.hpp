// Options every subcommand accepts (they may appear before or after it).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace prhost::cli {

struct GlobalOptions {
  std::filesystem::path project_dir = ".";         // -C DIR
  std::vector<std::filesystem::path> plugin_dirs;  // --plugin-dir (repeatable), searched first
  std::filesystem::path config_file;               // --config FILE; empty: prhost.toml or .codeflash/prhost.toml
  bool json = false;                               // --json: machine-readable output on stdout
  bool verbose = false;                            // -v: plugin and process logs on stderr
  bool quiet = false;                              // -q: no progress lines
};

}  // namespace prhost::cli
