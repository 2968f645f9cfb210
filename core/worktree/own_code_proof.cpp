#include "worktree/own_code_proof.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

#include "embedded/module_origins.hpp"
#include "services/cancellation.hpp"

namespace prhost::worktree {
namespace {

constexpr std::string_view kMarker = "PRHOST_MODULE_ORIGINS ";
// Locating a module imports its parent packages; a heavy __init__ (torch)
// can take a while, a hang must not stall compare forever.
constexpr auto kProbeTimeout = std::chrono::minutes(3);

std::string join(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& arg : argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

// The last lines of a process's stderr: enough to show the cause without
// flooding the terminal with a whole pip log.
std::string tail(const std::string& text, std::size_t max_lines = 15) {
  std::size_t pos = text.size();
  for (std::size_t lines = 0; pos > 0 && lines <= max_lines;) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
    ++lines;
  }
  return text.substr(pos + 1);
}

std::string describe(const sdk::ProcessResult& result) {
  if (result.failed_to_start) return "it did not start: " + result.err;
  if (result.timed_out) return "it timed out";
  return "exit " + std::to_string(result.exit_code) + ":\n" + tail(result.err);
}

OriginReport parse_report(const std::string& out, const std::filesystem::path& checkout) {
  const auto at = out.rfind(kMarker);
  if (at == std::string::npos) {
    throw OwnCodeError("the module-origin check in " + checkout.string() + " printed no result (stdout: " + tail(out) +
                       ")");
  }
  const auto end = out.find('\n', at);
  const auto json_text =
      out.substr(at + kMarker.size(), end == std::string::npos ? std::string::npos : end - at - kMarker.size());
  try {
    const auto json = nlohmann::json::parse(json_text);
    OriginReport report;
    report.executable = json.value("executable", "");
    for (const auto& entry : json.at("modules")) {
      ModuleOrigin module;
      module.module = entry.value("module", "");
      module.origin = entry.value("origin", "");
      module.inside = entry.value("inside", false);
      module.error = entry.value("error", "");
      report.modules.push_back(std::move(module));
    }
    return report;
  } catch (const nlohmann::json::exception& error) {
    throw OwnCodeError("the module-origin check in " + checkout.string() + " printed unreadable JSON: " + error.what());
  }
}

std::string short_sha(const Checkout& checkout) { return checkout.sha.substr(0, 12); }

std::string where(const ModuleOrigin& module) {
  if (!module.error.empty()) return "cannot be imported (" + module.error + ")";
  if (module.origin.empty()) return "has no file (a built-in module)";
  return "resolves to " + module.origin;
}

void run_setup(const sdk::WorktreeEnvironment& environment, const sdk::Project& project, const Checkout& checkout,
               const sdk::RunnerAdapter& runner, sdk::HostServices& services) {
  std::map<std::string, std::string> env = checkout.env;
  for (const auto& [name, value] : environment.env) env[name] = value;
  for (const auto& command : environment.setup) {
    services::throw_if_interrupted();
    services.log(sdk::LogLevel::Info,
                 "setting up the " + runner.id + " environment for " + checkout.ref + ": " + join(command.argv));
    sdk::ProcessRequest request;
    request.argv = command.argv;
    request.cwd = command.cwd.empty() ? project.root : command.cwd;
    request.env = env;
    const auto result = services.run(request);
    if (!result.ok()) {
      throw OwnCodeError("setting up a per-ref environment for " + checkout.ref + " (" + short_sha(checkout) +
                         ") with runner " + runner.id + " failed: `" + join(command.argv) + "` " + describe(result));
    }
  }
}

}  // namespace

bool OriginReport::all_inside() const { return first_outside() == nullptr; }

const ModuleOrigin* OriginReport::first_outside() const {
  for (const auto& module : modules) {
    if (!module.inside) return &module;
  }
  return nullptr;
}

std::vector<std::filesystem::path> import_roots(const std::filesystem::path& checkout) {
  std::error_code ec;
  const auto src = checkout / "src";
  if (std::filesystem::is_directory(src, ec)) return {src, checkout};
  return {checkout};
}

std::map<std::string, std::string> checkout_python_env(const std::filesystem::path& checkout,
                                                       std::map<std::string, std::string> env) {
  std::string path;
  for (const auto& root : import_roots(checkout)) path += (path.empty() ? "" : ":") + root.string();
  env["PYTHONPATH"] = path;
  return env;
}

OriginReport find_module_origins(sdk::HostServices& services, const std::filesystem::path& checkout,
                                 const std::vector<std::string>& python, const std::map<std::string, std::string>& env,
                                 const std::vector<std::string>& modules) {
  sdk::ProcessRequest request;
  request.argv = python;
  request.argv.insert(request.argv.end(), {"-c", std::string(prhost::python::module_origins()), checkout.string()});
  request.argv.insert(request.argv.end(), modules.begin(), modules.end());
  request.cwd = checkout;
  request.env = checkout_python_env(checkout, env);
  // When a module resolves into the user's checkout, importing its parents
  // must not leave __pycache__ there.
  request.env["PYTHONDONTWRITEBYTECODE"] = "1";
  request.timeout = kProbeTimeout;
  const auto result = services.run(request);
  if (!result.ok()) {
    throw OwnCodeError("cannot check where modules come from in " + checkout.string() + " with `" + join(python) +
                       "`: " + describe(result));
  }
  return parse_report(result.out, checkout);
}

std::vector<std::string> resolve_project_python(const sdk::RunnerAdapter& runner, const sdk::Project& project,
                                                sdk::HostServices& services) {
  auto argv = runner.python(project, services);
  const auto shown = join(argv);
  argv.insert(argv.end(), {"-c", "import sys; print(sys.executable)"});
  sdk::ProcessRequest request;
  request.argv = argv;
  request.cwd = project.root;
  const auto result = services.run(request);
  std::string executable = result.out;
  while (!executable.empty() && (executable.back() == '\n' || executable.back() == '\r')) executable.pop_back();
  if (executable.find('\n') != std::string::npos) executable = executable.substr(executable.rfind('\n') + 1);
  if (!result.ok() || executable.empty()) {
    throw OwnCodeError("the " + runner.id + " runner's interpreter (`" + shown + "`, run in " + project.root.string() +
                       ") did not start: " + describe(result) +
                       "\nset it up first (e.g. create the project's virtual environment) or choose another runner "
                       "in prhost.toml");
  }
  return {executable};
}

CheckoutInterpreter prepare_interpreter_for_checkout(const sdk::RunnerAdapter& runner, const sdk::Project& project,
                                                     const Checkout& checkout,
                                                     const std::vector<std::string>& project_python,
                                                     const std::vector<std::string>& modules,
                                                     sdk::HostServices& services) {
  if (modules.empty()) {
    throw OwnCodeError("no module to check for " + checkout.ref +
                       ": prhost only measures a checkout once it has proved which code the benchmark imports; name "
                       "the benchmarked modules");
  }
  const std::string label = checkout.ref + " (" + short_sha(checkout) + ")";

  // (a) The project's own interpreter, the checkout first on sys.path.
  CheckoutInterpreter plain;
  plain.python = project_python;
  plain.proof = find_module_origins(services, checkout.dir, project_python, checkout.env, modules);
  plain.env = checkout_python_env(checkout.dir, checkout.env);
  if (plain.proof.all_inside()) return plain;
  const ModuleOrigin first_miss = *plain.proof.first_outside();
  services.log(sdk::LogLevel::Info, "at " + label + ", " + first_miss.module + " " + where(first_miss) + " with " +
                                        join(project_python) + "; building a per-ref environment with the " +
                                        runner.id + " runner");

  // (b) The runner's per-worktree environment.
  if (!runner.worktree_environment) {
    throw OwnCodeError("at " + label + ", " + first_miss.module + " " + where(first_miss) + ", not inside " +
                       checkout.dir.string() + ", and the " + runner.id +
                       " runner offers no per-worktree environment; uninstall the project from the interpreter "
                       "(e.g. an editable install of your checkout) or choose a runner that offers one");
  }
  const auto environment = runner.worktree_environment(project, checkout.dir, services);
  run_setup(environment, project, checkout, runner, services);
  std::map<std::string, std::string> env = checkout.env;
  for (const auto& [name, value] : environment.env) env[name] = value;

  CheckoutInterpreter isolated;
  isolated.python = environment.python;
  isolated.per_ref_environment = true;
  isolated.proof = find_module_origins(services, checkout.dir, environment.python, env, modules);
  isolated.env = checkout_python_env(checkout.dir, env);
  if (isolated.proof.all_inside()) return isolated;

  // (c) Nothing measures this ref's own code: stop, saying why and what to do.
  const ModuleOrigin& miss = *isolated.proof.first_outside();
  std::string message = "at " + label + ", " + miss.module + " " + where(miss);
  if (miss.error.empty()) message += ", outside the checkout " + checkout.dir.string();
  message += ", even in the " + runner.id + " runner's per-ref environment (`" + join(environment.python) +
             "`). prhost will not report numbers for other code.\n";
  if (!miss.error.empty()) {
    message += "If " + miss.module + " does not exist at " + checkout.ref +
               ", benchmark only code both refs have. If the package must be built (compiled extensions, a "
               "generated _version.py, entry-point plugins), set editable_install = true in [plugin.runner-" +
               runner.id + "] of prhost.toml.";
  } else {
    message +=
        "Something ahead of the checkout on sys.path provides it (a .pth file, a site-packages copy); "
        "remove it, or set editable_install = true in [plugin.runner-" +
        runner.id + "] of prhost.toml so the ref is installed into its own environment.";
  }
  throw OwnCodeError(message);
}

}  // namespace prhost::worktree
