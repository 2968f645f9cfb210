// "core.benchmarks-root": codeflash compare (and the PR body's reproduction
// command) find the benchmarks through `[tool.codeflash] benchmarks-root`
// in pyproject.toml; prhost writes them there too.
#include <toml++/toml.h>

#include <algorithm>

#include "checks-core/checks_core_module.hpp"

namespace prhost::plugins::checks_core {
namespace {

std::string quoted_toml(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

sdk::CheckResult missing_key(const sdk::CheckContext& ctx, const std::string& why) {
  const std::string root = ctx.benchmarks_root.empty() ? "tests/benchmarks" : ctx.benchmarks_root;
  sdk::CheckResult result;
  result.status = ctx.backend == "codeflash" ? sdk::CheckStatus::Error : sdk::CheckStatus::Warning;
  result.message = why + ": codeflash compare cannot find the benchmarks (prhost uses " + root + ")";
  sdk::Repair repair;
  repair.summary = "add benchmarks-root = " + quoted_toml(root) + " to [tool.codeflash] in pyproject.toml";
  repair.steps.emplace_back(
      sdk::SetTomlKeyStep{"pyproject.toml", "tool.codeflash", "benchmarks-root", quoted_toml(root)});
  result.repair = std::move(repair);
  return result;
}

std::vector<std::string> outside(const std::vector<std::string>& files, const std::string& root) {
  std::vector<std::string> found;
  const std::string prefix = root.empty() || root.back() == '/' ? root : root + "/";
  for (const auto& file : files) {
    if (file.rfind(prefix, 0) != 0) found.push_back(file);
  }
  return found;
}

sdk::CheckResult check_directory(const sdk::CheckContext& ctx, sdk::HostServices& services, const std::string& root) {
  sdk::CheckResult result;
  if (!services.exists(ctx.project.root / root)) {
    result.status = sdk::CheckStatus::Warning;
    result.message = "benchmarks-root = \"" + root + "\" does not exist yet";
    result.hints.push_back("`prhost bench` writes the benchmarks there; codeflash compare needs the directory");
    return result;
  }
  if (auto stray = outside(ctx.benchmark_files, root); !stray.empty()) {
    result.status = sdk::CheckStatus::Warning;
    result.message =
        stray.front() + " is not under benchmarks-root \"" + root + "\"; codeflash compare will not run it";
    result.hints.push_back("move the benchmark under " + root + " or point benchmarks-root at its directory");
    return result;
  }
  result.message =
      "benchmarks-root = \"" + root + "\"" +
      (ctx.benchmark_files.empty() ? ""
                                   : ", " + std::to_string(ctx.benchmark_files.size()) + " benchmark file(s) under it");
  return result;
}

sdk::CheckResult run_benchmarks_root_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  const auto text = services.read_file(ctx.project.root / "pyproject.toml");
  if (!text) return missing_key(ctx, "no pyproject.toml");
  toml::table table;
  try {
    table = toml::parse(*text, (ctx.project.root / "pyproject.toml").string());
  } catch (const toml::parse_error& error) {
    sdk::CheckResult result;
    result.status = sdk::CheckStatus::Error;
    const auto& where = error.source().begin;
    result.message = "pyproject.toml:" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                     ": not valid TOML (" + std::string(error.description()) +
                     "); fix it first, prhost edits no "
                     "file it cannot read";
    return result;
  }
  const auto node = table["tool"]["codeflash"]["benchmarks-root"];
  if (!node) return missing_key(ctx, "[tool.codeflash] benchmarks-root is not set in pyproject.toml");
  const auto value = node.value<std::string>();
  if (!value || value->empty()) {
    sdk::CheckResult result;
    result.status = sdk::CheckStatus::Error;
    result.message = "[tool.codeflash] benchmarks-root in pyproject.toml must be a non-empty string (a directory)";
    return result;
  }
  return check_directory(ctx, services, *value);
}

}  // namespace

sdk::DiagnosticCheck make_benchmarks_root_check() {
  return sdk::DiagnosticCheck{"core.benchmarks-root", "benchmarks-root configured", 30, &run_benchmarks_root_check};
}

sdk::CheckDescription describe_benchmarks_root_check() {
  return {"core.benchmarks-root",
          "`[tool.codeflash] benchmarks-root` in pyproject.toml: set, an existing directory, the benchmark files "
          "under it",
          "add `benchmarks-root = \"tests/benchmarks\"` (or prhost.toml's `[prhost] benchmarks-root`) to "
          "`[tool.codeflash]`, editing nothing else in the file (`--fix`)"};
}

}  // namespace prhost::plugins::checks_core
