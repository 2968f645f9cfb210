#!/usr/bin/env bash
# Set-up (scripts/bootstrap.sh), then prhost on the bundled example
# repository: a small Python package with one kept optimization per domain
# and the .codeflash/HANDOFF.md an optimization agent leaves behind, created
# fresh in a temporary directory. Runs the phases that exist today:
# plugins, inventory, bench, compare.
#
#   scripts/demo.sh [DIR]   keep the example repository in DIR instead
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo_root/scripts/bootstrap.sh"
build_dir=${PRHOST_BUILD_DIR:-$repo_root/build}

example_dir=${1:-}
if [[ -z $example_dir ]]; then
  example_dir=$(mktemp -d "${TMPDIR:-/tmp}/prhost-example-XXXXXX")
  trap 'rm -rf "$example_dir"' EXIT
fi
"$repo_root/scripts/make-example-repo.sh" "$example_dir"

prhost=$build_dir/bin/prhost
step() { printf '\n==> prhost %s\n' "$*" >&2; "$prhost" -C "$example_dir" "$@"; }
step plugins
step inventory
# bench exits 1 when an optimization needs review (the example's __slots__
# change touches no function); the demo goes on to show the comparison.
step bench || true
step compare main codeflash/optimize --backend builtin -k count_words
