"""prhost timing plugin: fixed iterations per round for pytest-benchmark.

Loaded by prhost with ``-p prhost_timing_plugin`` (this file is written to a
temporary directory put on PYTHONPATH). It does nothing unless the
environment variable PRHOST_FIXED_ITERATIONS holds a JSON object
``{"<test node id>": <iterations>, ...}`` (a bare test name also matches).

Why: pytest-benchmark calibrates the number of iterations per round in every
process (BenchmarkFixture._calibrate_timer grows the loop count 1, 10, 100 ...
until a round lasts --benchmark-min-time). Two processes, or two refs, can
settle on different counts, and a round of 100 loops does not cost the same
per call as a round of 1000 (loop overhead, cache warmth). prhost calibrates
once, in the first round, and replays that count for every later round of
both refs so the only thing that differs between them is the code.

How: BenchmarkFixture._calibrate_timer(runner) returns
``(duration, iterations, loops_range)``; ``_raw`` then derives the number of
rounds from ``duration`` and runs ``runner(loops_range)`` per round. For a
listed test we return the requested count without searching, after one timed
pass so ``duration`` is real. Nothing else is changed: warmup, GC handling,
rounds, the timer and the JSON report are pytest-benchmark's own.
``benchmark.pedantic(...)`` never calibrates (the test fixes its iterations),
so it is unaffected. The counts actually applied are written into the
``--benchmark-json`` report under ``"prhost": {"fixed_iterations": {...}}``.
"""

import json
import os

import pytest

ENV_FIXED_ITERATIONS = "PRHOST_FIXED_ITERATIONS"

_applied = {}


def _requested_iterations():
    raw = os.environ.get(ENV_FIXED_ITERATIONS, "").strip()
    if not raw:
        return {}
    table = json.loads(raw)
    if not isinstance(table, dict):
        raise pytest.UsageError(f"{ENV_FIXED_ITERATIONS} must be a JSON object {{test id: iterations}}")
    requested = {}
    for name, iterations in table.items():
        if not isinstance(iterations, int) or isinstance(iterations, bool) or iterations < 1:
            raise pytest.UsageError(f"{ENV_FIXED_ITERATIONS}: iterations for {name!r} must be a positive integer")
        requested[str(name)] = iterations
    return requested


def pytest_configure(config):
    requested = _requested_iterations()
    if not requested:
        return
    try:
        from pytest_benchmark.fixture import BenchmarkFixture
    except ImportError:
        # pytest reports the missing fixture/options itself, more clearly.
        return

    original = BenchmarkFixture._calibrate_timer

    def _calibrate_timer(self, runner):
        # Node ids are the exact key; a bare test name is accepted too, for
        # callers that key by name (ambiguous only if two files share it).
        iterations = requested.get(self.fullname, requested.get(self.name))
        if iterations is None:
            return original(self, runner)
        loops_range = range(iterations)
        duration = runner(loops_range)
        _applied[self.fullname] = iterations
        # _raw divides --benchmark-max-time by duration; a clock that did not
        # tick must not divide by zero.
        return max(duration, 1e-9), iterations, loops_range

    BenchmarkFixture._calibrate_timer = _calibrate_timer
    config.add_cleanup(lambda: setattr(BenchmarkFixture, "_calibrate_timer", original))


@pytest.hookimpl(optionalhook=True)
def pytest_benchmark_update_json(config, benchmarks, output_json):
    output_json["prhost"] = {"fixed_iterations": dict(_applied)}
