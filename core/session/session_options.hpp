// What a Session needs to know about how prhost was started: where the
// project is, where else to look for plugins and configuration, and how much
// to say. The CLI fills it from the command line (cli::GlobalOptions extends
// it); nothing in session/ knows the command line itself.
#pragma once

#include <filesystem>
#include <vector>

namespace prhost {

struct SessionOptions {
  std::filesystem::path project_dir = ".";         // -C DIR
  std::vector<std::filesystem::path> plugin_dirs;  // --plugin-dir (repeatable), searched first
  std::filesystem::path config_file;               // --config FILE; empty: prhost.toml or .codeflash/prhost.toml
  bool verbose = false;                            // -v: plugin and process logs on stderr
  bool quiet = false;                              // -q: no progress lines
};

}  // namespace prhost
