#include "cli/commands/inventory_command.hpp"

#include <fmt/format.h>

#include <optional>

#include "cli/exit_codes.hpp"
#include "cli/shared_checks.hpp"
#include "inventory/collect.hpp"
#include "inventory/inventory_builder.hpp"
#include "inventory/inventory_render.hpp"
#include "session/session.hpp"

namespace prhost::cli {
namespace {

class InventoryCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "inventory"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 0: list the kept optimizations with their files, functions, domain, PR status and benchmark";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--commits", commits_, "How many commits back from the head to read (default: [prhost] commits, 30)")
        ->check(in_range("prhost.commits"));
    sub.add_option("--head", head_, "The commit, branch or tag to inventory (default: HEAD)");
    sub.footer(
        "Sources, merged by commit: .codeflash/HANDOFF.md (SHAs under kept/committed sections; discarded\n"
        "sections are ignored), .codeflash/results.tsv rows with status `keep`, and commit subjects shaped\n"
        "`<domain>: <summary>` (e.g. `mem: stream rows`) or `perf: <summary>` in the last N commits.\n"
        "For each: files changed against the parent, the Python functions changed (`module:Qualname`),\n"
        "the domain (a declared one wins, else the domain plugins decide), PR status from `gh pr list`\n"
        "(\"unknown\" without gh) and whether `test_benchmark_<function>` exists in the benchmarks root.\n\n"
        "Examples:\n  prhost inventory\n  prhost inventory --commits 100 --head feature/speedups\n"
        "  prhost inventory --json | jq '.optimizations[] | {number, sha, domains}'");
  }

  int execute(const GlobalOptions& globals) override {
    const auto session = Session::open(globals);
    auto& reporter = session.reporter();
    inventory::CollectOptions options;
    options.head = head_.empty() ? "HEAD" : head_;
    if (commits_) options.commits = static_cast<std::size_t>(*commits_);
    inventory::Inventory result;
    try {
      result = inventory::collect_inventory(session, options).inventory;
    } catch (const inventory::InventoryError& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return error.kind() == inventory::InventoryError::Kind::UnknownHead ? exit_code::kBadInput
                                                                          : exit_code::kEnvironment;
    }

    if (globals.json) {
      fmt::print("{}\n", inventory::to_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return exit_code::kOk;
    }
    fmt::print("{}", inventory::render_markdown_table(result));
    if (result.optimizations.empty()) {
      reporter.note(
          fmt::format("no kept optimizations found: no SHAs under a kept section of {}, no `keep` rows in "
                      "{}, and no `<domain>: ` commit subjects in the last {} commits",
                      inventory::kHandoffPath, inventory::kResultsPath, result.commits_requested));
    }
    for (const auto& note : result.notes) reporter.note("note: " + note);
    for (const auto& warning : result.warnings) reporter.warning(warning.text());
    return exit_code::kOk;
  }

 private:
  std::optional<int> commits_;
  std::string head_;
};

}  // namespace

std::unique_ptr<Command> make_inventory_command() { return std::make_unique<InventoryCommand>(); }

}  // namespace prhost::cli
