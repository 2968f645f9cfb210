#!/usr/bin/env python3
"""Benchmarks of prhost's compare engine itself (issue 4, point 10).

Builds small Python projects whose true differences are known (sleeps and
allocations, so the truth does not depend on CPU speed), runs the real
`prhost compare` / `prhost calibrate` on them, and prints:

  * a known 2x speed-up and 2x slow-down: how often each is called right;
  * A/A: false "faster"/"slower" verdicts in benchmark comparisons;
  * a true 10% slow-down: how often it is detected within 40 pairs;
  * a known 50 MiB difference in peak allocation: measured error;
  * engine overhead: (wall time - time inside benchmark processes) / wall.

With --cpu (issue 9, item 7) the fixtures are CPU-bound instead (~10 ms
integer loops whose iteration count head multiplies by 1.0, 1.05, 1.10 or
0.5) and a busy-looping Python process loads the other core for the whole
run, as a neighbour on a hosted CI runner would: the main table of
docs/performance.md. The sleep fixtures stay the secondary table (sleeps do
not feel CPU contention).

Usage: scripts/bench-compare-engine.py [--quick] [--cpu [--aa-runs N] [--aa-benchmarks N] [--aa-only] [--runs N]]  (needs a built prhost)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_fixtures import known_project, make_cpu_project

ROOT = Path(__file__).resolve().parent.parent
PRHOST = Path(os.environ.get("PRHOST_BIN", ROOT / "build" / "bin" / "prhost"))
def make_project(directory, base_ms, head_ms, base_mib=0, head_mib=0):
    """A package whose functions sleep base_ms[i] at base and head_ms[i] at head."""

    def work(sleeps, mib):
        lines = ["import time\n"]
        for i, ms in enumerate(sleeps):
            lines.append(f"\ndef f{i}():\n    time.sleep({ms} / 1000)\n")
        lines.append(f"\ndef alloc():\n    data = bytearray({mib} * 1024 * 1024)\n    return len(data)\n")
        return "".join(lines)

    names = [f"f{i}" for i in range(len(base_ms))]
    return known_project(directory, work(base_ms, base_mib), work(head_ms, head_mib), [*names, "alloc"])


def cpu_case(tmp, name, factor, runs, want):
    repo = make_cpu_project(Path(tmp) / name, [factor, factor])
    started = time.monotonic()
    reports = compare_runs(repo, runs)
    wall = (time.monotonic() - started) / runs
    found = [b for r in reports for b in r["benchmarks"]]
    right = sum(b["decision"] == want for b in found)
    wrong = sum(b["decision"] in ("faster", "slower") and b["decision"] != want for b in found)
    pairs = sorted(b["pairs"] for b in found)
    print(f"| {name} (head x{factor}) | {right}/{len(found)} {want} | {wrong} | median {pairs[len(pairs) // 2]} "
          f"| {wall:.1f} s |")


def aa_case(tmp, runs, benchmarks):
    """`runs` calibrations of `benchmarks` identical benchmarks: runs x benchmarks A/A comparisons."""
    repo = make_cpu_project(Path(tmp) / "a_a", [1.0] * benchmarks)
    started = time.monotonic()
    summary, _ = prhost(repo, "calibrate", "HEAD", "--runs", str(runs), "--seed", "1", "--no-save")
    wall = (time.monotonic() - started) / runs
    entries = summary["benchmarks"]
    inconclusive = sum(e["inconclusive"] for e in entries)
    widest = max(e["noise_floor_percent"] for e in entries)
    print(f"| A/A ({benchmarks} benchmarks) | {summary['comparisons'] - summary['false_positives']}/"
          f"{summary['comparisons']} not faster/slower ({inconclusive} inconclusive; widest half-width "
          f"{widest:.2f}%) | {summary['false_positives']} (rate {summary['false_positive_rate']:.1%}, 95% "
          f"upper bound {summary['false_positive_upper95']:.1%}) | | {wall:.1f} s |")


def cpu_main(args):
    load = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        with tempfile.TemporaryDirectory(prefix="prhost-engine-bench-cpu-") as tmp:
            print("| case | verdicts right | wrong faster/slower | pairs | wall per compare |")
            print("|---|---:|---:|---|---:|")
            if not args.aa_only:
                cpu_case(tmp, "2x faster", 0.5, max(1, args.runs // 2), "faster")
                cpu_case(tmp, "10% slower", 1.10, args.runs, "slower")
                cpu_case(tmp, "5% slower", 1.05, args.runs, "slower")
            aa_case(tmp, args.aa_runs, args.aa_benchmarks)
    finally:
        load.kill()
        load.wait()


def prhost(repo, *args):
    started = time.monotonic()
    result = subprocess.run([str(PRHOST), *args, "--json", "-q"], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"prhost {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout), time.monotonic() - started


def compare_runs(repo, runs, *extra):
    reports = []
    for seed in range(1, runs + 1):
        report, _ = prhost(repo, "compare", "main", "HEAD", "--backend", "builtin", "--seed", str(seed), *extra)
        reports.append(report)
    return reports


def overhead(reports):
    wall = sum(r["wall_seconds"] for r in reports)
    inside = sum(r["process_seconds"] for r in reports)
    return (wall - inside) / wall if wall else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test of the script)")
    parser.add_argument("--cpu", action="store_true", help="CPU-bound fixtures under a busy neighbour (issue 9.7)")
    parser.add_argument("--runs", type=int, default=6, help="--cpu: compares per effect case")
    parser.add_argument("--aa-runs", type=int, default=15, help="--cpu: calibration runs for the A/A row")
    parser.add_argument("--aa-benchmarks", type=int, default=2,
                        help="--cpu: identical benchmarks per calibration run (A/A comparisons = runs x this)")
    parser.add_argument("--aa-only", action="store_true", help="--cpu: only the A/A row")
    args = parser.parse_args()
    if args.cpu:
        return cpu_main(args)
    runs = 1 if args.quick else 4
    all_reports = []
    with tempfile.TemporaryDirectory(prefix="prhost-engine-bench-") as tmp:
        # 5 benchmarks 2x faster (4 ms -> 2 ms) and 5 2x slower (2 ms -> 4 ms), `runs` compares.
        repo = make_project(Path(tmp) / "two_x", [4] * 5 + [2] * 5, [2] * 5 + [4] * 5)
        reports = compare_runs(repo, runs, "-k", "not alloc")
        all_reports += reports
        decisions = [(b["name"], b["decision"]) for r in reports for b in r["benchmarks"]]
        faster = [d for n, d in decisions if int(n.split("_f")[1]) < 5]
        slower = [d for n, d in decisions if int(n.split("_f")[1]) >= 5]
        print(f"2x speed-up : {faster.count('faster')}/{len(faster)} reported faster")
        print(f"2x slow-down: {slower.count('slower')}/{len(slower)} reported slower")

        # A true 10% slow-down (2.0 ms -> 2.2 ms), 5 benchmarks x `runs` compares, up to 40 pairs.
        repo = make_project(Path(tmp) / "ten_percent", [2.0] * 5, [2.2] * 5)
        reports = compare_runs(repo, runs, "-k", "not alloc", "--max-pairs", "40")
        all_reports += reports
        found = [b for r in reports for b in r["benchmarks"]]
        detected = sum(b["decision"] == "slower" for b in found)
        pairs = sorted(b["pairs"] for b in found)
        print(f"10% slow-down: {detected}/{len(found)} detected within 40 pairs "
              f"(pairs used: median {pairs[len(pairs) // 2]})")

        # A/A: 10 identical benchmarks x 10 calibration runs = 100 benchmark comparisons.
        repo = make_project(Path(tmp) / "a_a", [2] * 10, [2] * 10)
        aa_runs = 2 if args.quick else 10
        summary, _ = prhost(repo, "calibrate", "HEAD", "--runs", str(aa_runs), "-k", "not alloc", "--seed", "1",
                            "--no-save")
        print(f"A/A: {summary['false_positives']} faster/slower verdicts in {summary['comparisons']} benchmark "
              f"comparisons (rate {summary['false_positive_rate']:.1%}, 95% upper bound "
              f"{summary['false_positive_upper95']:.1%})")

        # Memory: 60 MiB at base, 10 MiB at head.
        repo = make_project(Path(tmp) / "memory", [1], [1], base_mib=60, head_mib=10)
        report, _ = prhost(repo, "compare", "main", "HEAD", "--backend", "builtin", "--memory", "-k", "alloc",
                           "--max-pairs", "10", "--seed", "1")
        all_reports.append(report)
        memory = report["benchmarks"][0]["memory"]
        diffs = [b - h for b, h in zip(memory["base_peak_bytes"], memory["head_peak_bytes"])]
        truth = 50 * 1024 * 1024
        worst = max(abs(d - truth) / truth for d in diffs)
        print(f"50 MiB difference: measured {[round(d / 2**20, 3) for d in diffs]} MiB "
              f"({memory['backend']}), worst error {worst:.3%}; verdict {memory['direction']}")

    print(f"engine overhead: {overhead(all_reports):.1%} of compare wall time outside benchmark processes "
          f"({len(all_reports)} compares)")


if __name__ == "__main__":
    main()
