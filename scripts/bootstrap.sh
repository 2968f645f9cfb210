#!/usr/bin/env bash
# Installs everything prhost needs on a fresh Debian 12 machine, then builds it.
# Idempotent: when everything is already there it only runs the (incremental)
# build. Sourced by scripts/demo.sh and scripts/test.sh; can also run alone.
#
#   PRHOST_BUILD_DIR  build directory (default: <repo>/build)
#   PRHOST_PYTHON     interpreter to install the Python tools into
#                     (default: the python3 found on PATH)
#   PRHOST_BUILD_TESTS ON (default) builds everything; OFF builds only prhost
#                     and its default plugins (scripts/demo.sh: the main command
#                     needs no test binaries)
#   PRHOST_BUILD_STEP build (default), or configure: stop after cmake's
#                     configure step (scripts/check-main-setup.py reads what the
#                     build would make without compiling it)
#   PRHOST_NO_INSTALL 1: name what is missing and fail instead of installing
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PRHOST_BUILD_DIR:-$repo_root/build}

say() { printf '==> %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------
debian_packages=(
  build-essential cmake pkg-config git
  libboost-dev libboost-filesystem-dev libfmt-dev libtomlplusplus-dev libgit2-dev
  libgtest-dev googletest libcli11-dev nlohmann-json3-dev
  clang-format clang-tidy libssl-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libre2-dev libexpected-dev clang libclang-rt-14-dev
  valgrind
  python3 python3-venv python3-pip
  chromium
)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})) && [[ ${PRHOST_NO_INSTALL:-} == 1 ]]; then
  say "missing Debian packages (PRHOST_NO_INSTALL=1): ${missing[*]}"
  exit 1
elif ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "Debian packages: all present"
fi

# --- Python tools from PyPI --------------------------------------------------
# prhost never assumes an interpreter; this script reports the one it uses.
python=${PRHOST_PYTHON:-$(command -v python3)}
say "Python tools go into: $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])') (found as $python)"
python_packages=(pytest pytest-benchmark memray pytest-memray uv poetry codeflash anyio numpy pillow pyperf)
if "$python" - <<'PY' 2>/dev/null && command -v uv >/dev/null && command -v poetry >/dev/null; then
import importlib.util, sys
modules = ["pytest", "pytest_benchmark", "memray", "pytest_memray", "uv", "poetry", "codeflash", "anyio", "numpy", "PIL", "pyperf"]
sys.exit(0 if all(importlib.util.find_spec(m) for m in modules) else 1)
PY
  say "Python tools: all present"
elif [[ ${PRHOST_NO_INSTALL:-} == 1 ]]; then
  say "missing Python tools (PRHOST_NO_INSTALL=1): some of ${python_packages[*]}"
  exit 1
else
  say "installing from PyPI: ${python_packages[*]}"
  "$python" -m pip install --disable-pip-version-check -q "${python_packages[@]}"
  # pyenv puts new console scripts (uv, poetry, codeflash) behind shims.
  command -v pyenv >/dev/null && pyenv rehash || true
fi

# --- Build -------------------------------------------------------------------
say "building in $build_dir"
build_tests=${PRHOST_BUILD_TESTS:-ON}
cmake -S "$repo_root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRHOST_BUILD_TESTS="$build_tests" >/dev/null
if [[ ${PRHOST_BUILD_STEP:-build} == configure ]]; then
  say "configured $build_dir (PRHOST_BUILD_STEP=configure: nothing built)"
  exit 0
fi
cmake --build "$build_dir" -j "$(nproc)"
say "built $build_dir/bin/prhost"
