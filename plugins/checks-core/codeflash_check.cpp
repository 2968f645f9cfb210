// "core.codeflash-importable": the real `codeflash compare` (compare
// --backend codeflash, --cross-check) runs in the project environment. The
// built-in engine is the default and needs nothing from codeflash, so a
// missing codeflash is information only unless codeflash was asked for.
#include "checks-core/checks_core_module.hpp"
#include "checks-core/python_probe.hpp"

namespace prhost::plugins::checks_core {
namespace {

constexpr const char* kVersionProbe =
    "import importlib.metadata as m, codeflash\n"
    "try:\n    print(m.version('codeflash'))\nexcept Exception:\n    print('unknown version')\n";

sdk::Repair install_codeflash(const sdk::CheckContext& ctx) {
  auto argv = ctx.environment.package_install;
  argv.emplace_back("codeflash");
  sdk::Repair repair;
  repair.summary = "install codeflash into the project environment";
  repair.steps.emplace_back(sdk::ConfirmedCommandStep{sdk::Command{argv, ctx.project.root},
                                                      "installs codeflash into " + ctx.environment.location.string()});
  return repair;
}

sdk::CheckResult run_codeflash_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  if (ctx.python.empty()) return no_environment(ctx);
  sdk::CheckResult result;
  const auto probe = run_python(ctx, services, {"-c", kVersionProbe});
  if (probe.ok()) {
    result.message = "codeflash " + last_line(probe.out) + " imports in " + join(ctx.python);
    return result;
  }
  const bool asked = ctx.backend == "codeflash";
  result.status = asked ? sdk::CheckStatus::Error : sdk::CheckStatus::NotApplicable;
  result.message = asked ? "codeflash is not importable, but compare --backend codeflash needs it"
                         : "codeflash is not installed: fine, the built-in engine (the default) does not need it; "
                           "only --backend codeflash and --cross-check do";
  if (auto line = last_line(probe.err); !line.empty()) result.hints.push_back(line);
  if (asked && !ctx.environment.package_install.empty()) result.repair = install_codeflash(ctx);
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_codeflash_check() {
  return sdk::DiagnosticCheck{"core.codeflash-importable", "codeflash importable", 20, &run_codeflash_check};
}

sdk::CheckDescription describe_codeflash_check() {
  return {"core.codeflash-importable",
          "`import codeflash` with the environment's interpreter; an error only with `--backend codeflash`",
          "install codeflash through the runner (`uv pip install`, `<venv>/bin/python -m pip install`), only with "
          "`--fix --yes`"};
}

}  // namespace prhost::plugins::checks_core
