// How every default runner gives a worktree an interpreter that imports the
// worktree's own code.
//
// The choice: a small venv inside the worktree (`<worktree>/.prhost-venv`),
// created by the project's own interpreter (same Python version), whose
// site-packages holds only two .pth files:
//   _prhost_0_worktree.pth     the worktree's import root (`src/` if present,
//                              else the worktree itself) — listed first, so
//                              the worktree's code wins;
//   _prhost_1_project_env.pth  the project environment's site-packages (and
//                              any other sys.path entry outside the main
//                              checkout), so pytest, pytest-benchmark, memray,
//                              codeflash and the project's dependencies come
//                              from the environment the user already set up.
// Why not the alternatives:
//   * `venv --system-site-packages` only exposes the *base* interpreter's
//     packages; when the project interpreter is itself a venv (uv, poetry,
//     most pip projects) its dependencies would be missing.
//   * `pip install -e <worktree>` needs the build backend (hatchling,
//     poetry-core, ...) importable or downloadable; a .pth needs neither, is
//     instant and works offline. Projects with C extensions still need a
//     build, so runners offer it as an opt-in step (option `editable_install`).
//   * `uv sync` / `poetry install` per worktree would install each ref's pinned
//     dependencies, but needs the network for anything not cached and drops
//     tools installed ad hoc (pytest-benchmark, memray) into the project env.
// A .pth line only adds a directory to sys.path; .pth files *inside* a linked
// directory are not processed, so the project env's editable install of the
// main checkout stays inactive — the main checkout's code cannot leak in.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "prhost/sdk/project.hpp"
#include "prhost/sdk/runner.hpp"

namespace prhost::plugins::common {

inline constexpr const char* kWorktreeVenvName = ".prhost-venv";

// argv[1] = venv dir, argv[2] = worktree, argv[3] = the main checkout (project
// root), whose own code must not be linked.
inline constexpr const char* kMakeWorktreeVenvScript = R"PY(
import json, os, site, sys, sysconfig, venv

venv_dir, worktree, project_root = (os.path.abspath(a) for a in sys.argv[1:4])

def real(path):
    return os.path.realpath(path)

def inside(path, root):
    path, root = real(path), real(root)
    return path == root or path.startswith(root + os.sep)

site_dirs = list(site.getsitepackages())
if site.ENABLE_USER_SITE:
    site_dirs.append(site.getusersitepackages())
stdlib = [sysconfig.get_path(name) for name in ("stdlib", "platstdlib")]
extra = [p for p in sys.path
         if p and p not in site_dirs and not inside(p, project_root) and not any(inside(p, s) for s in stdlib)]
linked = [p for p in dict.fromkeys(site_dirs + extra) if os.path.isdir(p) and not inside(p, venv_dir)]

venv.EnvBuilder(clear=True, symlinks=(os.name != "nt"), with_pip=False).create(venv_dir)
scheme = "venv" if "venv" in sysconfig.get_scheme_names() else ("nt" if os.name == "nt" else "posix_prefix")
purelib = sysconfig.get_path("purelib", scheme, vars={"base": venv_dir, "platbase": venv_dir})
os.makedirs(purelib, exist_ok=True)

src = os.path.join(worktree, "src")
code_root = src if os.path.isdir(src) else worktree
with open(os.path.join(purelib, "_prhost_0_worktree.pth"), "w") as out:
    out.write(code_root + "\n")
with open(os.path.join(purelib, "_prhost_1_project_env.pth"), "w") as out:
    out.writelines(p + "\n" for p in linked)
print(json.dumps({"venv": venv_dir, "code_root": code_root, "linked": linked}))
)PY";

inline std::filesystem::path worktree_venv_dir(const std::filesystem::path& worktree) {
  return worktree / kWorktreeVenvName;
}

inline std::filesystem::path worktree_venv_python(const std::filesystem::path& worktree) {
  return worktree_venv_dir(worktree) / "bin" / "python";
}

// The environment described above. `project_python` is the runner's argv for
// the project interpreter; it runs from the project root. `extra_setup` runs
// after the venv exists (e.g. an opt-in editable install).
inline sdk::WorktreeEnvironment make_linked_worktree_environment(const std::vector<std::string>& project_python,
                                                                 const sdk::Project& project,
                                                                 const std::filesystem::path& worktree,
                                                                 std::vector<sdk::Command> extra_setup = {}) {
  sdk::WorktreeEnvironment environment;
  sdk::Command create{project_python, project.root};
  create.argv.insert(create.argv.end(), {"-c", kMakeWorktreeVenvScript, worktree_venv_dir(worktree).string(),
                                         worktree.string(), project.root.string()});
  environment.setup.push_back(std::move(create));
  for (auto& step : extra_setup) environment.setup.push_back(std::move(step));
  environment.python = {worktree_venv_python(worktree).string()};
  environment.env = {
      // Tools that honour an active venv (uv pip, pip) target this one.
      {"VIRTUAL_ENV", worktree_venv_dir(worktree).string()},
      {"PIP_DISABLE_PIP_VERSION_CHECK", "1"},
  };
  return environment;
}

}  // namespace prhost::plugins::common
