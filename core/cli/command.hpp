// One subcommand of prhost. Each lives in its own file under cli/commands/
// and is listed once in cli/command_list.cpp; app.cpp knows none by name.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace prhost::cli {

class Command {
 public:
  virtual ~Command() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  [[nodiscard]] virtual std::string summary() const = 0;
  // Adds this command's own options to its CLI11 subcommand (also set the
  // footer/description there: `--help` should teach).
  virtual void configure(CLI::App& subcommand) = 0;
  // Runs after parsing. Returns the process exit code (see exit_codes.hpp).
  virtual int execute(const GlobalOptions& globals) = 0;
};

// Every subcommand, in the order `prhost --help` lists them.
std::vector<std::unique_ptr<Command>> all_commands();

}  // namespace prhost::cli
