// Proof that a checkout measures its own code. Before any timing, the
// benchmarked modules are located (importlib.util.find_spec) with the
// interpreter and environment the benchmarks will use; a module that resolves
// outside the checkout — an editable install of the main checkout, a copy in
// site-packages — means the numbers would belong to other code, so prhost
// builds a per-ref environment through the runner plugin or stops.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "prhost/sdk/host_services.hpp"
#include "prhost/sdk/project.hpp"
#include "prhost/sdk/runner.hpp"
#include "worktree/ref_checkout.hpp"

namespace prhost::worktree {

struct ModuleOrigin {
  std::string module;   // dotted name, e.g. "shelfscan.tokens"
  std::string origin;   // resolved file (or a namespace package's directory); empty when not found
  bool inside = false;  // origin lies inside the checkout (symlinks resolved)
  std::string error;    // why it could not be located (e.g. "ModuleNotFoundError: ..."), else empty
};

struct OriginReport {
  std::string executable;  // sys.executable of the interpreter that was asked
  std::vector<ModuleOrigin> modules;

  [[nodiscard]] bool all_inside() const;
  // The first module that is missing or resolves elsewhere; nullptr if none.
  [[nodiscard]] const ModuleOrigin* first_outside() const;
};

class OwnCodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where a checkout's code is importable from: the checkout itself, and its
// `src/` first when the project uses a src layout.
[[nodiscard]] std::vector<std::filesystem::path> import_roots(const std::filesystem::path& checkout);

// `env` plus PYTHONPATH = import_roots(checkout). PYTHONPATH is replaced, not
// extended: a user's PYTHONPATH often points at the main checkout.
[[nodiscard]] std::map<std::string, std::string> checkout_python_env(const std::filesystem::path& checkout,
                                                                     std::map<std::string, std::string> env);

// Runs the embedded module_origins.py with `python` (an argv prefix that works
// from any directory), cwd = checkout and env = checkout_python_env(checkout,
// env). Throws OwnCodeError when the helper itself cannot run.
[[nodiscard]] OriginReport find_module_origins(sdk::HostServices& services, const std::filesystem::path& checkout,
                                               const std::vector<std::string>& python,
                                               const std::map<std::string, std::string>& env,
                                               const std::vector<std::string>& modules);

// The interpreter a runner's `python` argv really starts, as an absolute path
// (sys.executable), asked from the project root as the runner contract wants.
// `uv run`/`poetry run` resolve the environment from the working directory, so
// they cannot be started inside a checkout; the resolved path can. Throws
// OwnCodeError naming the runner when the interpreter does not start.
[[nodiscard]] std::vector<std::string> resolve_project_python(const sdk::RunnerAdapter& runner,
                                                              const sdk::Project& project, sdk::HostServices& services);

struct CheckoutInterpreter {
  std::vector<std::string> python;         // argv prefix; run it with cwd = the checkout
  std::map<std::string, std::string> env;  // the checkout's env, the runner's, and PYTHONPATH
  bool per_ref_environment = false;        // the runner's worktree environment was needed
  OriginReport proof;                      // the passing check, for logs and the PR body
};

// (a) `project_python` (see resolve_project_python) with the checkout's import
//     roots on PYTHONPATH; if every module resolves inside the checkout, done.
// (b) Otherwise the runner's worktree_environment(project, checkout.dir) is
//     set up (its commands run in order) and the check is repeated with its
//     interpreter.
// (c) Still wrong: OwnCodeError naming the ref, the module, where it resolved
//     and what to do. An empty `modules` list proves nothing and is refused.
[[nodiscard]] CheckoutInterpreter prepare_interpreter_for_checkout(const sdk::RunnerAdapter& runner,
                                                                   const sdk::Project& project,
                                                                   const Checkout& checkout,
                                                                   const std::vector<std::string>& project_python,
                                                                   const std::vector<std::string>& modules,
                                                                   sdk::HostServices& services);

}  // namespace prhost::worktree
