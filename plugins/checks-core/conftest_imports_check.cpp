// "core.conftest-heavy-imports": a conftest.py that imports torch (or
// tensorflow, jax, transformers, …) fails every benchmark run at collection
// when the environment lacks it, and the error names the conftest, not the
// benchmark. The imports are read from the files (a line scan of `import x`
// / `from x import`); availability is asked with importlib.util.find_spec,
// which does not import the package.
#include <algorithm>
#include <array>
#include <set>
#include <sstream>
#include <string_view>

#include "checks-core/checks_core_module.hpp"
#include "checks-core/python_probe.hpp"

namespace prhost::plugins::checks_core {
namespace {

constexpr std::array<std::string_view, 14> kHeavy{"torch",  "tensorflow",  "jax",       "transformers", "keras",
                                                  "cv2",    "onnxruntime", "paddle",    "sklearn",      "scipy",
                                                  "pandas", "numpy",       "diffusers", "vllm"};

// conftest.py files pytest loads for the benchmarks: the root's, each
// directory's from a benchmark file up to the root, and tests/.
std::vector<std::string> conftest_paths(const sdk::CheckContext& ctx) {
  std::set<std::string> dirs{"", "tests"};
  if (!ctx.benchmarks_root.empty()) dirs.insert(ctx.benchmarks_root);
  for (const auto& file : ctx.benchmark_files) {
    for (auto dir = std::filesystem::path(file).parent_path(); !dir.empty(); dir = dir.parent_path()) {
      dirs.insert(dir.generic_string());
    }
  }
  std::vector<std::string> paths;
  for (const auto& dir : dirs) paths.push_back(dir.empty() ? "conftest.py" : dir + "/conftest.py");
  return paths;
}

std::set<std::string> heavy_imports(const std::string& text) {
  std::set<std::string> found;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string keyword, module;
    if (!(words >> keyword >> module) || (keyword != "import" && keyword != "from")) continue;
    module = module.substr(0, module.find_first_of(".,"));
    if (std::find(kHeavy.begin(), kHeavy.end(), module) != kHeavy.end()) found.insert(module);
  }
  return found;
}

sdk::CheckResult run_conftest_check(const sdk::CheckContext& ctx, sdk::HostServices& services) {
  std::vector<std::pair<std::string, std::string>> imported;  // conftest, module
  for (const auto& path : conftest_paths(ctx)) {
    const auto text = services.read_file(ctx.project.root / path);
    if (!text) continue;
    for (const auto& module : heavy_imports(*text)) imported.emplace_back(path, module);
  }
  sdk::CheckResult result;
  if (imported.empty()) {
    result.message = "no conftest.py the benchmarks load imports a heavy package";
    return result;
  }
  if (ctx.python.empty()) return no_environment(ctx);
  std::vector<std::string> missing;
  for (const auto& [path, module] : imported) {
    const auto probe =
        run_python(ctx, services,
                   {"-c", "import importlib.util,sys; sys.exit(importlib.util.find_spec('" + module + "') is None)"});
    if (!probe.ok()) missing.push_back(path + " imports " + module);
  }
  if (missing.empty()) {
    result.message = std::to_string(imported.size()) + " heavy import(s) in conftest.py, all available";
    return result;
  }
  result.status = sdk::CheckStatus::Error;
  result.message = missing.front() + ", which the environment lacks: every benchmark fails at collection";
  for (std::size_t i = 1; i < missing.size(); ++i) result.hints.push_back(missing[i] + ", also missing");
  result.hints.push_back("install it into the environment (" + join(ctx.environment.package_install) +
                         " <package>) or guard the import in conftest.py with pytest.importorskip");
  return result;
}

}  // namespace

sdk::DiagnosticCheck make_conftest_check() {
  return sdk::DiagnosticCheck{"core.conftest-heavy-imports", "conftest.py imports available", 60, &run_conftest_check};
}

sdk::CheckDescription describe_conftest_check() {
  return {"core.conftest-heavy-imports",
          "`import` lines of the conftest.py files the benchmarks load (torch, tensorflow, jax, transformers, …), "
          "then `importlib.util.find_spec` in the environment",
          "none applied (the package is the project's choice): install it through the runner or guard the import"};
}

}  // namespace prhost::plugins::checks_core
