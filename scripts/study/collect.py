#!/usr/bin/env python3
"""Record raw per-sample timings for the issue-9 data study; analyse.py reads them.

Fixture: a git repository per case with two refs, `base` and `head`, holding a
package `known` with pure-Python CPU-bound benchmarks of about 10 ms per call
(`crunch`: dict and string-key work; `numeric`: list arithmetic; `textual`:
string building and splitting; `sorting`: tuple sorts; the first recordings,
made before the last two were added, have only `crunch` and `numeric`). `head`
scales the loop counts by the case's factor (aa 1.0, slow5 1.05, slow10 1.10,
fast2x 0.5). Each ref is exported to its own checkout directory, and the same
benchmark file is written into both (as the engine injects it).

Layouts (every run starts a background load on the other core first, and
records os.getloadavg(): other people's compiles add real, uncontrolled load):

  process  today's engine: one fresh `python -m pytest --benchmark-json`
           process per side per round, ABBA/BAAB at the round level, with the
           engine's options (GC off, fixed loop count via prhost's timing
           plugin, warm-up on, max-time 0) and `--benchmark-save-data`, so
           every round inside every process is kept (R rounds per process;
           analyse.py uses the first m of them).
  worker   one long-lived worker per side (worker_prototype.py, same
           interpreter, each in its own checkout), told alternately to take one
           timed sample: ABBA/BAAB at the sample level. Both workers are
           restarted every `--restart` sample pairs per benchmark (new
           PYTHONHASHSEED each, unless --hashseed fixed), so process-level
           variation (hash seed, memory layout) is sampled.

Usage:
  collect.py fixtures
  collect.py callgrind                      -> data/callgrind.json
  collect.py worker  --case aa --minutes 20 --restart 100 [--pin] [--hashseed fixed] --out NAME
  collect.py process --case aa --processes 100 --rounds 10 [--timer time.thread_time] --out NAME
  (SIGINT/SIGTERM: finish the current generation or pair, write, stop the load)

The recordings in data/ were made with (in this order, 2026-12-01):
  worker --case aa --minutes 12 --restart 100 --seed 11 --out worker-aa-r100-1   (wall clock only)
  worker --case aa --minutes 12.5 --restart 50 --seed 31 --out worker-aa-r50-1
  worker --case slow10 --minutes 4 --restart 50 --seed 32 --out worker-slow10-r50
  fixtures (4 benchmarks from here on)
  worker --case aa --minutes 25 --restart 9 --seed 41 --out worker-aa-r9
  worker --case slow5 --minutes 5 --restart 9 --seed 42 --out worker-slow5-r9
  worker --case slow10 --minutes 3 --restart 9 --seed 43 --out worker-slow10-r9
  worker --case fast2x --minutes 2 --restart 9 --seed 44 --out worker-fast2x-r9
  process --case aa --processes 100 --rounds 10 --seed 45 --out process-aa
  worker --case aa --minutes 10 --restart 9 --seed 49 --out worker-aa-r9-2
  worker --case aa --minutes 6 --restart 9 --hashseed fixed --seed 46 --out worker-aa-r9-fixedseed
  worker --case aa --minutes 5 --restart 9 --pin --seed 47 --out worker-aa-r9-pin
  callgrind
  process --case aa --processes 100 --rounds 10 --timer time.thread_time --seed 50 --out process-aa-cpu
    (stopped with SIGTERM after 86 processes)
"""

import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / "data"
WORK = Path(os.environ.get("PRHOST_STUDY_DIR", "/tmp/prhost-study"))
PLUGIN_DIR = ROOT / "core" / "python"  # prhost_timing_plugin.py, as the engine uses it
PYTHON = sys.executable

CASES = {"aa": 1.0, "slow5": 1.05, "slow10": 1.10, "fast2x": 0.5}
# Loop counts giving about 10 ms per call on this machine (quiet minimum).
BASE_N = {"crunch": 84000, "numeric": 77000, "textual": 38000, "sorting": 15500}
BENCH_FILE = "tests/benchmarks/test_benchmark_known.py"
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "study", "GIT_AUTHOR_EMAIL": "study@prhost.invalid",
           "GIT_COMMITTER_NAME": "study", "GIT_COMMITTER_EMAIL": "study@prhost.invalid"}

WORK_PY = '''\
KEYS = [f"key{{i}}" for i in range(509)]


def crunch(n={crunch}):
    d = {{}}
    acc = 0
    keys = KEYS
    nk = len(keys)
    for i in range(n):
        k = keys[i % nk]
        v = d.get(k, 0)
        d[k] = v + (i * 7) % 13
        acc += v & 255
    return acc + len(d)


def numeric(n={numeric}):
    xs = list(range(n))
    s = 0
    for x in xs:
        s += (x * x + 3 * x) % 97
    ys = [x ^ (x >> 3) for x in xs]
    return s + sum(ys) % 1000


def textual(n={textual}):
    parts = []
    for i in range(n):
        s = str(i)
        parts.append(s[::-1] + "-" + s.upper())
    text = ",".join(parts)
    return len(text.split(","))


def sorting(n={sorting}):
    rows = [((i * 7919) % 1009, str(i % 97), i) for i in range(n)]
    rows.sort()
    return sum(r[0] for r in rows[: n // 2]) + len(sorted(rows, key=lambda r: r[1]))
'''

BENCH_PY = '''\
from known.work import crunch, numeric, sorting, textual


def test_benchmark_crunch(benchmark):
    assert benchmark(crunch) > 0


def test_benchmark_numeric(benchmark):
    assert benchmark(numeric) > 0


def test_benchmark_textual(benchmark):
    assert benchmark(textual) > 0


def test_benchmark_sorting(benchmark):
    assert benchmark(sorting) > 0
'''

# A mixed load for the other core: integer spinning plus walks over a 48 MiB
# buffer (cache and memory traffic), alternating every ~50 ms.
LOAD_PY = '''\
import os, time
parent = os.getppid()
buf = bytearray(48 * 1024 * 1024)
x = 0
while os.getppid() == parent:  # ends by itself if the collector dies
    end = time.perf_counter() + 0.05
    while time.perf_counter() < end:
        for i in range(2000):
            x = (x * 1103515245 + 12345) & 0xFFFFFFFF
    for off in range(0, len(buf), 4096):
        buf[off] = (buf[off] + 1) & 255
'''


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True,
                          text=True).stdout.strip()


def checkout(case, side):
    return WORK / "checkouts" / case / side


def build_fixtures():
    for case, factor in CASES.items():
        repo = WORK / "repos" / case
        if repo.exists():
            shutil.rmtree(repo)
        (repo / "known").mkdir(parents=True)
        (repo / "pyproject.toml").write_text('[project]\nname = "known"\nversion = "0.1.0"\n\n'
                                             '[tool.codeflash]\nbenchmarks-root = "tests/benchmarks"\n')
        (repo / "known" / "__init__.py").write_text("")
        git(repo, "init", "-q", "-b", "base")
        (repo / "known" / "work.py").write_text(WORK_PY.format(**BASE_N))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        git(repo, "checkout", "-q", "-b", "head")
        head_n = {name: int(round(n * factor)) for name, n in BASE_N.items()}
        (repo / "known" / "work.py").write_text(WORK_PY.format(**head_n))
        git(repo, "commit", "-q", "--allow-empty", "-am", "head")
        for side in ("base", "head"):
            out = checkout(case, side)
            if out.exists():
                shutil.rmtree(out)
            out.mkdir(parents=True)
            archive = subprocess.run(["git", "archive", side], cwd=repo, check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
            bench = out / BENCH_FILE
            bench.parent.mkdir(parents=True, exist_ok=True)
            bench.write_text(BENCH_PY)  # injected into both, as the engine does
        print(f"{case}: factor {factor}, head n = {head_n}")


def machine():
    model = ""
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    return {"cpu_model": model, "cpus": os.cpu_count(), "python": sys.version.split()[0],
            "kernel": os.uname().release}


class Load:
    """The background load on the other core; ended by its own pid."""

    def __enter__(self):
        self.proc = subprocess.Popen([PYTHON, "-c", LOAD_PY], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        time.sleep(1.0)
        return self

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()


def write_json(name, payload):
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.json.gz"
    with gzip.open(path, "wt") as handle:
        json.dump(payload, handle, separators=(",", ":"))
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


# --------------------------------------------------------------------- worker layout

class Worker:
    def __init__(self, case, side, hashseed, cpu):
        env = {**os.environ, "PYTHONHASHSEED": str(hashseed), "PYTHONDONTWRITEBYTECODE": "1"}
        args = [PYTHON, str(HERE / "worker_prototype.py")]
        if cpu is not None:
            args += ["--cpu", str(cpu)]
        args += ["--", BENCH_FILE]
        self.side = side
        self.root = checkout(case, side)
        self.proc = subprocess.Popen(args, cwd=self.root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1,
                                     start_new_session=True)  # Ctrl-C/TERM reach the scheduler only

    def event(self):
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"{self.side} worker exited ({self.proc.wait()})")
            message = json.loads(line)
            if message["event"] == "test_failed":
                raise RuntimeError(f"{self.side}: {message['id']} failed: {message['longrepr']}")
            return message

    def request(self, **op):
        self.proc.stdin.write(json.dumps(op) + "\n")
        self.proc.stdin.flush()

    def expect_benchmark(self):
        message = self.event()
        if message["event"] == "hello":
            message = self.event()
        if message["event"] == "done":
            return None
        assert message["event"] == "benchmark", message
        # Own-code proof: the benchmarked function's module lies in this checkout.
        if not str(message["module_file"]).startswith(str(self.root) + os.sep):
            raise RuntimeError(f"{self.side} imports {message['module_file']}, not its checkout {self.root}")
        return message["id"]

    def samples(self, loops, n=1):
        self.request(op="time", loops=loops, samples=n)
        message = self.event()
        return message["ns"], message["cpu_ns"]

    def close(self):
        try:
            self.request(op="quit")
        except BrokenPipeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def abba(pairs, first):
    """Sample-level ABBA/BAAB order: 'b'/'h' per turn, 2*pairs turns."""
    other = "h" if first == "b" else "b"
    order = []
    for block in range((pairs + 1) // 2):
        lead, follow = (first, other) if block % 2 == 0 else (other, first)
        order += [lead, follow, follow, lead]
    return "".join(order[:2 * pairs])


def collect_worker(opts):
    rng = random.Random(opts.seed)
    deadline = time.monotonic() + opts.minutes * 60
    generations = []
    loops = {}
    cpu = None
    if opts.pin:
        # Both workers on the same CPU (the one the scheduler is not on);
        # the load is left unpinned, as a CI neighbour would be.
        cpu = max(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    started = time.time()
    with Load():
        while time.monotonic() < deadline and not STOP:
            g = {"t0": round(time.time() - started, 3), "loadavg_start": os.getloadavg()}
            seeds = {"b": 0, "h": 0} if opts.hashseed == "fixed" else {s: rng.randrange(1, 2**32) for s in "bh"}
            g["hashseed"] = seeds
            t = time.monotonic()
            workers = {"b": Worker(opts.case, "base", seeds["b"], cpu), "h": Worker(opts.case, "head", seeds["h"], cpu)}
            g["benches"] = {}
            try:
                while True:
                    ids = {s: w.expect_benchmark() for s, w in workers.items()}
                    if ids["b"] is None or ids["h"] is None:
                        assert ids["b"] == ids["h"], ids
                        break
                    assert ids["b"] == ids["h"], ids
                    name = ids["b"].split("::")[-1]
                    if "spawn_s" not in g:
                        g["spawn_s"] = round(time.monotonic() - t, 3)
                    if name not in loops:  # calibrate once, on base, reused by both sides forever
                        workers["b"].request(op="calibrate", target_ns=opts.target_ms * 1_000_000)
                        loops[name] = workers["b"].event()["loops"]
                    order = abba(opts.restart, rng.choice("bh"))
                    ns, cpu_ns = [], []
                    bt = time.monotonic()
                    for side in order:
                        wall_ns, thread_ns = workers[side].samples(loops[name], opts.per_turn)
                        ns += wall_ns
                        cpu_ns += thread_ns
                    g["benches"][name] = {"order": order, "ns": ns, "cpu_ns": cpu_ns, "loops": loops[name],
                                          "wall_s": round(time.monotonic() - bt, 3)}
                    for w in workers.values():
                        w.request(op="next")
            finally:
                for w in workers.values():
                    w.close()
            g["wall_s"] = round(time.monotonic() - t, 3)
            g["loadavg_end"] = os.getloadavg()
            generations.append(g)
            print(f"gen {len(generations)} {g['wall_s']}s load {g['loadavg_end'][0]:.2f}", flush=True)
    write_json(opts.out, {"layout": "worker", "case": opts.case, "factor": CASES[opts.case], "machine": machine(),
                          "load": "mixed spin + 48 MiB walk, unpinned", "restart_pairs": opts.restart,
                          "per_turn": opts.per_turn, "pin": opts.pin, "hashseed": opts.hashseed,
                          "loops": loops, "seed": opts.seed, "generations": generations})


# -------------------------------------------------------------------- process layout

def collect_process(opts):
    rng = random.Random(opts.seed)
    json_path = WORK / "round.json"
    ids = {name: f"{BENCH_FILE}::test_benchmark_{name}" for name in BASE_N}
    env = {**os.environ, "PYTHONPATH": str(PLUGIN_DIR), "PYTHONDONTWRITEBYTECODE": "1",
           "PRHOST_FIXED_ITERATIONS": json.dumps({i: 1 for i in ids.values()})}
    # The engine's own options (core/compare/measure/timing_round.cpp), with R rounds and raw data kept.
    base_args = [PYTHON, "-m", "pytest", "-q", "-p", "prhost_timing_plugin", "-p", "no:cacheprovider",
                 BENCH_FILE, "--benchmark-only", f"--benchmark-json={json_path}", "--benchmark-save-data",
                 "--benchmark-disable-gc", f"--benchmark-min-rounds={opts.rounds}", "--benchmark-max-time=0",
                 "--benchmark-min-time=0.001", "--benchmark-warmup=on", f"--benchmark-timer={opts.timer}"]
    rounds = []
    order = "".join(abba(opts.processes // 2, rng.choice("bh")))
    started = time.time()
    with Load():
        for turn, side in enumerate(order):
            if STOP and turn % 2 == 0:
                break
            t = time.monotonic()
            load = os.getloadavg()
            result = subprocess.run(base_args, cwd=checkout(opts.case, "base" if side == "b" else "head"), env=env,
                                    capture_output=True, text=True)
            wall = time.monotonic() - t
            if result.returncode != 0:
                sys.exit(result.stdout[-3000:] + result.stderr[-3000:])
            report = json.loads(json_path.read_text())
            benches = {}
            for b in report["benchmarks"]:
                benches[b["name"].replace("test_benchmark_", "")] = [round(x * 1e9) for x in b["stats"]["data"]]
            rounds.append({"side": side, "t0": round(time.time() - started, 3), "wall_s": round(wall, 3),
                           "loadavg": load, "ns": benches})
            if turn % 20 == 0:
                print(f"process {turn}/{len(order)} {wall:.2f}s load {load[0]:.2f}", flush=True)
    write_json(opts.out, {"layout": "process", "case": opts.case, "factor": CASES[opts.case], "machine": machine(),
                          "load": "mixed spin + 48 MiB walk, unpinned", "rounds_per_process": opts.rounds,
                          "timer": opts.timer,
                          "seed": opts.seed, "rounds": rounds})


# ------------------------------------------------------------------------- callgrind

def instructions(case, side, name, calls):
    code = (f"import sys; sys.path.insert(0, '.'); from known.work import {name}\n"
            f"for _ in range({calls}): {name}()\n")
    result = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                             PYTHON, "-c", code], cwd=checkout(case, side), capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    match = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if not match:
        sys.exit(result.stderr[-2000:])
    return int(match.group(1).replace(",", ""))


def collect_callgrind(opts):
    """Per-call instruction counts by difference of runs with k and 2k calls (missing entries only)."""
    path = DATA / "callgrind.json"
    out = json.loads(path.read_text()) if path.exists() else {}
    for case in CASES:
        for name in BASE_N:
            if name in out.get(case, {}):
                continue
            per_call = {}
            for side in ("base", "head"):
                if case != "aa" and side == "base" and "aa" in out:
                    per_call[side] = out["aa"][name]["base"]  # identical base code in every case
                    continue
                k = 3
                per_call[side] = (instructions(case, side, name, 2 * k) - instructions(case, side, name, k)) / k
            out.setdefault(case, {})[name] = {**per_call, "ratio": per_call["head"] / per_call["base"]}
            print(case, name, out[case][name], flush=True)
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "callgrind.json").write_text(json.dumps(out, indent=1) + "\n")


STOP = False


def _stop(signum, frame):
    """SIGTERM/SIGINT: finish the current generation (or pair), write what was recorded, end the load."""
    global STOP
    STOP = True


def main():
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fixtures")
    sub.add_parser("callgrind")
    w = sub.add_parser("worker")
    w.add_argument("--case", choices=CASES, default="aa")
    w.add_argument("--minutes", type=float, default=10)
    w.add_argument("--restart", type=int, default=100, help="sample pairs per benchmark per worker generation")
    w.add_argument("--per-turn", type=int, default=1, help="samples per scheduler turn")
    w.add_argument("--target-ms", type=float, default=2.0, help="calibrate loops so one sample >= this")
    w.add_argument("--pin", action="store_true")
    w.add_argument("--hashseed", choices=["random", "fixed"], default="random")
    w.add_argument("--seed", type=int, default=1)
    w.add_argument("--out", required=True)
    p = sub.add_parser("process")
    p.add_argument("--case", choices=CASES, default="aa")
    p.add_argument("--processes", type=int, default=400)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--timer", default="time.perf_counter", help="pytest-benchmark timer (time.thread_time: CPU)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    opts = parser.parse_args()
    if opts.command == "fixtures":
        build_fixtures()
    elif opts.command == "callgrind":
        collect_callgrind(opts)
    elif opts.command == "worker":
        collect_worker(opts)
    else:
        collect_process(opts)


if __name__ == "__main__":
    main()
