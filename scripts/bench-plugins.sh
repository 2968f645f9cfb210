#!/usr/bin/env bash
# Prints the wall time of `prhost plugins` with all default plugins loaded
# (target: under 50 ms). Median of N runs after a warm-up, measured with
# bash's own clock so no extra tool is needed.
#   scripts/bench-plugins.sh [RUNS]   (default 30)
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prhost=${PRHOST_BIN:-${PRHOST_BUILD_DIR:-$repo_root/build}/bin/prhost}
runs=${1:-30}
[[ -x $prhost ]] || { echo "build prhost first (scripts/bootstrap.sh): $prhost not found" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
loaded=$("$prhost" -C "$work" plugins --json | python3 -c 'import json,sys; print(sum(p["status"]=="loaded" for p in json.load(sys.stdin)["plugins"]))')
"$prhost" -C "$work" plugins >/dev/null  # warm the page cache
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  "$prhost" -C "$work" plugins >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((runs / 2))]}
awk -v n="$loaded" -v med="$median" -v lo="${sorted[0]}" -v hi="${sorted[-1]}" -v runs="$runs" 'BEGIN {
  printf "prhost plugins: %d plugins loaded, median %.1f ms, min %.1f ms, max %.1f ms over %d runs\n",
         n, med / 1000, lo / 1000, hi / 1000, runs }'
