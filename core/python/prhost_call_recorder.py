"""prhost's call recorder: a pytest plugin that watches the project's own tests
call the functions `prhost bench` benchmarks, and keeps the first calls.

Loaded with `-p prhost_call_recorder`; the request is the JSON file named by
PRHOST_RECORD_REQUEST:

    {"targets": [{"key": "0", "file": "pkg/mod.py", "qualname": "Cls.method"}],
     "max_calls": 8,            # per target
     "max_blob": 200000,        # bytes of compressed pickle per call
     "budget_seconds": 60,      # stop running tests after this
     "out": "/tmp/x/calls.jsonl"}

Every kept call is appended to `out` at once (a run killed by its timeout
keeps what it recorded) as one JSON line:

    {"key", "test", "ordinal", "blob", "size", "mutates", "kind"}

`blob` is base85(zlib(pickle((args, kwargs)))) of the arguments as the
function received them (`self` or `cls` included), pickled when the call
starts; `mutates` says the arguments pickled differently after the call (the
benchmark then unpickles a fresh copy for every call). dill is used when the
project can import it and pickle cannot serialise an argument.

Calls are never kept when they happen inside pytest.raises / pytest.warns /
assertRaises / assertWarns, in a test marked xfail, when the call itself
raises, or when the test fails: a benchmark must replay a call the project
expects to succeed. The tracer is sys.monitoring on 3.12+ and sys.settrace
before; it only looks at the targets' code objects.
"""

import base64
import hashlib
import json
import os
import pickle
import sys
import time
import zlib

try:
    import dill  # noqa: F401  (optional: lambdas and closures as arguments)
except Exception:  # pragma: no cover - most projects do not have it
    dill = None

_request = None
_targets = {}  # (realpath, qualname) -> key
_names = {}  # realpath -> {co_name: [key, ...]}  (older Pythons without co_qualname)
_counts = {}
_pending = {}  # id(frame) -> (key, blob_before, args)
_expected_failure = [0]  # depth of pytest.raises / warns / assertRaises blocks
_current = {"test": None, "skip": False, "ordinal": {}, "kept": []}
_started = [0.0]
_out = [None]
_hashes = {}  # key -> sha256 of the target's file: the benchmark picks the call recorded for its code


def _load():
    path = os.environ.get("PRHOST_RECORD_REQUEST")
    if not path:
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _dumps(value):
    try:
        return pickle.dumps(value, protocol=4)
    except Exception:
        if dill is None:
            raise
        return dill.dumps(value, protocol=4)


_code_cache = {}  # code object -> key or None: realpath is a system call, the tracer sees every call


def _code_key(code):
    try:
        return _code_cache[code]
    except KeyError:
        key = _code_cache[code] = _lookup_key(code)
        return key


def _lookup_key(code):
    path = _realpath(code.co_filename)
    qualname = getattr(code, "co_qualname", None)
    if qualname is not None:
        return _targets.get((path, qualname))
    keys = _names.get(path, {}).get(code.co_name)
    return keys[0] if keys and len(keys) == 1 else None


_paths = {}


def _realpath(filename):
    path = _paths.get(filename)
    if path is None:
        path = _paths[filename] = os.path.realpath(filename)
    return path


def _arguments(frame):
    code = frame.f_code
    names = code.co_varnames
    count = code.co_argcount + code.co_kwonlyargcount
    positional = [frame.f_locals[n] for n in names[: code.co_argcount]]
    kwonly = {n: frame.f_locals[n] for n in names[code.co_argcount:count]}
    index = count
    if code.co_flags & 0x04:  # *args
        positional.extend(frame.f_locals[names[index]])
        index += 1
    if code.co_flags & 0x08:  # **kwargs
        kwonly.update(frame.f_locals[names[index]])
    return tuple(positional), kwonly


def _wanted(key):
    if key is None or _current["skip"] or _current["test"] is None or _expected_failure[0]:
        return False
    return _counts.get(key, 0) < _request.get("max_calls", 8)


def _on_call(frame):
    key = _code_key(frame.f_code)
    if not _wanted(key):
        return
    try:
        args = _arguments(frame)
        blob = _dumps(args)
    except Exception:
        return  # an argument that cannot be pickled: try the next call
    _pending[id(frame)] = (key, blob, args)


def _on_return(frame, raised):
    entry = _pending.pop(id(frame), None)
    if entry is None:
        return
    key, blob, args = entry
    if raised or _expected_failure[0]:
        return
    try:
        mutates = _dumps(args) != blob
    except Exception:
        mutates = True
    packed = zlib.compress(blob, 9)
    if len(packed) > _request.get("max_blob", 200000):
        return
    ordinal = _current["ordinal"].get(key, 0)
    _current["ordinal"][key] = ordinal + 1
    _counts[key] = _counts.get(key, 0) + 1
    _current["kept"].append({"key": key, "test": _current["test"], "ordinal": ordinal, "code": _hashes.get(key, ""),
                             "blob": base64.b85encode(packed).decode("ascii"), "size": len(blob),
                             "mutates": mutates, "kind": _kind(frame.f_code)})


def _kind(code):
    if code.co_flags & 0x200:
        return "async_generator"
    if code.co_flags & 0x80:
        return "coroutine"
    if code.co_flags & 0x20:
        return "generator"
    return "function"


# ---------------------------------------------------------------- tracers

def _settrace_tracer():
    """sys.settrace before 3.12: a 'call' event for every frame, a local
    tracer only on the targets' frames (to see an exception unwind them).
    A generator or coroutine is kept at its first suspension: its arguments
    were pickled when it started, and later resumes are not new calls."""
    local_state = {}
    resumed = set()

    def local(frame, event, arg):
        if event == "exception":
            local_state[id(frame)] = True
        elif event == "line" and local_state.get(id(frame)):
            local_state[id(frame)] = False
        elif event == "return":
            raised = local_state.pop(id(frame), False)
            if frame.f_code.co_flags & 0x2A0:
                resumed.add(id(frame))
            _on_return(frame, raised)
        return local

    def global_tracer(frame, event, arg):
        if event != "call" or _code_key(frame.f_code) is None:
            return None
        if id(frame) not in _pending and id(frame) not in resumed:
            _on_call(frame)
        return local

    return global_tracer


def _install_settrace():
    import threading
    tracer = _settrace_tracer()
    sys.settrace(tracer)
    threading.settrace(tracer)


def _install_monitoring():
    monitoring = sys.monitoring
    tool = monitoring.PROFILER_ID
    try:
        monitoring.use_tool_id(tool, "prhost-recorder")
    except ValueError:
        tool = 5
        monitoring.use_tool_id(tool, "prhost-recorder")
    events = monitoring.events

    def start(code, offset):
        if _code_key(code) is None:
            return monitoring.DISABLE
        frame = sys._getframe(1)
        if id(frame) not in _pending:
            _on_call(frame)
        return None

    def finish(code, offset, value):
        if _code_key(code) is None:
            return monitoring.DISABLE
        _on_return(sys._getframe(1), False)
        return None

    def unwind(code, offset, exception):
        if _code_key(code) is not None:
            _on_return(sys._getframe(1), True)

    monitoring.register_callback(tool, events.PY_START, start)
    monitoring.register_callback(tool, events.PY_RETURN, finish)
    monitoring.register_callback(tool, events.PY_YIELD, finish)  # a generator is kept at its first yield
    monitoring.register_callback(tool, events.PY_UNWIND, unwind)
    monitoring.set_events(tool, events.PY_START | events.PY_RETURN | events.PY_YIELD | events.PY_UNWIND)
    _tool[0] = tool


_tool = [None]


def _stop_tracing():
    if sys.version_info >= (3, 12):
        if _tool[0] is not None:
            sys.monitoring.set_events(_tool[0], 0)
            sys.monitoring.free_tool_id(_tool[0])
            _tool[0] = None
    else:
        import threading
        sys.settrace(None)
        threading.settrace(None)


# ------------------------------------------------------- expected failures

class _Guarded:
    """A pytest.raises / pytest.warns context: calls inside it are not kept."""

    def __init__(self, inner):
        self._inner = inner

    def __enter__(self):
        _expected_failure[0] += 1
        return self._inner.__enter__()

    def __exit__(self, *exc):
        try:
            return self._inner.__exit__(*exc)
        finally:
            _expected_failure[0] -= 1

    def __getattr__(self, name):
        return getattr(self._inner, name)


def _guard(original):
    def wrapper(*args, **kwargs):
        if len(args) > 1 and callable(args[1]):  # functional form: raises(E, func, *args)
            _expected_failure[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                _expected_failure[0] -= 1
        return _Guarded(original(*args, **kwargs))

    wrapper.__wrapped__ = original
    return wrapper


def _guard_unittest():
    import unittest.case as case

    for name in ("_AssertRaisesContext", "_AssertWarnsContext"):
        cls = getattr(case, name, None)
        if cls is None:
            continue
        enter, leave = cls.__enter__, cls.__exit__

        def __enter__(self, enter=enter):
            _expected_failure[0] += 1
            return enter(self)

        def __exit__(self, *exc, leave=leave):
            try:
                return leave(self, *exc)
            finally:
                _expected_failure[0] -= 1

        cls.__enter__, cls.__exit__ = __enter__, __exit__


# ---------------------------------------------------------------- pytest hooks

def pytest_configure(config):
    global _request
    _request = _load()
    if _request is None:
        return
    for target in _request.get("targets", []):
        path = os.path.realpath(os.path.join(str(config.rootpath), target["file"])) \
            if not os.path.isabs(target["file"]) else os.path.realpath(target["file"])
        _targets[(path, target["qualname"])] = target["key"]
        try:
            with open(path, "rb") as handle:
                _hashes[target["key"]] = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            pass
        _names.setdefault(path, {}).setdefault(target["qualname"].rsplit(".", 1)[-1], []).append(target["key"])
    _out[0] = open(_request["out"], "a", encoding="utf-8")
    import pytest

    pytest.raises = _guard(pytest.raises)
    pytest.warns = _guard(pytest.warns)
    _guard_unittest()
    _started[0] = time.monotonic()
    if sys.version_info >= (3, 12):
        _install_monitoring()
    else:
        _install_settrace()


def pytest_runtest_setup(item):
    if _request is None:
        return
    _current["test"] = item.nodeid
    _current["ordinal"] = {}
    _current["kept"] = []
    _current["skip"] = item.get_closest_marker("xfail") is not None


def pytest_runtest_logreport(report):
    if _request is None or report.when != "call":
        return
    if report.passed and not getattr(report, "wasxfail", None):
        for record in _current["kept"]:
            _out[0].write(json.dumps(record) + "\n")
        _out[0].flush()
    else:  # a failing test's calls are not inputs to trust
        for record in _current["kept"]:
            _counts[record["key"]] -= 1
    _current["kept"] = []


def pytest_runtest_teardown(item, nextitem):
    if _request is None:
        return
    _current["test"] = None
    done = all(_counts.get(key, 0) >= _request.get("max_calls", 8) for key in set(_targets.values()))
    over = time.monotonic() - _started[0] > _request.get("budget_seconds", 60)
    if done or over:
        _stop_tracing()
        item.session.shouldstop = "prhost: enough calls recorded" if done else "prhost: recording budget spent"


def pytest_unconfigure(config):
    if _request is not None:
        _stop_tracing()
    if _out[0] is not None:
        _out[0].close()
        _out[0] = None
