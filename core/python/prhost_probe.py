"""prhost's validation probe: a pytest plugin for the one quick run of a
generated benchmark (`--benchmark-disable`) that proves what it measures.

Loaded with `-p prhost_probe`; the request is the JSON file named by
PRHOST_PROBE_REQUEST:

    {"files": ["pkg/x.py"],      # the changed files: lines executed there are recorded
     "out": "/tmp/x/probe.json",
     "max_items": 10000,         # items fingerprinted from a list, an iterator, ...
     "hang_seconds": 58,         # dump every thread's stack after this (then the host kills the run)
     "hang_file": "/tmp/x/hang.txt",  # ... into this file
     "measure_memory": true}     # also one call's peak allocation (tracemalloc)

The `benchmark` fixture (pytest-benchmark's or codeflash's, whichever is
loaded) is wrapped for the test: the function it is given runs once, under a
line tracer restricted to `files` (sys.monitoring on 3.12+, sys.settrace
before), and its return value is fingerprinted: a JSON value that two runs,
at two refs, can compare. The reply:

    {"lines": {"pkg/x.py": [12, 13]}, "fingerprint": ..., "calls": 1, "error": "",
     "call_ns": 1830, "peak_bytes": 4096}

After the traced call, the same function runs again untraced: a few calls
(within 50 ms) whose fastest gives `call_ns`, and, when asked, one under
tracemalloc whose peak gives `peak_bytes`. A benchmark that takes well under
a microsecond, or a memory benchmark that allocates nothing, measures nothing
the change did (an empty input, a cached result, a mock that allocates
nothing): the host flags it. Either is left out when a repeated call fails.

Fingerprints: None/bool/int/str as themselves (long strings and bytes as
length + sha256 + a prefix); floats tagged {"float": x} (the host compares
them with a tolerance); lists/tuples in order; sets and dict keys sorted
(tagged "unordered"); iterators, generators and async iterators by the items
they yield (bounded); other objects by type and their attributes (from
__dict__ and __slots__, so adding __slots__ changes nothing); an object
with no attributes and no value-like repr is {"opaque": type}, which the host
reports as "not comparable".
"""

import faulthandler
import hashlib
import json
import os
import sys
import time

import pytest

_request = None
_result = {"lines": {}, "fingerprint": None, "calls": 0, "error": ""}
_files = {}  # realpath -> relative
_executed = {}  # relative -> set of lines
_hang_file = [None]  # kept open: faulthandler writes to its fd from its own thread
_MAX_DEPTH = 6
_MAX_TEXT = 200
_TIMING_BUDGET_NS = 50_000_000  # untraced calls timed after the traced one, at most this long
_TIMING_CALLS = 50


def _load():
    path = os.environ.get("PRHOST_PROBE_REQUEST")
    if not path:
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


# ---------------------------------------------------------------- fingerprints

def _text(value):
    if len(value) <= _MAX_TEXT:
        return value
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return {"str": value[:60], "len": len(value), "sha256": digest}


def _items(iterable, depth, limit):
    items, more = [], False
    for index, item in enumerate(iterable):
        if index >= limit:
            more = True
            break
        items.append(_fingerprint(item, depth + 1))
    return items, more


def _sort_key(value):
    return json.dumps(value, sort_keys=True, default=str)


def _attributes(value):
    names = set(getattr(value, "__dict__", {}) or {})
    for cls in type(value).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names.update([slots] if isinstance(slots, str) else slots)
    names.discard("__dict__")
    names.discard("__weakref__")
    out = {}
    for name in sorted(names):
        try:
            out[name] = getattr(value, name)
        except AttributeError:
            continue
    return out


def _object(value, depth):
    cls = type(value)
    name = f"{cls.__module__}.{cls.__qualname__}"
    attributes = _attributes(value)
    if attributes:
        return {"type": name, "attrs": {k: _fingerprint(v, depth + 1) for k, v in attributes.items()}}
    if cls.__repr__ is not object.__repr__:
        text = repr(value)
        if " at 0x" not in text:
            return {"type": name, "repr": _text(text)}
    return {"opaque": name}


def _fingerprint(value, depth=0):
    limit = _request.get("max_items", 10000) if _request else 10000
    if depth > _MAX_DEPTH:
        return {"deep": type(value).__qualname__}
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and type(value) in (int,):
        return value if abs(value) < 2 ** 53 else {"int": str(value)}
    if isinstance(value, float) and type(value) is float:
        return {"float": value if value == value and abs(value) != float("inf") else repr(value)}
    if type(value) is str:
        return _text(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()[:16], "head": data[:24].hex()}
    if type(value) in (list, tuple):
        items, more = _items(value, depth, limit)
        return {type(value).__name__: items, "more": len(value) - len(items)} if more else \
            ({"tuple": items} if type(value) is tuple else items)
    if type(value) in (set, frozenset):
        items, more = _items(value, depth, limit)
        return {"unordered": sorted(items, key=_sort_key), "len": len(value)}
    if type(value) is dict:
        pairs = [[_fingerprint(k, depth + 1), _fingerprint(v, depth + 1)] for k, v in list(value.items())[:limit]]
        return {"dict": sorted(pairs, key=lambda p: _sort_key(p[0])), "len": len(value)}
    if hasattr(value, "__next__") and hasattr(value, "__iter__"):
        items, more = _items(value, depth, limit)
        return {"iter": items, "more": more}
    if hasattr(value, "__anext__"):
        return {"aiter": _async_items(value, depth, limit)}
    if isinstance(value, str):  # a str subclass: its text and its own attributes
        return {"type": f"{type(value).__module__}.{type(value).__qualname__}", "str": _text(str(value)),
                "attrs": {k: _fingerprint(v, depth + 1) for k, v in _attributes(value).items()}}
    return _object(value, depth)


def _async_items(value, depth, limit):
    import asyncio

    async def collect():
        items = []
        async for item in value:
            if len(items) >= limit:
                break
            items.append(_fingerprint(item, depth + 1))
        return items

    return asyncio.new_event_loop().run_until_complete(collect())


# ---------------------------------------------------------------- line tracing

def _record_line(path, line):
    relative = _files.get(path)
    if relative is not None:
        _executed.setdefault(relative, set()).add(line)


def _traced(function, *args, **kwargs):
    if sys.version_info >= (3, 12):
        return _traced_monitoring(function, *args, **kwargs)
    import threading

    def local(frame, event, arg):
        if event == "line":
            _record_line(frame.f_code.co_filename, frame.f_lineno)
        return local

    cache = {}

    def global_tracer(frame, event, arg):
        filename = frame.f_code.co_filename
        inside = cache.get(filename)
        if inside is None:
            inside = cache[filename] = os.path.realpath(filename) in _files
        # The 'call' event's line is the def line: only 'line' events count.
        return local if inside else None

    previous = sys.gettrace()
    sys.settrace(global_tracer)
    threading.settrace(global_tracer)
    try:
        return function(*args, **kwargs)
    finally:
        sys.settrace(previous)
        threading.settrace(None)


def _traced_monitoring(function, *args, **kwargs):
    monitoring = sys.monitoring
    tool = monitoring.COVERAGE_ID
    monitoring.use_tool_id(tool, "prhost-probe")
    cache = {}

    def line(code, number):
        filename = code.co_filename
        inside = cache.get(filename)
        if inside is None:
            inside = cache[filename] = os.path.realpath(filename) in _files
        if not inside:
            return monitoring.DISABLE
        _record_line(os.path.realpath(filename), number)
        return None

    monitoring.register_callback(tool, monitoring.events.LINE, line)
    monitoring.set_events(tool, monitoring.events.LINE)
    try:
        return function(*args, **kwargs)
    finally:
        monitoring.set_events(tool, 0)
        monitoring.register_callback(tool, monitoring.events.LINE, None)
        monitoring.free_tool_id(tool)


# ---------------------------------------------------------------- untraced measurements

def _fresh(args, kwargs, setup):
    """pedantic(setup=...) builds new arguments for every call."""
    if setup is None:
        return args, kwargs
    built = setup()
    return (tuple(built[0] or ()), dict(built[1] or {})) if built is not None else (args, kwargs)


def _fastest_call_ns(function, args, kwargs, setup):
    best, spent = None, 0
    for _ in range(_TIMING_CALLS):
        call_args, call_kwargs = _fresh(args, kwargs, setup)
        start = time.perf_counter_ns()
        function(*call_args, **call_kwargs)
        took = time.perf_counter_ns() - start
        best = took if best is None else min(best, took)
        spent += took
        if spent > _TIMING_BUDGET_NS:
            break
    return best


def _peak_bytes(function, args, kwargs, setup):
    import tracemalloc

    call_args, call_kwargs = _fresh(args, kwargs, setup)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    reset_peak = getattr(tracemalloc, "reset_peak", None)  # 3.9+; before, the peak counts from start()
    if reset_peak is not None:
        reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        function(*call_args, **call_kwargs)
        return max(0, tracemalloc.get_traced_memory()[1] - before)
    finally:
        if not was_tracing:
            tracemalloc.stop()


def _measure(function, args, kwargs, setup):
    try:
        _result["call_ns"] = _fastest_call_ns(function, args, kwargs, setup)
        if _request.get("measure_memory"):
            _result["peak_bytes"] = _peak_bytes(function, args, kwargs, setup)
    except Exception as error:  # a call that cannot be repeated (consumed input): no numbers, no verdict
        _result["measure_error"] = f"{type(error).__name__}: {str(error)[:200]}"


# ---------------------------------------------------------------- the fixture wrapper

class _Probe:
    """Stands in for the benchmark fixture: one traced call, fingerprinted."""

    def __init__(self, inner):
        self._inner = inner

    def _once(self, function, args, kwargs, setup=None):
        value = _traced(function, *args, **kwargs)
        _result["calls"] += 1
        if _result["calls"] == 1:
            try:
                _result["fingerprint"] = _fingerprint(value)
            except Exception as error:  # a value that breaks while we read it
                _result["fingerprint"] = {"opaque": f"{type(value).__qualname__} ({type(error).__name__})"}
            _measure(function, args, kwargs, setup)
        return value

    def __call__(self, function, *args, **kwargs):
        return self._once(function, args, kwargs)

    def pedantic(self, target, args=(), kwargs=None, setup=None, rounds=1, warmup_rounds=0, iterations=1):
        args, kwargs = _fresh(tuple(args or ()), dict(kwargs or {}), setup)
        return self._once(target, args, kwargs, setup)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def pytest_configure(config):
    global _request
    _request = _load()
    if _request is None:
        return
    root = str(config.rootpath)
    for relative in _request.get("files", []):
        _files[os.path.realpath(os.path.join(root, relative))] = relative
    seconds = _request.get("hang_seconds", 0)
    if seconds:
        # Where it waits, if it never finishes: the host kills the run soon
        # after and reads the dump. Into a file of its own: pytest's capture
        # owns fd 2 while a test runs, and a killed run never prints it.
        _hang_file[0] = open(_request.get("hang_file") or os.devnull, "w", encoding="utf-8")
        faulthandler.dump_traceback_later(seconds, exit=False, file=_hang_file[0])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    # Swapped for the call only: pytest-benchmark checks the fixture's type
    # when it makes the report.
    funcargs = getattr(item, "funcargs", {})
    original = funcargs.get("benchmark")
    if _request is not None and original is not None:
        funcargs["benchmark"] = _Probe(original)
    try:
        yield
    finally:
        if original is not None:
            funcargs["benchmark"] = original


def pytest_runtest_makereport(item, call):
    if _request is not None and call.when == "call" and call.excinfo is not None:
        _result["error"] = f"{call.excinfo.typename}: {str(call.excinfo.value)[:400]}"


def pytest_unconfigure(config):
    if _request is None:
        return
    faulthandler.cancel_dump_traceback_later()
    _result["lines"] = {path: sorted(lines) for path, lines in _executed.items()}
    with open(_request["out"], "w", encoding="utf-8") as handle:
        json.dump(_result, handle, default=str)
