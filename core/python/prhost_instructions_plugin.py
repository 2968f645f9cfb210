"""prhost instructions plugin: marks where a benchmark's calls begin and end,
so valgrind (callgrind) can count the instructions of those calls alone.

Loaded by prhost with ``-p prhost_instructions_plugin`` in a pytest process
that runs under ``valgrind --tool=callgrind --dump-before=getppid``. It does
nothing unless PRHOST_INSTRUCTIONS_OUT names the JSON file to write.

Why markers and a difference: interpreter start-up, imports and collection
cost hundreds of millions of instructions, far more than one call. callgrind
dumps its counters each time the process calls libc's getppid(), so the
counts between two ``os.getppid()`` calls belong to what ran between them.
For each benchmark this fixture calls the target once untimed (first-call
effects: imports, caches), then marks, makes K calls, marks, makes 2K calls,
marks. The instructions of K calls are the difference of the two segments,
which cancels the loop and the marker themselves:

    per call = (segment(2K) - segment(K)) / K

Start-up runs uninstrumented when prhost passes ``--instr-atstart=no`` and
the path of ``callgrind_control`` in PRHOST_CALLGRIND_CONTROL: before the
first marker the plugin asks callgrind (through vgdb) to switch
instrumentation on, which is where a run's counting begins. Interpreter
start-up, imports and collection then cost valgrind's translation only, not
its ~50x instrumented speed; the counts between markers are the same.

The fixture replaces ``benchmark`` (pytest-benchmark's and codeflash's) like
prhost's memory plugin does, passes the target's first result back to the
test, and keeps GC off inside the segments (a collection would land in
whichever segment it happens to hit).

Output, rewritten after every benchmark::

    {"markers": 6, "benchmarks": [
      {"name", "fullname", "calls": K, "first_marker": index of its first marker (0-based)}]}

prhost maps dump i (1-based, in order) to the segment that ends at marker i.
A getppid() made by the project itself would add a dump; prhost checks that
the number of dumps matches ``markers`` and refuses to count otherwise.
"""

import gc
import json
import os
import subprocess

import pytest

ENV_OUT = "PRHOST_INSTRUCTIONS_OUT"
ENV_CALLS = "PRHOST_INSTRUCTIONS_CALLS"
ENV_CONTROL = "PRHOST_CALLGRIND_CONTROL"


class _Log:
    def __init__(self, out_path):
        self.out_path = out_path
        self.markers = 0
        self.instrumenting = False
        self.records = []
        self.write()

    def mark(self):
        os.getppid()
        self.markers += 1

    def instrument(self):
        """Switches callgrind's instrumentation on once, before the first marker."""
        control = os.environ.get(ENV_CONTROL, "").strip()
        if self.instrumenting or not control:
            return
        done = subprocess.run([control, "--instr=on", str(os.getpid())], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{control} could not switch valgrind's instrumentation on: "
                               f"{(done.stderr or done.stdout).strip()[-500:]}")
        self.instrumenting = True

    def add(self, record):
        self.records.append(record)
        self.write()

    def write(self):
        tmp = self.out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump({"markers": self.markers, "benchmarks": self.records}, out)
        os.replace(tmp, self.out_path)


try:
    # pytest-benchmark's makereport hook rejects a `benchmark` value that is
    # not a BenchmarkFixture; subclass it when installed (its __init__ unused).
    from pytest_benchmark.fixture import BenchmarkFixture as _FixtureBase
except ImportError:
    _FixtureBase = object


class InstructionBenchmark(_FixtureBase):
    """pytest-benchmark's call shapes; K and 2K marked calls of the target."""

    def __init__(self, node, log, calls):
        self.name = node.name
        self.fullname = node.nodeid
        self.param = node.callspec.id if hasattr(node, "callspec") else None
        self.params = node.callspec.params if hasattr(node, "callspec") else None
        self.group = None
        self.extra_info = {}
        self.disabled = False
        self.skipped = False
        self.has_error = False
        self._log = log
        self._calls = calls
        self._used = False

    @property
    def enabled(self):
        return True

    def _start(self):
        if self._used:
            raise RuntimeError("Fixture can only be used once.")
        self._used = True

    def __call__(self, function_to_benchmark, *args, **kwargs):
        self._start()
        return self._count(lambda: function_to_benchmark(*args, **kwargs))

    def pedantic(self, target, args=(), kwargs=None, setup=None, teardown=None, rounds=1, warmup_rounds=0,
                 iterations=1):
        # A setup() runs before every call, so its instructions are counted
        # too, on both refs alike; rounds and iterations only shape timing.
        self._start()
        kwargs = kwargs or {}

        def one_call():
            call_args, call_kwargs = args, kwargs
            if setup is not None:
                made = setup()
                if made:
                    call_args, call_kwargs = made
            try:
                return target(*call_args, **call_kwargs)
            finally:
                if teardown is not None:
                    teardown(*call_args, **call_kwargs)

        return self._count(one_call)

    def _count(self, one_call):
        result = one_call()  # untimed: imports and caches warm up here
        log = self._log
        log.instrument()
        first_marker = log.markers
        gc.collect()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            log.mark()
            for _ in range(self._calls):
                one_call()
            log.mark()
            for _ in range(2 * self._calls):
                one_call()
            log.mark()
        finally:
            if was_enabled:
                gc.enable()
        log.add({"name": self.name, "fullname": self.fullname, "calls": self._calls, "first_marker": first_marker})
        return result


class _FixturePlugin:
    """Registered in pytest_configure, after the setuptools plugins, so this
    ``benchmark`` shadows pytest-benchmark's and codeflash-benchmark's."""

    def __init__(self, log, calls):
        self._log = log
        self._calls = calls

    @pytest.fixture
    def benchmark(self, request):
        return InstructionBenchmark(request.node, self._log, self._calls)


def pytest_configure(config):
    out_path = os.environ.get(ENV_OUT, "").strip()
    if not out_path:
        return
    try:
        calls = int(os.environ.get(ENV_CALLS, "2"))
    except ValueError:
        raise pytest.UsageError(f"{ENV_CALLS} must be a whole number")
    if calls < 1:
        raise pytest.UsageError(f"{ENV_CALLS} must be at least 1")
    config.pluginmanager.register(_FixturePlugin(_Log(out_path), calls), "prhost_instructions_fixture")
