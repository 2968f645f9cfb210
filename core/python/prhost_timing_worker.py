"""prhost timing worker: one side of the compare engine's sample-level layout.

prhost starts a fresh worker per side for every pair ("generation"):
``<python> prhost_timing_worker.py PYTEST_ARGS...`` with the side's checkout as
cwd, a fresh random PYTHONHASHSEED, stdin and stdout as pipes. The worker runs
pytest *in this process* on the selected benchmarks and times a benchmark's
callable only when prhost asks, so prhost can alternate the base and the head
worker sample by sample (ABBA/BAAB) and read this thread's CPU time beside the
wall clock. Why this layout and these clocks: scripts/study/RESULTS.md.

The ``benchmark`` fixture is this module's. pytest-benchmark is loaded, so the
project's addopts and ``--benchmark-*`` options still parse, and unregistered
once configured, so its fixture and report hooks take no part. When a test calls ``benchmark(fn, *args,
**kwargs)`` or ``benchmark.pedantic(fn, args, kwargs, setup, teardown)``, the
fixture calls ``fn`` once untimed (the test's result), announces the
benchmark, serves timing requests *inside the call* (every fixture the test
requested is still alive), and returns the result on ``next``; the test then
finishes and its asserts run.

Protocol, one JSON object per line. The protocol uses the process's original
stdin/stdout; the test session gets /dev/null as stdin and stderr as stdout, so
a print in a test cannot corrupt it.

  -> {"event": "hello", "pid", "python", "hashseed"}
  -> {"event": "benchmark", "id": node id, "function", "module", "module_file"}
     <- {"op": "calibrate", "target_ns": N}  -> {"event": "calibrated", "loops": L}
     <- {"op": "time", "loops": L, "samples": n}
        -> {"event": "samples", "ns": [...], "cpu_ns": [...]}  (each sample = L calls)
     <- {"op": "next"}   the test gets its result back and goes on
     <- {"op": "quit"}   the session stops (pytest.exit) and the worker exits
  -> {"event": "test_failed", "id", "when", "longrepr"}  a failure outside timing
  -> {"event": "error", "message"}  the worker cannot time this session
  -> {"event": "done", "exitstatus": n}

End of file on stdin (prhost went away) ends the worker at once.
"""

import gc
import json
import os
import sys
import time
import types

import pytest

_proto_out = None  # the protocol streams: the worker's original stdout ...
_proto_in = None  # ... and stdin (pytest's capture replaces sys.stdin/stdout in tests)


def send(event, **fields):
    fields["event"] = event
    _proto_out.write(json.dumps(fields) + "\n")
    _proto_out.flush()


def receive():
    line = _proto_in.readline()
    if not line:  # prhost went away: nothing left to serve
        os._exit(3)
    return json.loads(line)


def time_samples(fn, args, kwargs, loops, samples, setup=None):
    """Wall (perf_counter_ns) and thread-CPU (thread_time_ns) ns of `samples` samples of `loops` calls each.

    The collector is off during each sample and restored after it
    (pytest-benchmark's --benchmark-disable-gc), tracing is off while timing.
    """
    wall, cpu = [], []
    loops_range = range(loops)
    tracer = sys.gettrace()
    sys.settrace(None)
    try:
        for _ in range(samples):
            if setup is not None:  # pedantic(setup=...): fresh arguments per sample, untimed
                produced = setup()
                if produced is not None:
                    args, kwargs = produced
            gc_enabled = gc.isenabled()
            gc.disable()
            try:
                cpu_start = time.thread_time_ns()
                start = time.perf_counter_ns()
                for _ in loops_range:
                    fn(*args, **kwargs)
                end = time.perf_counter_ns()
                cpu_end = time.thread_time_ns()
            finally:
                if gc_enabled:
                    gc.enable()
            wall.append(end - start)
            cpu.append(cpu_end - cpu_start)
    finally:
        sys.settrace(tracer)
    return wall, cpu


def calibrate(fn, args, kwargs, target_ns, setup=None):
    """Smallest loop count in 1-2-5 steps whose sample lasts >= target_ns (1 under pedantic setup)."""
    if setup is not None:
        return 1
    loops = 1
    while True:
        ns = min(time_samples(fn, args, kwargs, loops, 2)[0])
        if ns >= target_ns or loops >= 10**7:
            return loops
        want = max(loops * 2, int(loops * target_ns / max(ns, 1)))
        step = 1
        while step * 10 <= want:
            step *= 10
        loops = next(s * step for s in (1, 2, 5, 10) if s * step >= want)


class ServingBenchmark:
    """Stands in for pytest-benchmark's fixture; serves prhost's timing requests inside the call."""

    def __init__(self, node):
        self._node = node
        self.extra_info = {}
        self.group = None
        self.name = node.name
        self.fullname = node.nodeid
        self._used = False

    def __call__(self, fn, *args, **kwargs):
        return self._serve(fn, args, kwargs, None, None)

    def pedantic(self, target, args=(), kwargs=None, setup=None, teardown=None, rounds=1, warmup_rounds=0,
                 iterations=1):
        # rounds/iterations are the test's choice for pytest-benchmark; here
        # prhost's schedule decides how often the call is timed.
        if setup is not None:
            produced = setup()
            if produced is not None:
                args, kwargs = produced
        return self._serve(target, tuple(args), dict(kwargs or {}), setup, teardown)

    def _serve(self, fn, args, kwargs, setup, teardown):
        if self._used:
            raise RuntimeError("benchmark fixture can only be used once per test")
        self._used = True
        result = fn(*args, **kwargs)  # the test's own result, untimed; also warms the call
        module = sys.modules.get(getattr(fn, "__module__", None) or "")
        send("benchmark", id=self._node.nodeid, function=getattr(fn, "__qualname__", repr(fn)),
             module=getattr(fn, "__module__", None), module_file=getattr(module, "__file__", None))
        while True:
            request = receive()
            op = request.get("op")
            if op == "time":
                wall, cpu = time_samples(fn, args, kwargs, int(request["loops"]), int(request["samples"]), setup)
                send("samples", ns=wall, cpu_ns=cpu)
            elif op == "calibrate":
                send("calibrated", loops=calibrate(fn, args, kwargs, int(request.get("target_ns", 2_000_000)), setup))
            elif op == "next":
                if teardown is not None:
                    teardown(*args, **kwargs)
                return result
            elif op == "quit":
                pytest.exit("stopped by prhost", returncode=0)
            else:
                send("error", message=f"unknown op {op!r}")


# Plugins that define a `benchmark` fixture of their own (module names).
_COMPETING_PLUGINS = {"pytest_benchmark.plugin", "codeflash_benchmark.plugin"}


class WorkerPlugin:
    """The fixture's registration, and failures reported as protocol events."""

    def __init__(self, fixture_module):
        self._fixture_module = fixture_module

    @pytest.hookimpl(trylast=True)
    def pytest_configure(self, config):
        # By now the command line and addopts are parsed, pytest-benchmark's
        # options included, and pytest-benchmark has configured itself. Its
        # plugin is unregistered here: its fixture would compete with ours and
        # its report hook rejects any other `benchmark` object. Ours is
        # registered after every other plugin, so it is the plugin fixture a
        # test gets. A conftest.py or test module defining its own `benchmark`
        # still wins over it: that is reported below instead of timing the
        # wrong thing.
        for plugin in list(config.pluginmanager.get_plugins()):
            if getattr(plugin, "__name__", "") in _COMPETING_PLUGINS:
                config.pluginmanager.unregister(plugin)
        config.pluginmanager.register(self._fixture_module, "prhost_timing_worker_fixture")

    def pytest_collection_modifyitems(self, items):
        for item in items:
            info = getattr(item, "_fixtureinfo", None)
            defs = info.name2fixturedefs.get("benchmark") if info else None
            owner = defs[-1].func.__module__ if defs else None
            if owner is not None and owner != __name__:
                send("error", message=f"{item.nodeid}: its `benchmark` fixture comes from {owner}, not prhost's worker")

    def pytest_collectreport(self, report):
        if report.failed:
            send("test_failed", id=report.nodeid, when="collect", longrepr=str(report.longrepr)[-2000:])

    def pytest_runtest_logreport(self, report):
        if report.failed:
            send("test_failed", id=report.nodeid, when=report.when, longrepr=str(report.longrepr)[-2000:])

    def pytest_sessionfinish(self, session, exitstatus):
        send("done", exitstatus=int(exitstatus))


def _fixture_module():
    @pytest.fixture
    def benchmark(request):
        return ServingBenchmark(request.node)

    module = types.ModuleType("prhost_timing_worker_fixture")
    module.benchmark = benchmark
    return module


def _take_protocol_streams():
    """The protocol keeps the original stdin/stdout; the session gets /dev/null and stderr."""
    global _proto_out, _proto_in
    _proto_out = os.fdopen(os.dup(1), "w", buffering=1)
    _proto_in = os.fdopen(os.dup(0), "r")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


def main(argv):
    _take_protocol_streams()
    # `python -m pytest` puts the cwd (the checkout) first on sys.path; a
    # script gets its own directory instead, so add the checkout ourselves.
    sys.path.insert(0, os.getcwd())
    send("hello", pid=os.getpid(), python=sys.version.split()[0], hashseed=os.environ.get("PYTHONHASHSEED"))
    code = pytest.main(list(argv), plugins=[WorkerPlugin(_fixture_module())])
    _proto_out.flush()
    return int(code)


if __name__ == "__main__":
    status = main(sys.argv[1:])
    # The session is over and reported; skipping the interpreter's own
    # finalization (module teardown, ~0.2 s with pytest's plugins loaded)
    # shortens every generation, since the next one waits for this exit.
    sys.stderr.flush()
    os._exit(status)
