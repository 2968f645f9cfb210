#!/usr/bin/env bash
# Times `prhost inventory` on a repository with a long history, next to
# `git log --oneline -30` on the same repository.
#
#   scripts/bench-inventory.sh [PRHOST_BINARY]
#
# Environment: COMMITS (default 50000), RUNS (default 5), BENCH_REPO (reuse or
# keep the generated repository there; default: a temporary directory that is
# removed afterwards), PRHOST_ARGS (extra arguments, e.g. --plugin-dir DIR).
#
# The repository is written with `git fast-import` (seconds, not minutes). Its
# last commits look like a real optimization branch: `mem:`/`cpu:` subjects
# changing Python functions and methods, a HANDOFF.md and a benchmark test,
# so the timing includes the diff, the Python helper and the benchmark scan.
set -euo pipefail

PRHOST=${1:-build/bin/prhost}
COMMITS=${COMMITS:-50000}
RUNS=${RUNS:-5}
PRHOST=$(cd "$(dirname "$PRHOST")" && pwd)/$(basename "$PRHOST")
[[ -x $PRHOST ]] || { echo "error: $PRHOST is not an executable; build prhost first or pass its path" >&2; exit 2; }

cleanup=""
if [[ -z ${BENCH_REPO:-} ]]; then
  cleanup=$(mktemp -d)
  BENCH_REPO=$cleanup/repo
fi
trap '[[ -n $cleanup ]] && rm -rf "$cleanup"' EXIT

export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@prhost.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@prhost.invalid

generate() {
  rm -rf "$BENCH_REPO"
  git init -q -b main "$BENCH_REPO"
  # One commit per second; each touches one of 50 modules so the object
  # database is realistic (trees shared, blobs changing).
  awk -v n="$COMMITS" 'BEGIN {
    t = 1600000000
    for (i = 1; i <= n; i++) {
      m = i % 50
      printf "commit refs/heads/main\nmark :%d\ncommitter bench <bench@prhost.invalid> %d +0000\n", i, t + i
      printf "data <<EOM\nUpdate module %d (change %d)\nEOM\n", m, i
      if (i > 1) printf "from :%d\n", i - 1
      printf "M 644 inline src/pkg/mod_%d.py\ndata <<EOM\n", m
      printf "def compute_%d(values):\n    total = 0\n    for v in values:\n        total += v * %d\n    return total\nEOM\n\n", m, i
    }
  }' | git -C "$BENCH_REPO" fast-import --quiet
  git -C "$BENCH_REPO" checkout -q main

  # The optimization branch on top: a package with a class, two kept
  # optimizations, a discarded one, a benchmark and a hand-off.
  cd "$BENCH_REPO"
  mkdir -p src/pkg tests/benchmarks .codeflash
  touch src/pkg/__init__.py
  cat > src/pkg/items.py <<'EOF'
class InlineTable:
    def __init__(self, items):
        self.items = items

    def as_string(self):
        out = ""
        for key, value in self.items:
            out += f"{key} = {value}, "
        return "{" + out + "}"


def parse_rows(text):
    rows = []
    for line in text.splitlines():
        rows.append(line.split(","))
    return rows
EOF
  printf '[project]\nname = "pkg"\n\n[tool.codeflash]\nbenchmarks-root = "tests/benchmarks"\n' > pyproject.toml
  git add -A && git commit -q -m "Add items module"
  python3 - <<'EOF'
import re
p = "src/pkg/items.py"
s = open(p).read()
s = s.replace('''        out = ""
        for key, value in self.items:
            out += f"{key} = {value}, "
        return "{" + out + "}"''', '''        return "{" + ", ".join(f"{k} = {v}" for k, v in self.items) + "}"''')
open(p, "w").write(s)
EOF
  git commit -q -am "cpu: join InlineTable items in one pass"
  local as_string
  as_string=$(git rev-parse --short HEAD)
  python3 - <<'EOF'
p = "src/pkg/items.py"
s = open(p).read()
s = s.replace('''    rows = []
    for line in text.splitlines():
        rows.append(line.split(","))
    return rows''', '''    return [line.split(",") for line in text.splitlines()]''')
open(p, "w").write(s)
EOF
  git commit -q -am "mem: build parse_rows in one comprehension"
  printf 'CACHE = {}\n' > src/pkg/cache.py && git add -A && git commit -q -m "cpu: cache parsed keys"
  local cache
  cache=$(git rev-parse --short HEAD)
  printf 'def test_benchmark_as_string(benchmark):\n    pass\n' > tests/benchmarks/test_items.py
  git add -A && git commit -q -m "bench: as_string"
  cat > .codeflash/HANDOFF.md <<EOF
# Optimization hand-off

## Optimizations committed

1. **$as_string**: Build \`InlineTable.as_string\` with one join (cpu)

## Discarded experiments

- $cache: caching parsed keys, no gain
EOF
  cd - > /dev/null
}

if [[ ! -d $BENCH_REPO/.git ]] || [[ $(git -C "$BENCH_REPO" rev-list --count HEAD) -lt $COMMITS ]]; then
  echo "generating $COMMITS commits in $BENCH_REPO ..." >&2
  start=$(date +%s.%N)
  generate
  echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
fi
echo "repository: $BENCH_REPO ($(git -C "$BENCH_REPO" rev-list --count HEAD) commits, $(du -sh "$BENCH_REPO/.git" | cut -f1))" >&2

# Best and median of RUNS wall-clock timings of a command, in seconds.
time_runs() {
  local times=()
  for ((run = 0; run < RUNS; run++)); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || { echo "error: '$*' failed" >&2; "$@" >&2 || true; exit 1; }
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "best %.3f s, median %.3f s", a[1] / 1000, a[int((NR + 1) / 2)] / 1000 }'
}

cd "$BENCH_REPO"
# shellcheck disable=SC2086
inventory=$(time_runs "$PRHOST" inventory ${PRHOST_ARGS:-})
# shellcheck disable=SC2086
inventory_json=$(time_runs "$PRHOST" inventory --json ${PRHOST_ARGS:-})
git_log=$(time_runs git log --oneline -30)

echo "| command (${RUNS} runs, $(git rev-list --count HEAD) commits) | wall time |"
echo "|---|---|"
echo "| \`prhost inventory\` | $inventory |"
echo "| \`prhost inventory --json\` | $inventory_json |"
echo "| \`git log --oneline -30\` | $git_log |"
echo
# shellcheck disable=SC2086
"$PRHOST" inventory ${PRHOST_ARGS:-}
