// "mem.memray-importable": `compare --memory` measures peak memory with memray
// in the project's own environment. Without it the comparison falls back to
// tracemalloc, which misses allocations made by C extensions (numpy, torch),
// so a memory PR would show a smaller or even zero delta.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain-mem/mem_module.hpp"

namespace prhost::plugins::mem {
namespace {

constexpr std::string_view kPackages[] = {"memray", "pytest-memray"};

// Through the runner's own installer for this environment (`uv pip install
// --python …` for uv, whose environments have no pip; `<python> -m pip
// install` otherwise); a 2.1 host gives no installer, so fall back to pip.
sdk::Command install_command(const sdk::CheckContext& ctx) {
  std::vector<std::string> argv = ctx.environment.package_install;
  if (argv.empty()) {
    argv = ctx.python;
    argv.insert(argv.end(), {"-m", "pip", "install"});
  }
  for (std::string_view package : kPackages) argv.emplace_back(package);
  return sdk::Command{argv, ctx.project.root};
}

std::string join(const std::vector<std::string>& argv) {
  std::string joined;
  for (const auto& arg : argv) joined += (joined.empty() ? "" : " ") + arg;
  return joined;
}

// The last non-empty line of the interpreter's error output, usually
// "ModuleNotFoundError: No module named 'memray'".
std::string last_line(std::string_view text) {
  const std::size_t end = text.find_last_not_of("\r\n");
  if (end == std::string_view::npos) return {};
  text = text.substr(0, end + 1);
  const std::size_t newline = text.rfind('\n');
  return std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));
}

sdk::CheckResult run_memray_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  sdk::CheckResult result;
  if (!ctx.memory) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no comparison here runs with --memory (no mem or struct optimization among them)";
    return result;
  }
  if (ctx.python.empty()) {
    result.status = sdk::CheckStatus::NotApplicable;
    result.message = "no project interpreter is known yet (no runner resolved), so memray cannot be probed";
    return result;
  }

  sdk::ProcessRequest request;
  request.argv = ctx.python;
  request.argv.insert(request.argv.end(), {"-c", "import memray, pytest_memray"});
  request.cwd = ctx.project.root;
  request.timeout = std::chrono::minutes(1);
  const sdk::ProcessResult probe = services.run(request);

  if (probe.ok()) {
    result.status = sdk::CheckStatus::Ok;
    result.message = "memray and pytest-memray import in the project environment (" + join(ctx.python) + ")";
    return result;
  }
  result.status = sdk::CheckStatus::Warning;
  if (probe.failed_to_start || probe.timed_out) {
    // Installing through an interpreter that does not start cannot help; the
    // runner check reports the interpreter itself.
    result.message =
        "could not probe memray: `" + join(ctx.python) + "` " + (probe.timed_out ? "timed out" : "did not start");
    if (!probe.err.empty()) result.hints.push_back(last_line(probe.err));
    return result;
  }
  result.message = "memray or pytest-memray is not importable by `" + join(ctx.python) +
                   "`: compare --memory falls back to tracemalloc, which misses allocations made by C extensions";
  if (auto line = last_line(probe.err); !line.empty()) result.hints.push_back(line);
  result.hints.push_back("memray runs on Linux and macOS only");
  sdk::Repair repair;
  repair.summary = "install memray and pytest-memray into the project environment";
  repair.steps.emplace_back(sdk::ConfirmedCommandStep{install_command(ctx),
                                                      "installs memray and pytest-memray into the "
                                                      "project environment"});
  result.repair = std::move(repair);
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_memray_check() {
  return sdk::DiagnosticCheck{"mem.memray-importable", "memray importable (peak-memory profiling for --memory)", 15,
                              &run_memray_check};
}

sdk::CheckDescription describe_memray_check() {
  return {"mem.memray-importable",
          "`import memray, pytest_memray` with the environment's interpreter, when a comparison runs with `--memory` "
          "(a mem or struct optimization)",
          "install memray and pytest-memray through the runner (`uv pip install`, `<python> -m pip install`), only "
          "with `--fix --yes`"};
}

}  // namespace prhost::plugins::mem
