#!/usr/bin/env python3
"""Sample-level timing worker: a prototype for prhost's compare engine (issue 9).

One long-lived worker process per side (base, head). Each worker runs in its
own checkout, imports that checkout's code, collects the selected pytest
benchmarks with pytest *in this process*, and times a benchmark's callable
only when the scheduler asks, so the scheduler can alternate the two workers
sample by sample (ABBA at the sample level) instead of process by process.

Driving pytest-benchmark tests
------------------------------
pytest-benchmark's own plugin is disabled (``-p no:benchmark``) and this
module registers a ``benchmark`` fixture of its own. When a test calls
``benchmark(fn, *args, **kwargs)`` (or ``benchmark.pedantic(fn, args=...,
kwargs=..., setup=...)``), the fixture:

1. calls ``fn`` once, untimed, and keeps its result (what the test gets back);
2. announces the benchmark (node id, and where ``fn``'s module was imported
   from, for the own-code proof) and then *serves timing requests inside the
   call*, while every fixture the test requested is still alive;
3. returns the result to the test when the scheduler says ``next``; the test
   finishes (its asserts run), pytest moves on to the next test.

Serving inside the call, rather than capturing the callable and timing it after
the session, keeps fixture lifetimes right (a temporary file or a connection a
fixture yields is still open while we time). The cost: the scheduler visits the
benchmarks in collection order, the same order in both workers.

Protocol (one JSON object per line)
-----------------------------------
The worker reads requests on stdin and writes events on the stdout it was
started with; the test session's own stdout goes to stderr, so a print in a
test cannot corrupt the protocol.

  worker -> {"event": "hello", "pid", "python", "hashseed", "cwd", "affinity"}
  worker -> {"event": "benchmark", "id": node id, "function": qualname,
             "module": name, "module_file": path or null, "mode": "call"|"pedantic"}
     <- {"op": "calibrate", "target_ns": 2000000}
        -> {"event": "calibrated", "loops": L, "ns": [...]}  (loops so one sample >= target)
     <- {"op": "time", "loops": L, "samples": n}
        -> {"event": "samples", "loops": L, "ns": [t1, ..., tn], "cpu_ns": [c1, ..., cn]}
           (raw perf_counter_ns of each sample = L calls, ns per call = t / L;
           cpu_ns the same samples on this thread's CPU-time clock)
     <- {"op": "next"}    the test gets its result back and goes on
     <- {"op": "quit"}    the worker stops the session (pytest.exit) and exits
  worker -> {"event": "test_failed", "id", "when", "longrepr"}  (a failure outside timing)
  worker -> {"event": "done", "exitstatus": n}

GC handling is pytest-benchmark's with --benchmark-disable-gc: the collector is
disabled for the duration of one timed sample and restored after it, so a
collection may run between samples but never inside one. Tracing is disabled
while timing (a debugger or coverage tracer would distort it).

How the engine should drive it (scripts/study/RESULTS.md has the numbers):
one *generation* (a fresh base worker + a fresh head worker, new random
PYTHONHASHSEED each) gives ONE pair per benchmark: 1 discarded + 8 timed
sample pairs, the two workers alternating, d = ln(median head cpu_ns /
median base cpu_ns). Samples of one worker are not independent of each other
(a worker keeps a process-level offset of 0.5-1% for its whole life: hash
seed, memory layout), so intervals must be computed across generations,
never across the samples of one worker. Spawn both workers in parallel and
in a random order, and never overlap a spawn with measurement.

Usage (by a scheduler, see collect.py):
  python worker_prototype.py [--cpu N] [--] PYTEST_ARGS...   (cwd = the checkout)
"""

import argparse
import gc
import json
import os
import sys
import time

_proto_out = None  # the protocol streams: the worker's original stdout ...
_proto_in = None  # ... and stdin (pytest's capture replaces sys.stdin/stdout in tests)


def send(event, **fields):
    fields["event"] = event
    _proto_out.write(json.dumps(fields) + "\n")
    _proto_out.flush()


def receive():
    line = _proto_in.readline()
    if not line:  # the scheduler went away: stop at once
        os._exit(3)
    return json.loads(line)


def time_samples(fn, args, kwargs, loops, samples, setup=None, cpu=None):
    """Raw ns of `samples` samples, each `loops` calls, GC off per sample.

    Two clocks per sample: wall (perf_counter_ns, what pytest-benchmark uses)
    into the returned list and, when `cpu` is a list, this thread's CPU time
    (thread_time_ns: time the scheduler actually ran us) appended to it.
    """
    out = []
    timer = time.perf_counter_ns
    cpu_timer = time.thread_time_ns
    loops_range = range(loops)
    tracer = sys.gettrace()
    sys.settrace(None)
    try:
        for _ in range(samples):
            if setup is not None:  # pedantic(setup=...): fresh arguments per call, untimed
                produced = setup()
                if produced is not None:
                    args, kwargs = produced
            gc_enabled = gc.isenabled()
            gc.disable()
            try:
                cpu_start = cpu_timer()
                start = timer()
                for _ in loops_range:
                    fn(*args, **kwargs)
                end = timer()
                cpu_end = cpu_timer()
            finally:
                if gc_enabled:
                    gc.enable()
            out.append(end - start)
            if cpu is not None:
                cpu.append(cpu_end - cpu_start)
    finally:
        sys.settrace(tracer)
    return out


def calibrate(fn, args, kwargs, target_ns, setup=None):
    """Smallest loop count (1, 2, 5, 10, 20, 50 ...) whose sample lasts >= target_ns."""
    if setup is not None:
        return 1, time_samples(fn, args, kwargs, 1, 1, setup)  # pedantic setup forces one call per sample
    tried = []
    loops = 1
    while True:
        ns = min(time_samples(fn, args, kwargs, loops, 2))
        tried.append(ns)
        if ns >= target_ns or loops >= 10**7:
            return loops, tried
        # Jump close to the target, then round up to a 1-2-5 step.
        want = max(loops * 2, int(loops * target_ns / max(ns, 1)))
        step = 1
        while step * 10 <= want:
            step *= 10
        loops = next(s * step for s in (1, 2, 5, 10) if s * step >= want)


class CapturingBenchmark:
    """Stands in for pytest-benchmark's fixture; serves timing inside the call."""

    def __init__(self, node):
        self._node = node
        self.extra_info = {}
        self.group = None
        self.name = node.name
        self.fullname = node.nodeid
        self._used = False

    def __call__(self, fn, *args, **kwargs):
        return self._serve(fn, args, kwargs, None, "call")

    def pedantic(self, target, args=(), kwargs=None, setup=None, teardown=None, rounds=1, warmup_rounds=0,
                 iterations=1):
        # rounds/iterations are the test's own choice for pytest-benchmark;
        # here the scheduler decides, so they are ignored (recorded nowhere).
        if setup is not None:
            produced = setup()
            if produced is not None:
                args, kwargs = produced
        return self._serve(target, tuple(args), dict(kwargs or {}), setup, "pedantic", teardown)

    def _serve(self, fn, args, kwargs, setup, mode, teardown=None):
        if self._used:
            raise RuntimeError("benchmark fixture can only be used once per test")
        self._used = True
        result = fn(*args, **kwargs)  # the test's own result, untimed
        module = sys.modules.get(getattr(fn, "__module__", None) or "")
        send("benchmark", id=self._node.nodeid, function=getattr(fn, "__qualname__", repr(fn)),
             module=getattr(fn, "__module__", None), module_file=getattr(module, "__file__", None), mode=mode)
        while True:
            request = receive()
            op = request.get("op")
            if op == "time":
                cpu = []
                ns = time_samples(fn, args, kwargs, int(request["loops"]), int(request["samples"]), setup, cpu)
                send("samples", loops=int(request["loops"]), ns=ns, cpu_ns=cpu)
            elif op == "calibrate":
                loops, tried = calibrate(fn, args, kwargs, int(request.get("target_ns", 2_000_000)), setup)
                send("calibrated", loops=loops, ns=tried)
            elif op == "next":
                if teardown is not None:
                    teardown(*args, **kwargs)
                return result
            elif op == "quit":
                import pytest
                pytest.exit("stopped by the scheduler", returncode=0)
            else:
                send("error", message=f"unknown op {op!r}")


class WorkerPlugin:
    """Registered with pytest.main(plugins=[...]): the benchmark fixture and failure reports."""

    def __init__(self, fixture_module):
        self._fixture_module = fixture_module

    @staticmethod
    def _owner_of_benchmark(item):
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.get("benchmark") if info else None
        return defs[-1].func.__module__ if defs else None

    def pytest_configure(self, config):
        config.addinivalue_line("markers", "benchmark(**kwargs): pytest-benchmark options (ignored by the worker)")
        # Registered here, after every entry-point plugin (pytest-benchmark,
        # codeflash-benchmark, ...) has been loaded, so among plugin fixtures
        # named `benchmark` ours is the last one and wins. A conftest.py or
        # test module defining its own `benchmark` still overrides it; that is
        # caught below rather than silently timing nothing.
        config.pluginmanager.register(self._fixture_module, "prhost_worker_fixture")

    def pytest_collection_modifyitems(self, items):
        for item in items:
            owner = self._owner_of_benchmark(item)
            if owner is not None and owner != __name__:
                send("error", message=f"{item.nodeid}: its `benchmark` fixture comes from {owner}, not the worker")

    def pytest_runtest_logreport(self, report):
        if report.failed:
            send("test_failed", id=report.nodeid, when=report.when, longrepr=str(report.longrepr)[-2000:])

    def pytest_sessionfinish(self, session, exitstatus):
        send("done", exitstatus=int(exitstatus))


def _benchmark_fixture():
    import pytest

    @pytest.fixture
    def benchmark(request):
        return CapturingBenchmark(request.node)

    return benchmark


def main(argv=None):
    global _proto_out, _proto_in
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpu", type=int, default=None, help="pin this worker to one CPU (os.sched_setaffinity)")
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    if options.cpu is not None:
        os.sched_setaffinity(0, {options.cpu})

    # Protocol on private copies of the original stdin/stdout; the session
    # itself gets /dev/null as stdin and stderr as stdout.
    _proto_out = os.fdopen(os.dup(1), "w", buffering=1)
    _proto_in = os.fdopen(os.dup(0), "r")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)

    # The checkout (cwd) first on sys.path, so `import pkg` means this ref's pkg.
    sys.path.insert(0, os.getcwd())
    send("hello", pid=os.getpid(), python=sys.version.split()[0], hashseed=os.environ.get("PYTHONHASHSEED"),
         cwd=os.getcwd(), affinity=sorted(os.sched_getaffinity(0)))

    import pytest

    # The fixture lives in a small module object so pytest registers it as a plugin.
    import types

    fixture_module = types.ModuleType("prhost_worker_fixture")
    fixture_module.benchmark = _benchmark_fixture()
    plugin = WorkerPlugin(fixture_module)
    pytest_args = [a for a in options.pytest_args if a != "--"]
    # pytest-benchmark and codeflash's plugin are not needed (their fixture is
    # replaced) and would only add their own option handling.
    code = pytest.main(["-q", "-p", "no:benchmark", "-p", "no:codeflash-benchmark", "-p", "no:cacheprovider",
                        "-o", "addopts=", *pytest_args], plugins=[plugin])
    _proto_out.flush()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
