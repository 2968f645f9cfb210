#!/usr/bin/env bash
# Regenerates the docs prhost writes about itself from the built binary and
# default plugins: docs/doctor.md (`prhost doctor --list`) and
# docs/configuration.md (`prhost plugins --config-reference`).
# tests/e2e/doctor_docs_e2e_test.cpp fails when they drift.
# Usage: scripts/generate-docs.sh [build-dir]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
prhost="$build/bin/prhost"
[ -x "$prhost" ] || prhost="$(find "$build" -maxdepth 3 -name prhost -type f -perm -u+x | head -1)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Outside any repository and prhost.toml: the default plugins only.
(cd "$scratch" && "$prhost" doctor --list) > "$root/docs/doctor.md"
(cd "$scratch" && "$prhost" plugins --config-reference) > "$root/docs/configuration.md"
echo "wrote docs/doctor.md and docs/configuration.md"
