#include "cli/commands/pipeline_output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "cli/exit_codes.hpp"
#include "inventory/inventory_builder.hpp"
#include "pr_body/template_text.hpp"
#include "report/html_report.hpp"
#include "session/session.hpp"
#include "util/atomic_write.hpp"

namespace prhost::cli {
namespace {

void print_report(const GlobalOptions& globals, const prepare::PrepareResult& result, const PipelineOutput& output,
                  const Session& session) {
  if (!output.html.empty()) {
    util::write_file_atomically(output.html, report::render_html(result.report));
    session.reporter().note("report page written to " + output.html.string());
  }
  if (globals.json) {
    fmt::print("{}\n", report::to_json(result.report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  fmt::print("{}", report::render_markdown(result.report));
  if (!output.list_pr_bodies) return;
  std::string bodies;
  for (const auto& row : result.report.rows) {
    if (!row.evidence.pr_body_path.empty()) {
      bodies += fmt::format("PR body for #{}: {}\n", row.evidence.number, row.evidence.pr_body_path);
    }
  }
  if (!bodies.empty()) fmt::print("\n{}", bodies);
}

}  // namespace

int report_error(const GlobalOptions& globals, int exit_code, const std::string& message) {
  fmt::print(stderr, "error: {}\n", message);
  if (globals.json) fmt::print("{}\n", nlohmann::json{{"error", message}, {"exit_code", exit_code}}.dump(2));
  return exit_code;
}

int run_pipeline(const GlobalOptions& globals, prepare::PrepareOptions options, const PipelineOutput& output) {
  const auto session = Session::open(globals);
  options.terminal = ::isatty(STDERR_FILENO) == 1 && !globals.quiet;
  prepare::PrepareResult result;
  try {
    result = prepare::run_prepare(session, options);
  } catch (const inventory::InventoryError& error) {
    return report_error(
        globals,
        error.kind() == inventory::InventoryError::Kind::UnknownHead ? exit_code::kBadInput : exit_code::kEnvironment,
        error.what());
  } catch (const pr_body::TemplateError& error) {
    return report_error(globals, exit_code::kBadInput, error.what());
  } catch (const std::invalid_argument& error) {
    return report_error(globals, exit_code::kUsage, error.what());
  }
  print_report(globals, result, output, session);
  return prepare::all_ready(result.report) ? exit_code::kOk : exit_code::kFailure;
}

}  // namespace prhost::cli
