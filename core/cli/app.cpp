#include "cli/app.hpp"

#include <fmt/format.h>

#include <csignal>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "compare/engine/process_backend.hpp"
#include "config/config.hpp"
#include "git/git_error.hpp"
#include "plugin_host/guarded_call.hpp"
#include "prhost/sdk/abi.hpp"
#include "services/cancellation.hpp"
#include "session/session.hpp"
#include "worktree/own_code_proof.hpp"
#include "worktree/ref_checkout.hpp"

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return exit_code::kUsage;
  }

  try {
    return selected->execute(globals);
  } catch (const services::Interrupted& interrupted) {
    // Everything owned (checkouts, temporary files, child processes) was
    // cleaned up while the stack unwound to here.
    fmt::print(stderr, "interrupted: {}; nothing was left behind\n", interrupted.what());
    return exit_code::kInterrupted;
  } catch (const worktree::UnknownRefError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kBadInput;
  } catch (const worktree::OwnCodeError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kEnvironment;
  } catch (const compare::MeasurementFailed& failure) {
    // A benchmark process failed: say why and what fixes it.
    const auto& cause = failure.cause();
    fmt::print(stderr, "error: {} ({} side)\n  {}\n  fix: {}\n", cause.title, compare::stats::to_string(failure.side()),
               cause.detail, cause.fix);
    return exit_code::kFailure;
  } catch (const config::ConfigError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kBadInput;
  } catch (const SessionError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kEnvironment;
  } catch (const git::GitError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kEnvironment;
  } catch (const plugin_host::PluginCallError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kFailure;
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code::kFailure;
  }
}

}  // namespace prhost::cli
