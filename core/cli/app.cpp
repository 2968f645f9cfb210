#include "cli/app.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <optional>
#include <set>
#include <string_view>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "compare/engine/process_backend.hpp"
#include "compare/run/backend_options.hpp"
#include "config/config.hpp"
#include "git/git_error.hpp"
#include "plugin_host/guarded_call.hpp"
#include "prhost/sdk/abi.hpp"
#include "services/cancellation.hpp"
#include "services/leftovers.hpp"
#include "session/session.hpp"
#include "util/printable.hpp"
#include "util/temp_path.hpp"
#include "util/temp_sweep.hpp"
#include "worktree/own_code_proof.hpp"
#include "worktree/ref_checkout.hpp"
#include "worktree/ref_names.hpp"

namespace prhost::cli {
namespace {

constexpr const char* kFooter = R"(Exit codes:
  0  done          1  the work found a problem     2  bad command line
  3  bad input (prhost.toml, HANDOFF.md, JSON, unknown ref)
  4  environment (not a git repository, missing tool, no plugin)
  5  regression (compare --fail-on-regression)   130 interrupted

Run `prhost <command> --help` for a command's options and examples.)";

void add_global_options(CLI::App& app, GlobalOptions& globals) {
  app.add_option("-C,--project", globals.project_dir, "Run as if started in DIR (default: current directory)")
      ->type_name("DIR");
  app.add_option("--plugin-dir", globals.plugin_dirs,
                 "Search DIR for plugins before PRHOST_PLUGIN_PATH, prhost.toml and the install directory "
                 "(repeatable)")
      ->type_name("DIR");
  app.add_option("--config", globals.config_file, "Use FILE instead of prhost.toml / .codeflash/prhost.toml")
      ->type_name("FILE");
  app.add_flag("--json", globals.json, "Print machine-readable JSON on stdout (progress stays on stderr)");
  app.add_flag("-v,--verbose", globals.verbose, "Show plugin and process details on stderr");
  app.add_flag("-q,--quiet", globals.quiet, "No progress lines");
}

// A failed command: its exit code and the one-line error for the user.
struct Failure {
  int code;
  std::string kind;  // for --json: "bad_input", "environment", ...
  std::string message;
};

// Each exception prhost throws on purpose, mapped once to its exit code.
Failure failure_of(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const worktree::UnknownRefError& error) {
    return {exit_code::kBadInput, "unknown_ref", error.what()};
  } catch (const worktree::AmbiguousRefError& error) {
    return {exit_code::kBadInput, "ambiguous_ref", error.what()};
  } catch (const compare::UnsupportedOptionError& error) {
    return {exit_code::kUsage, "usage", error.what()};
  } catch (const worktree::OwnCodeError& error) {
    return {exit_code::kEnvironment, "environment", error.what()};
  } catch (const compare::MeasurementFailed& failure) {
    // A benchmark process failed: say why and what fixes it.
    const auto& cause = failure.cause();
    return {exit_code::kFailure, "measurement_failed",
            fmt::format("{} ({} side)\n  {}\n  fix: {}", cause.title, compare::stats::to_string(failure.side()),
                        cause.detail, cause.fix)};
  } catch (const config::ConfigError& error) {
    return {exit_code::kBadInput, "bad_input", error.what()};
  } catch (const util::TempDirError& error) {
    return {exit_code::kEnvironment, "environment", error.what()};
  } catch (const SessionError& error) {
    return {exit_code::kEnvironment, "environment", error.what()};
  } catch (const git::GitError& error) {
    return {exit_code::kEnvironment, "environment", error.what()};
  } catch (const plugin_host::PluginCallError& error) {
    return {exit_code::kFailure, "plugin_failed", error.what()};
  } catch (const std::exception& error) {
    return {exit_code::kFailure, "failed", error.what()};
  }
}

// "nothing was left behind" only once it was looked for (leftovers.hpp).
Failure interrupted_failure(const services::Interrupted& interrupted) {
  const auto report = services::check_leftovers();
  std::string checked;
  for (const auto& what : report.checked) checked += (checked.empty() ? "" : ", ") + what;
  if (report.remaining.empty()) {
    return {exit_code::kInterrupted, "interrupted",
            fmt::format("{}; nothing was left behind (checked: {})", interrupted.what(), checked)};
  }
  std::string remaining;
  for (const auto& line : report.remaining) remaining += "\n  " + line;
  return {exit_code::kInterrupted, "interrupted",
          fmt::format("{}; these could not be cleaned up:{}", interrupted.what(), remaining)};
}

// The JSON error object on stdout: what a script reading `--json` gets
// instead of nothing when the command failed.
void print_json_error(const Failure& failure) {
  const nlohmann::json error{
      {"error",
       {{"kind", failure.kind}, {"message", util::printable(failure.message, true)}, {"exit_code", failure.code}}}};
  fmt::print("{}\n", error.dump(2));
}

int report_failure(const Failure& failure, bool json) {
  fmt::print(stderr, "{}: {}\n", failure.kind == "interrupted" ? "interrupted" : "error", failure.message);
  if (json) print_json_error(failure);
  return failure.code;
}

// `--json` anywhere before `--`: known before the command line is parsed,
// so a command line that does not parse still answers in JSON.
bool json_requested(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return false;
    if (arg == "--json") return true;
  }
  return false;
}

// The first word that is not an option (nor an option's value): what the
// user meant as the command.
std::optional<std::string> first_word(int argc, char** argv) {
  static const std::set<std::string> kTakesValue{"-C", "--project", "--plugin-dir", "--config"};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return std::nullopt;
    if (kTakesValue.contains(arg)) {
      ++i;
      continue;
    }
    if (!arg.starts_with("-")) return arg;
  }
  return std::nullopt;
}

int unknown_command(const std::string& word, const std::vector<std::unique_ptr<Command>>& commands, bool json) {
  std::string names;
  for (const auto& command : commands) names += (names.empty() ? "" : ", ") + command->name();
  return report_failure(
      {exit_code::kUsage, "usage",
       fmt::format("'{}' is not a prhost command (commands: {}); run `prhost --help`", util::printable(word), names)},
      json);
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "prhost turns kept Python performance optimizations into ready-to-review pull requests:\n"
      "a benchmark per optimized function, a trustworthy base-vs-head comparison, repairs for\n"
      "whatever blocks it, and a filled PR body. It never pushes or opens a PR.",
      "prhost"};
  app.set_version_flag("-V,--version", fmt::format("prhost {} (plugin SDK ABI {}.{}, {})", PRHOST_VERSION,
                                                   sdk::kAbiMajor, sdk::kAbiMinor, sdk::kToolchainId));
  app.footer(kFooter);
  app.require_subcommand(1);

  GlobalOptions globals;
  add_global_options(app, globals);

  auto commands = all_commands();
  Command* selected = nullptr;
  for (auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command->name(), command->summary());
    sub->fallthrough();  // global options may follow the subcommand
    command->configure(*sub);
    Command* raw = command.get();
    sub->final_callback([&selected, raw] { selected = raw; });
  }
  if (const auto word = first_word(argc, argv)) {
    const bool known = std::any_of(commands.begin(), commands.end(), [&](const auto& c) { return c->name() == *word; });
    if (!known) return unknown_command(*word, commands, json_requested(argc, argv));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);  // CLI11's own message and the usage line, on stderr
    if (json_requested(argc, argv)) print_json_error({exit_code::kUsage, "usage", error.what()});
    return exit_code::kUsage;
  }

  try {
    // What a SIGKILLed prhost could not remove (temp_sweep.hpp).
    util::remove_stale_temp_paths(util::temp_root());
    return selected->execute(globals);
  } catch (const services::Interrupted& interrupted) {
    // Everything owned (checkouts, temporary files, child processes) was
    // cleaned up while the stack unwound to here; check_leftovers proves it.
    return report_failure(interrupted_failure(interrupted), globals.json);
  } catch (...) {
    return report_failure(failure_of(std::current_exception()), globals.json);
  }
}

}  // namespace prhost::cli
