#!/usr/bin/env bash
# Set-up (scripts/bootstrap.sh) and the whole test suite: unit, plugin and
# end-to-end tests through ctest. Exit status is ctest's.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PRHOST_BUILD_TESTS=ON "$repo_root/scripts/bootstrap.sh"
build_dir=${PRHOST_BUILD_DIR:-$repo_root/build}
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" --timeout 600
