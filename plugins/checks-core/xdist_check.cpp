// "core.xdist-addopts": pytest-benchmark switches itself off under xdist, so
// `-n` in addopts makes codeflash compare and `pytest --benchmark-only`
// measure nothing. prhost's own runs drop the xdist options; the user's do not.
#include <algorithm>

#include "checks-core/checks_core_module.hpp"
#include "checks-core/pytest_config_text.hpp"

namespace prhost::plugins::checks_core {
namespace {

bool is_xdist_option(const std::vector<std::string>& words, std::size_t i) {
  const auto& word = words[i];
  if (word == "-n" || word.rfind("--numprocesses", 0) == 0 || word.rfind("--dist", 0) == 0) return true;
  if (word.size() > 2 && word.rfind("-n", 0) == 0 && word[2] != '-') return true;  // -n4, -nauto
  return word == "-p" && i + 1 < words.size() && words[i + 1] == "xdist";
}

sdk::CheckResult run_xdist_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  const auto addopts = read_addopts(ctx.project, services);
  sdk::CheckResult result;
  for (std::size_t i = 0; i < addopts.words.size(); ++i) {
    if (!is_xdist_option(addopts.words, i)) continue;
    result.status = sdk::CheckStatus::Warning;
    result.message = "addopts in " + addopts.file + " turns on pytest-xdist (`" + addopts.words[i] +
                     "`): pytest-benchmark disables itself under xdist";
    result.hints.push_back(
        "prhost drops the xdist options from its own runs; for codeflash compare or pytest by "
        "hand add `-p no:xdist` (or `-n 0`), or move `-n` out of addopts");
    return result;
  }
  result.message = addopts.file.empty() ? "no pytest configuration file, so no xdist through addopts"
                                        : "addopts in " + addopts.file + " does not turn on pytest-xdist";
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_xdist_check() {
  return sdk::DiagnosticCheck{"core.xdist-addopts", "pytest-xdist not forced by addopts", 14, &run_xdist_check};
}

sdk::CheckDescription describe_xdist_check() {
  return {"core.xdist-addopts",
          "`addopts` of pytest.ini, pyproject.toml `[tool.pytest.ini_options]`, tox.ini or setup.cfg for `-n`, "
          "`--numprocesses`, `--dist`, `-p xdist`",
          "none applied: add `-p no:xdist` to runs by hand, or move `-n` out of addopts"};
}

}  // namespace prhost::plugins::checks_core
