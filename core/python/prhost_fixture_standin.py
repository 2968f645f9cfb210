"""What prhost's measuring pytest plugins share: a stand-in for the
``benchmark`` fixture, the plugin that installs it, and the JSON log they
rewrite after every benchmark.

prhost's memory plugin and its instruction-count plugin each replace
pytest-benchmark's ``benchmark`` fixture (and codeflash-benchmark's, which
defines one too) with one that calls the target their own way. The test sees
the real fixture's call shapes, ``benchmark(f, *args, **kwargs)`` and
``benchmark.pedantic(...)``, may use it once, and gets the target's return
value back. Only what one measured call is differs, so that is the one method
a plugin writes (``_measure``).

prhost writes this module beside the plugin into the plugin's temporary
directory on PYTHONPATH; it is imported by the plugins, never loaded with -p.
"""

import json
import os

import pytest

try:
    # pytest-benchmark's makereport hook rejects a `benchmark` value that is
    # not a BenchmarkFixture, so subclass it when it is installed (without
    # running its __init__: nothing of it is used but the type).
    from pytest_benchmark.fixture import BenchmarkFixture as _FixtureBase
except ImportError:
    _FixtureBase = object


class StandInBenchmark(_FixtureBase):
    """pytest-benchmark's call shapes around ``_measure(target, args, kwargs,
    setup, teardown)``, which a plugin defines; usable once per test."""

    def __init__(self, node):
        self.name = node.name
        self.fullname = node.nodeid
        self.param = node.callspec.id if hasattr(node, "callspec") else None
        self.params = node.callspec.params if hasattr(node, "callspec") else None
        self.group = None
        self.extra_info = {}
        self.disabled = False
        self.skipped = False
        self.has_error = False
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
        return self._measure(function_to_benchmark, args, kwargs, None, None)

    def pedantic(self, target, args=(), kwargs=None, setup=None, teardown=None, rounds=1, warmup_rounds=0,
                 iterations=1):
        # rounds, warmup_rounds and iterations shape pytest-benchmark's timing
        # loop; a plugin decides itself how many calls it measures.
        self._start("benchmark.pedantic(...)")
        return self._measure(target, args, kwargs or {}, setup, teardown)

    def _measure(self, target, args, kwargs, setup, teardown):
        raise NotImplementedError


def call_with_setup(target, args, kwargs, setup, teardown):
    """One call the way pedantic makes it: setup() may return (args, kwargs)
    for the call, and teardown gets the arguments the call got."""
    if setup is not None:
        made = setup()
        if made:
            args, kwargs = made
    try:
        return target(*args, **kwargs)
    finally:
        if teardown is not None:
            teardown(*args, **kwargs)


def install_fixture(config, name, make_fixture):
    """Registers plugin `name`, whose ``benchmark`` fixture is
    ``make_fixture(request.node)``. Called from pytest_configure, after every
    setuptools plugin: among plugins the last registered fixture of a name
    wins, so this one shadows pytest-benchmark's and codeflash-benchmark's."""

    class _FixturePlugin:
        @pytest.fixture
        def benchmark(self, request):
            return make_fixture(request.node)

    config.pluginmanager.register(_FixturePlugin(), name)


class JsonLog:
    """``{**header(), "benchmarks": [records]}`` in `out_path`, rewritten
    atomically after every record, so a run killed midway keeps what it
    measured."""

    def __init__(self, out_path, header):
        self.out_path = out_path
        self.records = []
        self._header = header
        self.write()

    def add(self, record):
        self.records.append(record)
        self.write()

    def write(self):
        tmp = self.out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump({**self._header(), "benchmarks": self.records}, out)
        os.replace(tmp, self.out_path)
