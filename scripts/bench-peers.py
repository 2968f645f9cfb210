#!/usr/bin/env python3
"""prhost compare and its peers side by side on fixtures with known effects (issue 9, item 6).

Builds projects whose true effect is known (scripts/bench_fixtures.py: two
~10 ms integer loops per project, head running 1.0x / 1.05x / 1.10x / 0.5x
the loop of base, and a bytearray whose peak head cuts from 60 to 10 MiB),
keeps `python3 -c "while True: pass"` busy on the other core for the whole
run, and measures each case with

  prhost      `prhost compare main HEAD --json` (built-in engine, defaults);
  codeflash   `codeflash compare main optimized --inject tests/benchmarks`;
  pytest-benchmark  `pytest --benchmark-autosave` at base, then with
              `--benchmark-compare` at head (its own save/compare);
  pyperf      its own runner (`bench_func` on the same call, `--fast`) at each
              ref, then `pyperf compare_to`.

The tools take turns within each run, so a change in the machine's load hits
all of them alike. The A/A case is equivalent code that is still a change
(head renames the loops' accumulator): codeflash measures only functions
changed between the refs, so an unchanged pair would give it nothing to time.
Verdict rules are in scripts/peer_verdicts.py. Each measurement is appended to
--out as one JSON line as soon as it is taken, so `--summarize FILE` can print
the table of an interrupted run.

Usage: scripts/bench-peers.py [--quick] [--runs N] [--aa-runs N] [--aa-runs-of TOOL=N] [--tools a,b] [--cases TEXT]
                               [--out FILE]
       scripts/bench-peers.py --summarize FILE
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench_fixtures import git, make_cpu_project, make_memory_project
from peer_verdicts import (parse_codeflash_markdown, parse_pyperf_compare, pytest_benchmark_ratios, upper95,
                           verdict_of_ratio)

ROOT = Path(__file__).resolve().parent.parent
PRHOST = Path(os.environ.get("PRHOST_BIN", ROOT / "build" / "bin" / "prhost"))
PYTHON = sys.executable
MIB = 2**20
MEMORY_TRUTH = 50 * MIB  # bytes head saves in the memory case
MEMORY_TOLERANCE = 0.02  # a measured saving within ±2% of the truth is right


@dataclass
class Case:
    name: str
    build: object  # directory -> repository
    want: str  # "no change", "faster", "slower" or "smaller"
    memory: bool = False


CASES = [
    Case("A/A (renamed local)", lambda d: make_cpu_project(d, [1.0, 1.0], head_local="acc"), "no change"),
    Case("5% slower", lambda d: make_cpu_project(d, [1.05, 1.05]), "slower"),
    Case("10% slower", lambda d: make_cpu_project(d, [1.10, 1.10]), "slower"),
    Case("2x faster", lambda d: make_cpu_project(d, [0.5, 0.5]), "faster"),
    Case("50 MiB less peak memory", lambda d: make_memory_project(d, 60, 10), "smaller", memory=True),
]


@dataclass
class Fixture:
    """A case's repository and a checkout of each ref with the benchmark
    files (and the pyperf runner script) copied in."""
    case: Case
    repo: Path
    refs: dict  # "base"/"head" -> checkout directory
    scratch: Path


def run(command, cwd, timeout=900):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
                           f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


def pyperf_script(functions):
    lines = ["import pyperf", f"from known.work import {', '.join(functions)}", "runner = pyperf.Runner()"]
    lines += [f'runner.bench_func("{name}", {name})' for name in functions]
    return "\n".join(lines) + "\n"


def prepare_fixture(case, tmp):
    directory = Path(tmp) / case.name.split()[0].replace("/", "").replace("%", "pct")
    repo = case.build(directory)
    functions = ["alloc"] if case.memory else ["f0", "f1"]
    refs = {}
    for side, ref in (("base", "main"), ("head", "optimized")):
        checkout = Path(f"{directory}-{side}")
        git(repo, "worktree", "add", "-q", "--detach", str(checkout), ref)
        shutil.copytree(repo / "tests", checkout / "tests")
        (checkout / "bench_pyperf.py").write_text(pyperf_script(functions))
        refs[side] = checkout
    return Fixture(case, repo, refs, Path(f"{directory}-scratch"))


def time_result(name, ratio, verdict):
    return {"benchmark": name, "ratio": ratio, "verdict": verdict}


def memory_result(name, base_peak, head_peak, verdict):
    return {"benchmark": name, "ratio": head_peak / base_peak, "saved_bytes": base_peak - head_peak,
            "verdict": verdict}


def measure_prhost(fixture, seed):
    extra = ["--memory"] if fixture.case.memory else []
    report = json.loads(run([str(PRHOST), "compare", "main", "HEAD", "--json", "-q", "--seed", str(seed), *extra],
                            fixture.repo))
    if fixture.case.memory:
        return [prhost_memory(b) for b in report["benchmarks"]]
    return [time_result(b["name"], b["time_ratio"], prhost_verdict(b["decision"])) for b in report["benchmarks"]]


def prhost_verdict(decision):
    return decision if decision in ("faster", "slower", "inconclusive") else "no change"


def prhost_memory(benchmark):
    memory = benchmark["memory"]
    verdict = {"lower": "smaller", "higher": "bigger"}.get(memory["direction"], "no change")
    return memory_result(benchmark["name"], statistics.median(memory["base_peak_bytes"]),
                         statistics.median(memory["head_peak_bytes"]), verdict)


def measure_codeflash(fixture, seed):
    del seed  # codeflash has no seed
    report = fixture.scratch / "codeflash.md"
    extra = ["--memory"] if fixture.case.memory else []
    run([PYTHON, "-m", "codeflash.main", "compare", "main", "optimized", "-o", str(report), "--inject",
         "tests/benchmarks", *extra], fixture.repo)
    found = parse_codeflash_markdown(report.read_text())
    if fixture.case.memory:
        return [memory_result(name, b["base_peak"], b["head_peak"], memory_verdict(b["head_peak"] / b["base_peak"]))
                for name, b in found.items()]
    return [time_result(name, b["ratio"], verdict_of_ratio(b["ratio"])) for name, b in found.items()]


def memory_verdict(ratio):
    return {"faster": "smaller", "slower": "bigger"}.get(verdict_of_ratio(ratio), "no change")


def measure_pytest_benchmark(fixture, seed):
    del seed
    if fixture.case.memory:
        return [{"benchmark": "test_benchmark_alloc", "verdict": "not measured"}]  # it times only
    storage = fixture.scratch / "pytest-benchmark"
    common = [PYTHON, "-m", "pytest", "tests/benchmarks", "-q", "-p", "no:cacheprovider", "--benchmark-only",
              f"--benchmark-storage=file://{storage}", "--benchmark-autosave"]
    run(common, fixture.refs["base"])
    run([*common, "--benchmark-compare"], fixture.refs["head"])  # its own table; the numbers are in the saves
    base, head = sorted(storage.glob("*/*.json"))
    ratios = pytest_benchmark_ratios(json.loads(base.read_text()), json.loads(head.read_text()))
    return [time_result(name, ratio, verdict_of_ratio(ratio)) for name, ratio in sorted(ratios.items())]


def measure_pyperf(fixture, seed):
    del seed
    extra = ["--track-memory"] if fixture.case.memory else []
    saved = {}
    for side, checkout in fixture.refs.items():
        saved[side] = fixture.scratch / f"pyperf-{side}.json"
        run([PYTHON, "bench_pyperf.py", "--fast", "-q", "-o", str(saved[side]), *extra], checkout)
    text = run([PYTHON, "-m", "pyperf", "compare_to", str(saved["base"]), str(saved["head"])], fixture.scratch)
    found = parse_pyperf_compare(text, single_name="alloc")
    if fixture.case.memory:
        return [pyperf_memory(name, saved, verdict) for name, (_, verdict) in found.items()]
    return [time_result(name, ratio, verdict) for name, (ratio, verdict) in sorted(found.items())]


def pyperf_memory(name, saved, verdict):
    import pyperf  # only here: the rest of the script runs without it

    means = {side: pyperf.Benchmark.load(str(path)).mean() for side, path in saved.items()}
    return memory_result(name, means["base"], means["head"], {"faster": "smaller", "slower": "bigger"}.get(
        verdict, verdict))


TOOLS = {"prhost": measure_prhost, "codeflash": measure_codeflash, "pytest-benchmark": measure_pytest_benchmark,
         "pyperf": measure_pyperf}


def measure(fixture, tool, seed, out):
    if fixture.scratch.exists():
        shutil.rmtree(fixture.scratch)
    fixture.scratch.mkdir()
    started = time.monotonic()
    try:
        results, error = TOOLS[tool](fixture, seed), None
    except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as failure:
        results, error = [], str(failure)[-600:]
    row = {"case": fixture.case.name, "want": fixture.case.want, "tool": tool, "seed": seed, "results": results,
           "error": error, "wall": time.monotonic() - started, "load1": os.getloadavg()[0]}
    with open(out, "a") as sink:
        sink.write(json.dumps(row) + "\n")
    status = error.splitlines()[0] if error else " ".join(f"{r['verdict']}" for r in results)
    print(f"  {fixture.case.name:26} {tool:17} seed {seed:3}: {status} ({row['wall']:.1f} s)", flush=True)


def is_right(result, want):
    if want == "smaller":
        return result["verdict"] == "smaller" and abs(result["saved_bytes"] - MEMORY_TRUTH) <= (
            MEMORY_TOLERANCE * MEMORY_TRUTH)
    return result["verdict"] == want


def cell_verdicts(results):
    counts = {}
    for result in results:
        counts[result["verdict"]] = counts.get(result["verdict"], 0) + 1
    return ", ".join(f"{verdict} {count}" for verdict, count in sorted(counts.items(), key=lambda kv: -kv[1]))


def cell_estimate(results, memory):
    if memory:
        values = [r["saved_bytes"] / MIB for r in results if "saved_bytes" in r]
        unit, label = " MiB", "saved "
    else:
        values = [r["ratio"] for r in results if r.get("ratio") is not None]
        unit, label = "x", ""
    if not values:
        return "—"
    return f"{label}{statistics.median(values):.3f}{unit} ({min(values):.3f}–{max(values):.3f})"


def cell_right(results, want):
    right = sum(is_right(r, want) for r in results)
    if want != "no change":
        return f"{right}/{len(results)}"
    false = sum(r["verdict"] in ("faster", "slower") for r in results)
    return (f"{right}/{len(results)}; false faster/slower {false}/{len(results)} = {false / len(results):.1%} "
            f"(95% upper bound {upper95(false, len(results)):.1%})")


def summary_row(case, tool, rows):
    results = [r for row in rows for r in row["results"]]
    errors = sum(row["error"] is not None for row in rows)
    failed = f"; {errors} of {len(rows)} runs failed" if errors else ""
    measured = [r for r in results if r["verdict"] != "not measured"]
    if not measured:
        return f"| {case.name} | {tool} | not measured{failed} | — | — | — |"
    wall = statistics.median(row["wall"] for row in rows)
    return (f"| {case.name} | {tool} | {cell_verdicts(measured)}{failed} | "
            f"{cell_estimate(measured, case.memory)} | {cell_right(measured, case.want)} | {wall:.1f} s |")


def summarize(out):
    rows = [json.loads(line) for line in Path(out).read_text().splitlines() if line.strip()]
    loads = sorted(row["load1"] for row in rows)
    print(f"{len(rows)} tool runs; 1-minute load average {loads[0]:.1f}–{loads[-1]:.1f} "
          f"(median {statistics.median(loads):.1f})\n")
    print("| case | tool | verdicts (per benchmark) | head/base (median, min–max) | right | wall per run (median) |")
    print("|---|---|---|---|---|---:|")
    for case in CASES:
        for tool in TOOLS:
            mine = [row for row in rows if row["case"] == case.name and row["tool"] == tool]
            if mine:
                print(summary_row(case, tool, mine))


def machine():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "?")
    return f"{os.uname().sysname} {os.uname().release}, {os.cpu_count()} x {model}, Python {sys.version.split()[0]}"


def run_counts(args, case):
    """Runs per tool of this case: --runs, or for the A/A case --aa-runs but
    where --aa-runs-of TOOL=N gives a tool its own count (prhost's A/A runs to
    its pair limit when the load widens every interval, minutes a run)."""
    counts = {tool: args.aa_runs if case.want == "no change" else args.runs for tool in args.tools.split(",")}
    if case.want == "no change":
        counts.update({tool: int(n) for tool, n in (item.split("=") for item in args.aa_runs_of)})
    return counts


def measure_all(args, tmp):
    # A/A last: it is the longest, and an interrupted run still has every effect case
    for case in sorted((c for c in CASES if args.cases in c.name), key=lambda c: c.want == "no change"):
        fixture = prepare_fixture(case, tmp)
        counts = run_counts(args, case)
        print(f"{case.name}: runs {counts}", flush=True)
        for run_index in range(1, max(counts.values()) + 1):
            for tool in (tool for tool, runs in counts.items() if run_index <= runs):
                measure(fixture, tool, args.first_seed + run_index - 1, args.out)  # tools take turns: the load's drift hits them alike


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per tool of each case with an effect")
    parser.add_argument("--aa-runs", type=int, default=25, help="runs per tool of the A/A case (2 benchmarks each)")
    parser.add_argument("--aa-runs-of", action="append", default=[], metavar="TOOL=N",
                        help="A/A runs of one tool instead of --aa-runs (repeatable)")
    parser.add_argument("--quick", action="store_true", help="one run of every case (a smoke test of the script)")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated subset of {', '.join(TOOLS)}")
    parser.add_argument("--first-seed", type=int, default=1,
                        help="prhost's --seed of the first run (more runs appended to an --out: new seeds)")
    parser.add_argument("--cases", default="", help="only the cases whose name contains this text")
    parser.add_argument("--out", default=f"/tmp/bench-peers-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}.jsonl",
                        help="JSON lines of every measurement (appended)")
    parser.add_argument("--summarize", metavar="FILE", help="only print the table of a recorded run")
    args = parser.parse_args()
    if args.summarize:
        return summarize(args.summarize)
    if args.quick:
        args.runs, args.aa_runs, args.aa_runs_of = 1, 1, []
    unknown = set(args.tools.split(",")) - set(TOOLS) | {item.split("=")[0] for item in args.aa_runs_of} - set(TOOLS)
    if unknown:
        sys.exit(f"unknown tools: {', '.join(sorted(unknown))}")
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {machine()}; recording to {args.out}", flush=True)
    load = subprocess.Popen([PYTHON, "-c", "while True: pass"])  # the busy neighbour on the other core
    try:
        with tempfile.TemporaryDirectory(prefix="prhost-bench-peers-") as tmp:
            measure_all(args, tmp)
    finally:
        load.kill()
        load.wait()
    summarize(args.out)


if __name__ == "__main__":
    main()
