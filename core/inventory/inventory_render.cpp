#include "inventory/inventory_render.hpp"

#include <fmt/format.h>

#include "inventory/domain_words.hpp"

namespace prhost::inventory {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxListed = 3;  // files or functions shown in one cell
constexpr std::size_t kMaxDescription = 90;

// A table cell: no pipes or newlines may break the row.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  auto cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) cut = limit;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string listed(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < kMaxListed; ++i) text += (i == 0 ? "" : ", ") + items[i];
  if (items.size() > kMaxListed) text += fmt::format(" +{} more", items.size() - kMaxListed);
  return text;
}

std::string optimization_cell(const Optimization& optimization) {
  std::string text = optimization.description.empty() ? optimization.commit.subject : optimization.description;
  text = shorten(text, kMaxDescription);
  std::vector<std::string> functions;
  for (const auto& function : optimization.functions) {
    if (!function.is_nested) functions.push_back("`" + function.id() + "`");
  }
  if (functions.empty()) {
    for (const auto& function : optimization.functions) functions.push_back("`" + function.id() + "`");
  }
  if (!functions.empty()) text += " — " + listed(functions);
  return text;
}

std::string files_cell(const Optimization& optimization) {
  std::vector<std::string> files;
  for (const auto& file : optimization.files) {
    std::string text = file.path();
    if (file.status == git::FileChangeStatus::Deleted) text += " (deleted)";
    if (file.status == git::FileChangeStatus::Renamed) text = file.old_path + " → " + file.new_path;
    if (file.binary) text += " (binary)";
    files.push_back(text);
  }
  return files.empty() ? "—" : listed(files);
}

json optional_json(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

json function_json(const ChangedFunction& function) {
  json params = json::array();
  for (const auto& param : function.params) {
    params.push_back({{"name", param.name},
                      {"annotation", optional_json(param.annotation)},
                      {"default", optional_json(param.default_value)},
                      {"kind", param.kind}});
  }
  return {{"id", function.id()},
          {"file", function.file},
          {"module", function.module},
          {"qualname", function.qualname},
          {"name", function.name},
          {"lineno", function.lineno},
          {"start_lineno", function.start_lineno},
          {"end_lineno", function.end_lineno},
          {"is_async", function.is_async},
          {"is_method", function.is_method},
          {"is_class", function.is_class},
          {"is_nested", function.is_nested},
          {"class_name", optional_json(function.class_name)},
          {"params", params},
          {"return_annotation", optional_json(function.return_annotation)},
          {"decorators", function.decorators}};
}

json file_json(const git::FileChange& file) {
  json ranges = json::array();
  for (const auto& range : file.new_ranges) ranges.push_back({range.start, range.end});
  return {{"path", file.path()},
          {"old_path", file.old_path.empty() ? json(nullptr) : json(file.old_path)},
          {"new_path", file.new_path.empty() ? json(nullptr) : json(file.new_path)},
          {"status", git::to_string(file.status)},
          {"binary", file.binary},
          {"added_lines", file.added_lines},
          {"removed_lines", file.removed_lines},
          {"changed_ranges", ranges}};
}

json optimization_json(const Optimization& optimization) {
  json sources = json::array();
  for (const auto& source : optimization.sources) {
    sources.push_back({{"kind", source.kind},
                       {"file", source.file.empty() ? json(nullptr) : json(source.file)},
                       {"line", source.line == 0 ? json(nullptr) : json(source.line)},
                       {"text", source.text}});
  }
  json files = json::array();
  for (const auto& file : optimization.files) files.push_back(file_json(file));
  json functions = json::array();
  for (const auto& function : optimization.functions) functions.push_back(function_json(function));
  json prs = json::array();
  for (const auto& pr : optimization.pr_status.pull_requests) {
    prs.push_back({{"number", pr.number}, {"state", pr.state}, {"title", pr.title}, {"url", pr.url}});
  }
  json benchmarks = json::array();
  for (const auto& benchmark : optimization.benchmarks) {
    benchmarks.push_back({{"function", benchmark.function},
                          {"test_names", benchmark.test_names},
                          {"at_head", optional_json(benchmark.at_head)},
                          {"in_worktree", optional_json(benchmark.in_worktree)}});
  }
  const auto& commit = optimization.commit;
  return {{"number", optimization.number},
          {"description", optimization.description},
          {"commit",
           {{"sha", commit.sha},
            {"short_sha", commit.short_sha},
            {"subject", commit.subject},
            {"body", commit.body},
            {"author", commit.author},
            {"time", commit.time},
            {"parents", commit.parents}}},
          {"sha", commit.sha},
          {"short_sha", commit.short_sha},
          {"subject", commit.subject},
          {"sources", sources},
          {"in_recent_history", optimization.in_recent_history},
          {"reachable_from_head", optimization.reachable_from_head},
          {"files", files},
          {"functions", functions},
          {"functions_note", optimization.functions_note.empty() ? json(nullptr) : json(optimization.functions_note)},
          {"domains", optimization.domains},
          {"declared_domains", optimization.declared_domains},
          {"declared_by", optimization.declared_by.empty() ? json(nullptr) : json(optimization.declared_by)},
          {"domain_reasons", optimization.domain_reasons},
          {"pr_status",
           {{"state", to_string(optimization.pr_status.state)},
            {"text", optimization.pr_status.text},
            {"keyword", optimization.pr_status.keyword},
            {"pull_requests", prs}}},
          {"benchmark", {{"summary", optimization.benchmark_summary}, {"functions", benchmarks}}}};
}

}  // namespace

std::string render_markdown_table(const Inventory& inventory) {
  std::string out = "| # | Optimization | File(s) | Commit | Domain | PR status | Benchmark |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const auto& optimization : inventory.optimizations) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", optimization.number,
                       cell(optimization_cell(optimization)), cell(files_cell(optimization)),
                       optimization.commit.short_sha,
                       optimization.domains.empty() ? "unclassified" : join_domains(optimization.domains),
                       cell(optimization.pr_status.text), cell(optimization.benchmark_summary));
  }
  return out;
}

std::string render_notes(const Inventory& inventory) {
  std::string out;
  for (const auto& note : inventory.notes) out += "- note: " + note + "\n";
  for (const auto& warning : inventory.warnings) out += "- warning: " + warning.text() + "\n";
  return out;
}

json to_json(const Inventory& inventory) {
  json optimizations = json::array();
  for (const auto& optimization : inventory.optimizations) optimizations.push_back(optimization_json(optimization));
  json warnings = json::array();
  for (const auto& warning : inventory.warnings) {
    warnings.push_back({{"file", warning.file.empty() ? json(nullptr) : json(warning.file)},
                        {"line", warning.line == 0 ? json(nullptr) : json(warning.line)},
                        {"message", warning.message},
                        {"text", warning.text()}});
  }
  return {{"head", {{"ref", inventory.head_ref}, {"sha", inventory.head_sha}}},
          {"commits_requested", inventory.commits_requested},
          {"commits_scanned", inventory.commits_scanned},
          {"handoff", {{"path", inventory.handoff_path}, {"found", inventory.handoff_found}}},
          {"results_tsv", {{"path", inventory.results_path}, {"found", inventory.results_found}}},
          {"benchmarks_root", {{"path", inventory.benchmarks_root}, {"origin", inventory.benchmarks_root_origin}}},
          {"optimizations", optimizations},
          {"notes", inventory.notes},
          {"warnings", warnings}};
}

}  // namespace prhost::inventory
