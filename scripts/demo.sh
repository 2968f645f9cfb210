#!/usr/bin/env bash
# The main command on the bundled example repository: set-up
# (scripts/bootstrap.sh, building only prhost and its default plugins — not
# the tests), the example repository created fresh from
# scripts/make-example-repo.sh (a cpu, a mem, an async and a struct
# optimization on branch codeflash/optimize, plus the HANDOFF.md an agent
# leaves), then `prhost prepare` on it. It prints the report and the path of
# one PR body; at least one optimization is not ready, and the report says why.
#
#   scripts/demo.sh [DIR]   make the example repository in DIR (default: a new
#                           directory under $TMPDIR, kept so you can read the
#                           PR bodies; the script prints where)
#   scripts/demo.sh --setup-only   the set-up alone (what a fresh machine's
#                           first run builds; scripts/check-main-setup.py)
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PRHOST_BUILD_TESTS=${PRHOST_BUILD_TESTS:-OFF} "$repo_root/scripts/bootstrap.sh"
[[ ${1:-} == --setup-only ]] && exit 0
build_dir=${PRHOST_BUILD_DIR:-$repo_root/build}

example_dir=${1:-}
if [[ -z $example_dir ]]; then
  example_dir=$(mktemp -d "${TMPDIR:-/tmp}/prhost-example-XXXXXX")
fi
"$repo_root/scripts/make-example-repo.sh" "$example_dir"

prhost=$build_dir/bin/prhost
printf '\n==> prhost prepare  (in %s)\n' "$example_dir" >&2
# Exit 1 means "not everything is ready": the demo shows why rather than stop.
"$prhost" -C "$example_dir" prepare --html "$example_dir/.codeflash/report.html" || true

body=$(ls "$example_dir"/.codeflash/pr-body-*.md | head -n 1)
if grep -q '{{' "$example_dir"/.codeflash/pr-body-*.md; then
  echo "error: a PR body kept a {{placeholder}}" >&2
  exit 1
fi
printf '\nOne PR body: %s\nThe report as a page: %s\n' "$body" "$example_dir/.codeflash/report.html"
