// The one place that lists prhost's subcommands, in the order `prhost --help`
// shows them. A command appears here only when it really works: none is
// registered as a stub.
#include "cli/command.hpp"
#include "cli/commands/bench_command.hpp"
#include "cli/commands/calibrate_command.hpp"
#include "cli/commands/compare_command.hpp"
#include "cli/commands/doctor_command.hpp"
#include "cli/commands/inventory_command.hpp"
#include "cli/commands/plugins_command.hpp"
#include "cli/commands/pr_body_command.hpp"
#include "cli/commands/prepare_command.hpp"
#include "cli/commands/report_command.hpp"

namespace prhost::cli {

std::vector<std::unique_ptr<Command>> all_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_prepare_command());
  commands.push_back(make_inventory_command());
  commands.push_back(make_bench_command());
  commands.push_back(make_doctor_command());
  commands.push_back(make_compare_command());
  commands.push_back(make_pr_body_command());
  commands.push_back(make_report_command());
  commands.push_back(make_calibrate_command());
  commands.push_back(make_plugins_command());
  return commands;
}

}  // namespace prhost::cli
