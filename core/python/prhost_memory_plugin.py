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
import json
import os
import resource
import sys
import tempfile
import tracemalloc

import pytest

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


class _Recorder:
    def __init__(self, out_path, backend):
        self.out_path = out_path
        self.backend = backend
        self.records = []
        self.scratch = tempfile.mkdtemp(prefix="prhost-memray-")
        self.write()

    def add(self, record):
        self.records.append(record)
        self.write()

    def write(self):
        tmp = self.out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump({"backend": self.backend, "benchmarks": self.records}, out)
        os.replace(tmp, self.out_path)

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


try:
    # pytest-benchmark's makereport hook rejects a `benchmark` value that is
    # not a BenchmarkFixture, so subclass it when it is installed (without
    # running its __init__: nothing of it is used but the type).
    from pytest_benchmark.fixture import BenchmarkFixture as _FixtureBase
except ImportError:
    _FixtureBase = object


class MemoryBenchmark(_FixtureBase):
    """Stands in for pytest-benchmark's BenchmarkFixture: same call shapes,
    one measured call, the target's return value passed through."""

    def __init__(self, node, recorder):
        self.name = node.name
        self.fullname = node.nodeid
        self.param = node.callspec.id if hasattr(node, "callspec") else None
        self.params = node.callspec.params if hasattr(node, "callspec") else None
        self.group = None
        self.extra_info = {}
        self.disabled = False
        self.skipped = False
        self.has_error = False
        self._recorder = recorder
        self._mode = None

    @property
    def enabled(self):
        return True

    def _start(self, mode):
        if self._mode:
            raise RuntimeError(f"Fixture can only be used once. Previously it was used in {self._mode} mode.")
        self._mode = mode

    def __call__(self, function_to_benchmark, *args, **kwargs):
        self._start("benchmark(...)")
        return self._measure(function_to_benchmark, args, kwargs)

    def pedantic(self, target, args=(), kwargs=None, setup=None, teardown=None, rounds=1, warmup_rounds=0,
                 iterations=1):
        # rounds / warmup_rounds / iterations shape timing only: memory is
        # measured on exactly one call.
        self._start("benchmark.pedantic(...)")
        kwargs = kwargs or {}
        if setup is not None:
            maybe_args = setup()
            if maybe_args:
                args, kwargs = maybe_args
        try:
            return self._measure(target, args, kwargs)
        finally:
            if teardown is not None:
                teardown(*args, **kwargs)

    def _measure(self, target, args, kwargs):
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


class _FixturePlugin:
    """Registered in pytest_configure, after every setuptools plugin: among
    plugins the last registered fixture of a name wins, so this one shadows
    pytest-benchmark's and codeflash-benchmark's ``benchmark``."""

    def __init__(self, recorder):
        self._recorder = recorder

    @pytest.fixture
    def benchmark(self, request):
        return MemoryBenchmark(request.node, self._recorder)


def pytest_configure(config):
    out_path = os.environ.get(ENV_OUT, "").strip()
    if not out_path:
        return
    recorder = _Recorder(out_path, _choose_backend())
    config.pluginmanager.register(_FixturePlugin(recorder), "prhost_memory_fixture")
    config.add_cleanup(recorder.close)
