"""prhost memory plugin: one untimed, measured call per benchmark.

Loaded by prhost with ``-p prhost_memory_plugin`` (this file is written to a
temporary directory put on PYTHONPATH). It does nothing unless the
environment variable PRHOST_MEMORY_OUT names the JSON file to write.

When active it replaces the ``benchmark`` fixture (pytest-benchmark's, and
codeflash-benchmark's, which defines one too) with one that calls the target
exactly once under a memory tracker and returns its result, like the real
fixture does. Timing and memory never share a process: tracking slows every
allocation, and timing loops would inflate the allocation count.

Backends:
- memray (when importable, unless PRHOST_MEMORY_BACKEND=tracemalloc):
  ``memray.Tracker(file, native_traces=False)`` around the call, then
  ``memray.FileReader(file).metadata.peak_memory`` (high-water mark of the
  heap allocated during the call) and ``.total_allocations``.
- tracemalloc: the traced-memory peak during the call, relative to what was
  traced just before it. ``allocations`` is null: tracemalloc only knows the
  blocks still alive, not how many allocations happened, and a live-block
  count next to memray's total would compare two different things.
PRHOST_MEMORY_BACKEND=memray makes a missing memray an error instead of a
silent fallback.

Each record also carries ``rss_bytes``: the process's ru_maxrss after the
call. It is a process-wide high-water mark (interpreter, imports and every
earlier test included), so it is only per-benchmark when the run selects a
single benchmark.

``gc.collect()`` runs before each measured call so garbage left by setup or
earlier tests is not freed (or kept) by chance inside the measurement; GC
stays enabled during the call, as in production.

Output (rewritten after every benchmark, so a run killed midway keeps what
it measured)::

    {"backend": "memray", "benchmarks": [
      {"name": ..., "fullname": ..., "backend": "memray",
       "peak_bytes": int, "allocations": int | null, "rss_bytes": int}]}
"""

import gc
import os
import resource
import sys
import tempfile
import tracemalloc

import pytest
from prhost_fixture_standin import JsonLog, StandInBenchmark, call_with_setup, install_fixture

ENV_OUT = "PRHOST_MEMORY_OUT"
ENV_BACKEND = "PRHOST_MEMORY_BACKEND"


def _choose_backend():
    choice = os.environ.get(ENV_BACKEND, "").strip().lower()
    if choice not in ("", "auto", "memray", "tracemalloc"):
        raise pytest.UsageError(f"{ENV_BACKEND} must be memray, tracemalloc or auto, not {choice!r}")
    if choice == "tracemalloc":
        return "tracemalloc"
    try:
        import memray  # noqa: F401
    except ImportError:
        if choice == "memray":
            raise pytest.UsageError(f"{ENV_BACKEND}=memray but memray is not importable in {sys.executable}")
        return "tracemalloc"
    return "memray"


def _max_rss_bytes():
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return maxrss if sys.platform == "darwin" else maxrss * 1024


class _Recorder(JsonLog):
    def __init__(self, out_path, backend):
        self.backend = backend
        self.scratch = tempfile.mkdtemp(prefix="prhost-memray-")
        super().__init__(out_path, lambda: {"backend": backend})

    def close(self):
        try:
            os.rmdir(self.scratch)
        except OSError:
            pass


def _measure_memray(scratch, index, target, args, kwargs):
    import memray

    path = os.path.join(scratch, f"call-{index}.bin")
    with memray.Tracker(path, native_traces=False):
        result = target(*args, **kwargs)
    reader = memray.FileReader(path)
    try:
        peak = int(reader.metadata.peak_memory)
        allocations = int(reader.metadata.total_allocations)
    finally:
        reader.close()
        os.remove(path)
    return result, peak, allocations


def _measure_tracemalloc(target, args, kwargs):
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = target(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    return result, max(0, peak - before), None


class MemoryBenchmark(StandInBenchmark):
    """One measured call, the target's return value passed through."""

    def __init__(self, node, recorder):
        super().__init__(node)
        self._recorder = recorder

    def _measure(self, target, args, kwargs, setup, teardown):
        # A pedantic setup runs before the measured call, not inside it.
        return call_with_setup(lambda *a, **k: self._measure_call(target, a, k), args, kwargs, setup, teardown)

    def _measure_call(self, target, args, kwargs):
        recorder = self._recorder
        gc.collect()
        if recorder.backend == "memray":
            result, peak, allocations = _measure_memray(recorder.scratch, len(recorder.records), target, args, kwargs)
        else:
            result, peak, allocations = _measure_tracemalloc(target, args, kwargs)
        recorder.add({
            "name": self.name,
            "fullname": self.fullname,
            "backend": recorder.backend,
            "peak_bytes": peak,
            "allocations": allocations,
            "rss_bytes": _max_rss_bytes(),
        })
        return result


def pytest_configure(config):
    out_path = os.environ.get(ENV_OUT, "").strip()
    if not out_path:
        return
    recorder = _Recorder(out_path, _choose_backend())
    install_fixture(config, "prhost_memory_fixture", lambda node: MemoryBenchmark(node, recorder))
    config.add_cleanup(recorder.close)
