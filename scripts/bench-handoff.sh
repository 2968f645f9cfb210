#!/usr/bin/env bash
# Times `prhost inventory` on hostile HANDOFF.md files: tables of N rows
# under "Optimizations committed" (SHAs unknown to the repository, so the
# unknown-SHA warnings are summarised too), and single lines of 1 MB full of
# emphasis and links. Linear time means the 200k-row time is about 4x the
# 50k-row time.
#
#   scripts/bench-handoff.sh [PRHOST_BINARY]
#
# Environment: ROWS (default "16000 50000 200000"), RUNS (default 3).
set -euo pipefail

PRHOST=${1:-build/bin/prhost}
ROWS=${ROWS:-16000 50000 200000}
RUNS=${RUNS:-3}
PRHOST=$(cd "$(dirname "$PRHOST")" && pwd)/$(basename "$PRHOST")
[[ -x $PRHOST ]] || { echo "error: $PRHOST is not an executable; build prhost first or pass its path" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@prhost.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@prhost.invalid
repo=$work/repo
git init -q -b main "$repo"
mkdir -p "$repo/.codeflash"
echo 'def f(): return 1' > "$repo/mod.py"
git -C "$repo" add mod.py && git -C "$repo" commit -q -m "first"

# Median wall time of RUNS inventories, in seconds.
time_inventory() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    (cd "$repo" && "$PRHOST" inventory >/dev/null 2>"$work/stderr") || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

printf '%-34s %10s %10s\n' "HANDOFF.md" "bytes" "median s"
for rows in $ROWS; do
  python3 - "$rows" "$repo/.codeflash/HANDOFF.md" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(rows)
with open(path, "w") as f:
    f.write("## Optimizations committed\n\n| Commit | Change | Domain |\n|---|---|---|\n")
    for i in range(rows):
        f.write(f"| {random.getrandbits(40):010x}a | **stream** rows in [parse_{i}](x.py) | cpu |\n")
PY
  printf '%-34s %10s %10s\n' "table, $rows rows" "$(stat -c %s "$repo/.codeflash/HANDOFF.md")" "$(time_inventory)"
done
grep -m1 "more unknown" "$work/stderr" | sed 's/^/  last run says: /' || true

python3 - "$repo/.codeflash/HANDOFF.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("## Kept\n\n- abc1234d " + "word `x` **y** [z](u) " * 50000 + "\n")
PY
printf '%-34s %10s %10s\n' "one 1 MB line of **y** [z](u)" "$(stat -c %s "$repo/.codeflash/HANDOFF.md")" "$(time_inventory)"
python3 - "$repo/.codeflash/HANDOFF.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("## Kept\n\n" + "".join(f"- {i:07x}a **y** [z](u) " + "x" * 1000 + "\n" for i in range(1000)))
PY
printf '%-34s %10s %10s\n' "1000 list items of 1 KB" "$(stat -c %s "$repo/.codeflash/HANDOFF.md")" "$(time_inventory)"
