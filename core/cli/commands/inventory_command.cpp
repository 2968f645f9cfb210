#include "cli/commands/inventory_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "cli/exit_codes.hpp"
#include "inventory/benchmark_presence.hpp"
#include "inventory/benchmarks_root.hpp"
#include "inventory/domain_words.hpp"
#include "inventory/inventory_builder.hpp"
#include "inventory/inventory_enricher.hpp"
#include "inventory/inventory_render.hpp"
#include "inventory/pr_status.hpp"
#include "services/process_runner.hpp"
#include "session/session.hpp"

namespace prhost::cli {
namespace {

constexpr const char* kHandoffPath = ".codeflash/HANDOFF.md";
constexpr const char* kResultsPath = ".codeflash/results.tsv";

std::optional<std::string> read_if_present(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Domain ids the loaded plugins know about, for recognising `<domain>:`
// prefixes and HANDOFF.md tags.
std::vector<std::string> known_domains(const plugin_host::PluginRegistry& registry) {
  std::set<std::string> domains;
  for (const auto& classifier : registry.classifiers) domains.insert(classifier.value.domain);
  for (const auto& policy : registry.flag_policies) domains.insert(policy.value.domain);
  if (domains.empty()) return inventory::default_domains();
  return {domains.begin(), domains.end()};
}

class InventoryCommand : public Command {
 public:
  [[nodiscard]] std::string name() const override { return "inventory"; }
  [[nodiscard]] std::string summary() const override {
    return "Phase 0: list the kept optimizations with their files, functions, domain, PR status and benchmark";
  }

  void configure(CLI::App& sub) override {
    sub.add_option("--commits", commits_, "How many commits back from the head to read (default: [prhost] commits, 30)")
        ->check(CLI::PositiveNumber);
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
    const auto repository = session.repository();
    const auto& root = session.project_root();

    inventory::InventoryInputs inputs;
    inputs.head = head_.empty() ? "HEAD" : head_;
    inputs.commits = static_cast<std::size_t>(commits_.value_or(session.config().commits));
    inputs.handoff_path = kHandoffPath;
    inputs.handoff_text = read_if_present(root / kHandoffPath);
    inputs.results_path = kResultsPath;
    inputs.results_text = read_if_present(root / kResultsPath);
    inputs.known_domains = known_domains(session.registry());

    inventory::Inventory result;
    try {
      result = inventory::build_inventory(*repository, inputs);
    } catch (const inventory::InventoryError& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return error.kind() == inventory::InventoryError::Kind::UnknownHead ? exit_code::kBadInput
                                                                          : exit_code::kEnvironment;
    }
    reporter.progress(fmt::format("{} optimization(s) from {} commit(s) back from {}", result.optimizations.size(),
                                  result.commits_scanned, inputs.head));

    const auto benchmarks_root = inventory::benchmarks_root_setting(root, session.config());
    result.benchmarks_root = benchmarks_root.path;
    result.benchmarks_root_origin = benchmarks_root.described;

    inventory::EnrichmentContext context;
    context.repository = repository.get();
    context.project_root = root;
    context.registry = &session.registry();
    context.run_process = services::run_process;
    try {
      context.python = session.runner().python;
    } catch (const std::exception& error) {
      context.python_unavailable = error.what();
    }
    inventory::PrStatusLookup pull_requests(root, services::run_process);
    context.pull_requests = &pull_requests;
    const inventory::BenchmarkIndex benchmarks(*repository, result.head_sha, root, benchmarks_root.path);
    context.benchmarks = &benchmarks;
    context.progress = [&reporter](const std::string& message) { reporter.progress(message); };
    inventory::enrich_inventory(result, context);

    if (globals.json) {
      fmt::print("{}\n", inventory::to_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return exit_code::kOk;
    }
    fmt::print("{}", inventory::render_markdown_table(result));
    if (result.optimizations.empty()) {
      reporter.note(
          fmt::format("no kept optimizations found: no SHAs under a kept section of {}, no `keep` rows in "
                      "{}, and no `<domain>: ` commit subjects in the last {} commits",
                      kHandoffPath, kResultsPath, inputs.commits));
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
