#!/usr/bin/env bash
# Set-up (scripts/bootstrap.sh), then prhost on the bundled example
# repository: a small Python project with kept optimizations and a
# .codeflash/HANDOFF.md, created fresh in a temporary directory.
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
printf '\n==> %s plugins\n' "$prhost" >&2
"$prhost" -C "$example_dir" plugins
