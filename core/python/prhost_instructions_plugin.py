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
marks, and so REPEATS times. The instructions of K calls are the difference
of the two kinds of segment, which cancels the loop and the marker
themselves; prhost takes the least segment of each kind, since a one-off cost
(a pymalloc arena, a dict resize) only ever adds to the segment it lands in:

    per call = (min segment(2K) - min segment(K)) / K

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

    {"markers": 7, "benchmarks": [
      {"name", "fullname", "calls": K, "first_marker": index of its first marker (0-based),
       "repeats": REPEATS}]}

prhost maps dump i (1-based, in order) to the segment that ends at marker i.
A getppid() made by the project itself would add a dump; prhost checks that
the number of dumps matches ``markers`` and refuses to count otherwise.
"""

import gc
import os
import subprocess

import pytest
from prhost_fixture_standin import JsonLog, StandInBenchmark, call_with_setup, install_fixture

ENV_OUT = "PRHOST_INSTRUCTIONS_OUT"
ENV_CALLS = "PRHOST_INSTRUCTIONS_CALLS"
ENV_CONTROL = "PRHOST_CALLGRIND_CONTROL"
# K-call and 2K-call segments, each made this many times: prhost keeps the
# least count of each kind, so a one-off cost inside one segment is dropped.
REPEATS = 3


class _Log(JsonLog):
    def __init__(self, out_path):
        self.markers = 0
        self.instrumenting = False
        super().__init__(out_path, lambda: {"markers": self.markers})

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


class InstructionBenchmark(StandInBenchmark):
    """K and 2K marked calls of the target; its first result passed back."""

    def __init__(self, node, log, calls):
        super().__init__(node)
        self._log = log
        self._calls = calls

    def _measure(self, target, args, kwargs, setup, teardown):
        # A pedantic setup() runs before every call, so its instructions are
        # counted too, on both refs alike.
        return self._count(lambda: call_with_setup(target, args, kwargs, setup, teardown))

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
            for _ in range(REPEATS):
                for calls in (self._calls, 2 * self._calls):
                    for _ in range(calls):
                        one_call()
                    log.mark()
        finally:
            if was_enabled:
                gc.enable()
        log.add({"name": self.name, "fullname": self.fullname, "calls": self._calls, "first_marker": first_marker,
                 "repeats": REPEATS})
        return result


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
    log = _Log(out_path)
    install_fixture(config, "prhost_instructions_fixture", lambda node: InstructionBenchmark(node, log, calls))
