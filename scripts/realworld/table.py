#!/usr/bin/env python3
"""Run prhost on each prepared real-world case and print one markdown table.

For every ``[[case]]`` in ``cases.toml`` whose clone ``prepare.py`` made under
``$PRHOST_REALWORLD_DIR/<id>`` (default ``/tmp/prhost-realworld``), this
script runs the real prhost binary in the clone, with the clone's ``.venv``
active, one case after another:

1. ``prhost inventory --json``: is the case's target among the functions
   inventory lists for the optimization commit, and which domain it gives;
2. ``prhost bench --json`` (no hints): the benchmark row of the target, its
   input source, the changed lines it executes, base/head equivalence and
   whether it ran at both refs;
3. unless ``--no-prepare``: ``prhost prepare --json`` with a config file
   holding ``[compare] max-pairs = 10`` (``--config``), for the status of the
   optimization.

Every command has a timeout. Cells that prhost's JSON does not answer are
``?`` with a footnote saying why; nothing is guessed. The table goes to
stdout (progress to stderr); the raw per-case results to
``<dir>/table-results.json`` and each command's stderr to
``<dir>/logs/<id>-prhost-<command>.log``.

Run ``prepare.py`` first: it resets each clone (removing benchmarks an earlier
run wrote), so bench writes and validates afresh.

Exit codes: 0 table printed; 2 bad command line; 3 bad cases.toml;
4 prhost binary or prepared clones missing.

Python 3.11+, standard library only.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE / "cases.toml"
DEFAULT_DIR = "/tmp/prhost-realworld"
DEFAULT_PRHOST = "/work/main/build/bin/prhost"
# Ten paired rounds keep a prepare run to minutes on a shared 2-core machine.
PREPARE_CONFIG = "[compare]\nmax-pairs = 10\n"
UNKNOWN = "?"


@dataclass
class Outcome:
    """What one prhost command did: its parsed JSON or why there is none."""

    json: dict | None = None
    rc: int | None = None
    seconds: float = 0.0
    failure: str = ""  # "timeout after 900 s", "exit 4, no JSON", ...


@dataclass
class Row:
    """One table row; `notes` become the footnotes of the row's `?` cells."""

    case: str
    found: str = UNKNOWN
    domain: str = UNKNOWN
    source: str = UNKNOWN
    reached: str = UNKNOWN
    agree: str = UNKNOWN
    both: str = UNKNOWN
    prepare: str = "not run"
    bench_seconds: str = UNKNOWN
    working: bool = False
    notes: list[str] = field(default_factory=list)


def run_prhost(prhost: str, clone: Path, args: list[str], timeout: int, log: Path) -> Outcome:
    """Runs prhost in the clone with its venv active; stdout must be JSON."""
    venv = clone / ".venv"
    env = dict(os.environ, VIRTUAL_ENV=str(venv), PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("PYTHONHOME", None)
    cmd = [prhost, "-C", str(clone), "--json", *args]
    start = time.monotonic()
    outcome = Outcome()
    with log.open("w") as err:
        err.write("$ " + " ".join(cmd) + "\n")
        err.flush()
        try:
            done = subprocess.run(cmd, cwd=clone, env=env, stdout=subprocess.PIPE, stderr=err,
                                  text=True, timeout=timeout, start_new_session=True)
        except subprocess.TimeoutExpired:
            outcome.seconds = time.monotonic() - start
            outcome.failure = f"timeout after {timeout} s"
            return outcome
    outcome.seconds = time.monotonic() - start
    outcome.rc = done.returncode
    try:
        outcome.json = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError as e:
        outcome.failure = f"exit {done.returncode}, stdout is not JSON ({e.msg})"
        return outcome
    if outcome.json is None:
        outcome.failure = f"exit {done.returncode}, no JSON on stdout (see {log})"
    return outcome


def optimization_of(inventory: dict, commit: str) -> dict | None:
    for opt in inventory.get("optimizations", []):
        if opt.get("sha") == commit:
            return opt
    return None


def fill_inventory(row: Row, case: dict, inv: Outcome) -> None:
    if inv.json is None:
        row.notes.append(f"inventory: {inv.failure}")
        return
    opt = optimization_of(inv.json, case["commit"])
    if opt is None:
        row.found = "no"
        row.notes.append(f"inventory: no optimization for commit {case['commit'][:10]}")
        return
    ids = [f.get("id") for f in opt.get("functions", [])]
    row.found = "yes" if case["target"] in ids else "no"
    if row.found == "no":
        listed = ", ".join(i for i in ids if i) or "none"
        row.notes.append(f"inventory lists {listed}; not {case['target']}")
    row.domain = "+".join(opt.get("domains", [])) or UNKNOWN
    if set(opt.get("domains", [])) != set(case.get("domain", [])):
        row.notes.append(f"domain: prhost {row.domain}, case {'+'.join(case.get('domain', []))}")


def bench_row_of(bench: dict, target: str) -> dict | None:
    for item in bench.get("benchmarks", []):
        if item.get("function") == target:
            return item
    return None


def reached_cell(item: dict, row: Row) -> str:
    cov = item.get("coverage")
    if cov is None:
        row.notes.append("changed lines not measured (bench stopped before the probe ran at head)")
        return UNKNOWN
    executed, changed = cov.get("executed_lines", 0), cov.get("changed_lines", 0)
    if changed == 0:
        return "0/0 (class layout)"
    return f"{executed}/{changed}"


def agree_cell(item: dict, row: Row) -> str:
    status = item.get("equivalence", {}).get("status", "not checked")
    if status == "same":
        return "yes"
    if status == "different":
        return "no"
    if status == "not checked":
        row.notes.append("base/head results not compared (no probe ran at both refs)")
        return UNKNOWN
    row.notes.append(f"equivalence: {item.get('equivalence', {}).get('how') or '-'}")
    return status


def both_cell(item: dict, row: Row) -> str:
    """Ran at head and base: from the status, cause and notes bench leaves."""
    cause = item.get("cause", "")
    for note in item.get("notes", []):
        if note.startswith(("validated in the working tree only", "not run at base")):
            row.notes.append(note.splitlines()[0])
            return "head only"
    if cause.startswith("it fails at "):
        return "head only"
    if item.get("equivalence", {}).get("status") in ("same", "different", "not comparable"):
        return "yes"
    if item.get("status") == "created":
        return "yes"
    if item.get("coverage") is not None:
        return "head only"  # it ran at head, then stopped before base (cause says why)
    if item.get("status") in ("needs review", "blocked"):
        return "no"
    return UNKNOWN


def fill_bench(row: Row, case: dict, bench: Outcome) -> None:
    row.bench_seconds = f"{bench.seconds:.0f}"
    if bench.json is None:
        row.notes.append(f"bench: {bench.failure}")
        return
    item = bench_row_of(bench.json, case["target"])
    if item is None:
        rows = "; ".join(f"{b.get('function') or 'no function'}: {b.get('status')}, {b.get('cause') or '-'}"
                         for b in bench.json.get("benchmarks", []))
        row.notes.append(f"bench has no row for {case['target']} (rows: {rows or 'none'})")
        row.source = row.reached = row.agree = row.both = "-"
        return
    row.source = item.get("input_source") or UNKNOWN
    entries = [e.strip() for e in (item.get("public_entry") or "").split(",") if e.strip()]
    if entries:
        row.source += f" via {entries[0].split(':')[-1]}" + (f" (+{len(entries) - 1})" if len(entries) > 1 else "")
    row.reached = reached_cell(item, row)
    row.agree = agree_cell(item, row)
    row.both = both_cell(item, row)
    status = item.get("status")
    if status not in ("created", "exists"):
        row.notes.append(f"bench {status}: {item.get('cause')}")
    reaches = row.reached.startswith("0/0") or (row.reached not in (UNKNOWN, "-") and not row.reached.startswith("0/"))
    row.working = status in ("created", "exists") and row.both == "yes" and row.agree != "no" and reaches


def fill_prepare(row: Row, case: dict, prep: Outcome) -> None:
    if prep.json is None:
        row.prepare = UNKNOWN
        row.notes.append(f"prepare: {prep.failure}")
        return
    for opt in prep.json.get("optimizations", []):
        if opt.get("sha", "").startswith(case["commit"][:7]) or case["target"] in json.dumps(opt):
            row.prepare = opt.get("status") or UNKNOWN
            if row.prepare != "ready":
                row.notes.append(f"prepare: {opt.get('status_text', '-')}")
            return
    row.prepare = UNKNOWN
    row.notes.append(f"prepare: no row for {case['target']} in its JSON")


def run_case(case: dict, clone: Path, args: argparse.Namespace, logs: Path) -> tuple[Row, dict]:
    """Inventory and bench for one case."""
    row = Row(case["id"])
    inv = run_prhost(args.prhost, clone, ["inventory"], args.inventory_timeout, logs / f"{case['id']}-prhost-inventory.log")
    fill_inventory(row, case, inv)
    bench = run_prhost(args.prhost, clone, ["bench"], args.bench_timeout, logs / f"{case['id']}-prhost-bench.log")
    fill_bench(row, case, bench)
    raw = {"inventory": {"rc": inv.rc, "seconds": round(inv.seconds, 1), "failure": inv.failure,
                         "json": inv.json},
           "bench": {"rc": bench.rc, "seconds": round(bench.seconds, 1), "failure": bench.failure,
                     "json": bench.json}}
    return row, raw


def run_prepare(case: dict, clone: Path, args: argparse.Namespace, logs: Path, config: Path, row: Row,
                raw: dict) -> None:
    """`prhost prepare` after every case's bench, so the bench columns never wait on compare rounds."""
    prep = run_prhost(args.prhost, clone, ["--config", str(config), "prepare"], args.prepare_timeout,
                      logs / f"{case['id']}-prhost-prepare.log")
    fill_prepare(row, case, prep)
    raw["prepare"] = {"rc": prep.rc, "seconds": round(prep.seconds, 1), "failure": prep.failure, "json": prep.json}


def shorten(note: str, limit: int = 320) -> str:
    """A footnote stays one readable line; the whole cause is in table-results.json."""
    note = " ".join(note.split())
    return note if len(note) <= limit else note[: limit - 1] + "…"


def render(rows: list[Row], skipped: list[str], with_prepare: bool) -> str:
    head = ["case", "function found", "domain", "input source", "changed lines reached", "base/head agree",
            "runs at both refs", "bench s"]
    if with_prepare:
        head.append("prepare")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    footnotes: list[str] = []
    for row in rows:
        mark = ""
        if row.notes:
            footnotes.append(f"[{len(footnotes) + 1}] {row.case}: " + "; ".join(shorten(n) for n in row.notes))
            mark = f" [{len(footnotes)}]"
        cells = [row.case + mark, row.found, row.domain, row.source, row.reached, row.agree, row.both,
                 row.bench_seconds]
        if with_prepare:
            cells.append(row.prepare)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    working = sum(r.working for r in rows)
    lines.append("")
    lines.append(f"Working benchmark reaching the changed lines: {working} of {len(rows)} "
                 "(created, ran at base and head, results not different, executes at least one changed line; "
                 "a class-layout target counts 0/0 and counts when its construction benchmark runs at both refs).")
    if skipped:
        lines.append(f"Not run (no prepared clone): {', '.join(skipped)}.")
    if footnotes:
        lines.append("")
        lines.extend(f"{note.replace('|', '/')}  " for note in footnotes)
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prhost", nargs="?", default=DEFAULT_PRHOST, help="the prhost binary (default %(default)s)")
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="cases file (default %(default)s)")
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("PRHOST_REALWORLD_DIR", DEFAULT_DIR)),
                        help="where prepare.py made the clones (env PRHOST_REALWORLD_DIR; default %(default)s)")
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="only this case (repeatable)")
    parser.add_argument("--no-prepare", action="store_true", help="skip `prhost prepare`")
    parser.add_argument("--inventory-timeout", type=int, default=120, metavar="S")
    parser.add_argument("--bench-timeout", type=int, default=900, metavar="S")
    parser.add_argument("--prepare-timeout", type=int, default=900, metavar="S")
    parser.add_argument("--prepare-budget", type=int, default=0, metavar="S",
                        help="stop starting `prhost prepare` runs after S seconds in total (0: no limit)")
    return parser.parse_args(argv)


def load_cases(path: Path) -> list[dict]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f).get("case", [])
    except (OSError, tomllib.TOMLDecodeError) as e:
        print(f"table.py: cannot read {path}: {e}", file=sys.stderr)
        sys.exit(3)


def save_results(root: Path, raws: dict) -> None:
    generated = _dt.datetime.now().isoformat(timespec="seconds")
    (root / "table-results.json").write_text(json.dumps({"generated": generated, "cases": raws}, indent=1))


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not os.access(args.prhost, os.X_OK):
        print(f"table.py: {args.prhost} is not an executable prhost", file=sys.stderr)
        return 4
    cases = [c for c in load_cases(args.cases) if not args.only or c["id"] in args.only]
    unknown = set(args.only) - {c["id"] for c in cases}
    if unknown:
        print(f"table.py: unknown case(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    logs = args.dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    config = args.dir / "prhost-table.toml"
    config.write_text(PREPARE_CONFIG)
    done: list[tuple[dict, Path, Row]] = []
    raws: dict = {}
    skipped: list[str] = []
    for n, case in enumerate(cases, 1):
        clone = args.dir / case["id"]
        if not (clone / ".venv" / "bin" / "python").exists():
            skipped.append(case["id"])
            continue
        print(f"[{n}/{len(cases)}] {case['id']}: inventory, bench", file=sys.stderr, flush=True)
        row, raws[case["id"]] = run_case(case, clone, args, logs)
        done.append((case, clone, row))
        print(f"    found {row.found}, source {row.source}, reached {row.reached}, agree {row.agree}, "
              f"both {row.both}", file=sys.stderr, flush=True)
        save_results(args.dir, raws)
    started = time.monotonic()
    for case, clone, row in done if not args.no_prepare else []:
        if args.prepare_budget and time.monotonic() - started > args.prepare_budget:
            row.notes.append(f"prepare not run: the {args.prepare_budget} s budget for prepare runs was spent")
            continue
        print(f"{case['id']}: prepare", file=sys.stderr, flush=True)
        run_prepare(case, clone, args, logs, config, row, raws[case["id"]])
        print(f"    prepare {row.prepare}", file=sys.stderr, flush=True)
        save_results(args.dir, raws)
    rows = [row for _, _, row in done]
    if not rows:
        print("table.py: no prepared clone; run prepare.py first", file=sys.stderr)
        return 4
    sys.stdout.write(render(rows, skipped, not args.no_prepare))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
