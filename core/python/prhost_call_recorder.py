"""prhost's call recorder: a pytest plugin that watches the project's own tests
call the functions `prhost bench` benchmarks, and keeps the first calls.

Loaded with `-p prhost_call_recorder`; the request is the JSON file named by
PRHOST_RECORD_REQUEST:

    {"targets": [{"key": "0", "file": "pkg/mod.py", "qualname": "Cls.method",
                  # optional: also a call of `method` on an instance whose exact
                  # type is `owner` (the code may be inherited, e.g. at a base
                  # ref where the commit had not yet added the override)
                  "owner": {"file": "pkg/mod.py", "qualname": "Cls"}, "method": "method",
                  # optional: a class target; its constructions are recorded
                  # (the __init__ call without `self`)
                  "constructor": false,
                  # optional: an entry point (a public caller of a private
                  # target): a call is kept only when target "0" ran inside it
                  "reaches": "0"}],
     "max_calls": 8,            # per target: the first calls, then up to 16 more, each twice the biggest before
     "explore_seconds": 15,     # how long bigger calls are still looked for once the first are in
     "first_tests": [],         # optional: node ids (without parameters) that run before the others
     "only_tests": [],          # optional: node ids; the other collected tests are deselected
     "only_calls": [],          # optional: [{"key", "test", "ordinal"}]: record these calls and no other
     "learned": [],             # optional: [{"file", "qualname"}]: classes rebuilt from their construction
     "max_blob": 200000,        # bytes of compressed pickle per call
     "budget_seconds": 60,      # stop running tests after this
     "out": "/tmp/x/calls.jsonl"}

Every kept call is appended to `out` at once (a run killed by its timeout
keeps what it recorded) as one JSON line:

    {"key", "test", "ordinal", "blob", "size", "mutates", "kind"}

`blob` is base85(zlib(pickle((args, kwargs)))) of the arguments as the
function received them (`self` or `cls` included, but for a construction),
pickled when the call starts (modules among them by name); `mutates` says
the arguments pickled differently after the call (the benchmark then
unpickles a fresh copy for every call). dill is used when the
project can import it and pickle cannot serialise an argument. When the run
learned classes to rebuild from their construction (see below), its last
line is {"learned": [{"file", "qualname"}]}, for the base run's request.

Calls are never kept when they happen inside pytest.raises / pytest.warns /
assertRaises / assertWarns, in a test marked xfail, when the call itself
raises, or when the test fails: a benchmark must replay a call the project
expects to succeed. The tracer is sys.monitoring on 3.12+ and sys.settrace
before; it only looks at the targets' code objects (and, for a method or
class target, at the calls of that name, to check the instance's type).
A call is a blob only if it loads back with pickle.
"""

import base64
import hashlib
import importlib
import io
import json
import os
import pickle
import sys
import time
import types
import zlib

try:
    import dill  # noqa: F401  (optional: lambdas and closures as arguments)
except Exception:  # pragma: no cover - most projects do not have it
    dill = None

_request = None
_targets = {}  # (realpath, qualname) -> key
_names = {}  # realpath -> {co_name: [key, ...]}  (older Pythons without co_qualname)
_counts = {}  # key -> first calls kept
_bigger = {}  # key -> calls kept later because they were bigger than every one before
_biggest = {}  # key -> size of the biggest call kept
_pending = {}  # id(frame) -> [key, blob_before, args, reached]
_dynamic = {}  # method name -> [(key, owner realpath, owner qualname)]: calls through the instance's exact type
_constructors = set()  # keys of class targets: their __init__ calls are recorded without `self`
_entries = {}  # key of a reached target -> keys of its entry points
_reaches = {}  # key of an entry point -> key of the target it must reach
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


class _Pickler(pickle.Pickler):
    """A module an argument refers to (a parser keeping `self.utils = utils`)
    is pickled as its import: pickle alone refuses every module object. A
    module-level constant of the project's own code (a token type, a
    sentinel) is pickled as that global, so the replay gets the very object
    the code compares with `is`, at the ref it runs."""

    def reducer_override(self, obj):
        if isinstance(obj, types.ModuleType) and sys.modules.get(obj.__name__) is obj:
            return importlib.import_module, (obj.__name__,)
        where = _constants.get(id(obj))
        if where is not None and where[2] is obj:
            return getattr, (sys.modules[where[0]], where[1])
        if isinstance(obj, types.GeneratorType):
            items = _items_of_fresh_generator(obj)
            if items is not None:
                return iter, (items,)
        built = _built.get(id(obj))
        if built is not None and built[0] is obj and obj is not self.as_is and not _pickles(obj, as_is=obj):
            return built[1], ()  # only when it cannot be pickled with its state: a rebuilt cache is empty
        return NotImplemented

    as_is = None  # the learned instance being tried with its own state


_GENERATOR_ITEMS = 100_000


def _items_of_fresh_generator(generator):
    """A generator that has not started (a test's `producer(limit)` handed to
    the target) is pickled as an iterator over the same items, which a copy
    of it produces from the same function and arguments: pickle refuses
    generators. None when it has started, is not plain Python, or yields
    more than _GENERATOR_ITEMS items."""
    import inspect
    import itertools

    frame = generator.gi_frame
    if frame is None or inspect.getgeneratorstate(generator) != inspect.GEN_CREATED:
        return None
    code = generator.gi_code
    try:
        state = frame.f_locals
        closure = tuple(types.CellType(state[name]) for name in code.co_freevars) or None
        copy = types.FunctionType(code, frame.f_globals, code.co_name, None, closure)
        count = code.co_argcount + code.co_kwonlyargcount
        arguments = {name: state[name] for name in code.co_varnames[:count]}
        positional = [arguments.pop(name) for name in code.co_varnames[:code.co_argcount]]
        items = list(itertools.islice(copy(*positional, **arguments), _GENERATOR_ITEMS + 1))
    except Exception:
        return None
    return items if len(items) <= _GENERATOR_ITEMS else None


_root = [""]
_constants = {}  # id(value) -> (module, name, value): the project's module-level constants
_indexed = set()  # module names already read
_PLAIN = (int, float, complex, str, bytes, bool, type(None), list, dict, set, frozenset, tuple)


def _index_constants():
    """Module-level values of the project's modules that pickle would copy
    (instances, not classes, functions or plain data), by identity."""
    for name, module in list(sys.modules.items()):
        if name in _indexed or not isinstance(module, types.ModuleType):
            continue
        _indexed.add(name)
        filename = getattr(module, "__file__", None) or ""
        path = _realpath(filename) if filename else ""
        if not path.startswith(_root[0]) or os.sep + "site-packages" + os.sep in path:
            continue
        for attr, value in list(vars(module).items()):
            if type(value) in _PLAIN or isinstance(value, (type, types.ModuleType, types.FunctionType,
                                                            types.BuiltinFunctionType)):
                continue
            _constants.setdefault(id(value), (name, attr, value))


def _dumps(value):
    try:
        _index_constants()
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=4).dump(value)
        return buffer.getvalue()
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


_candidates = {}  # code object -> the dynamic entries its name could match, or None


def _frame_key(frame):
    """The target a frame is a call of: by its code (file and qualname),
    else by the exact type of its first argument for a method looked up on
    an instance (an inherited or generated __init__, a base ref's inherited
    method)."""
    code = frame.f_code
    key = _code_key(code)
    if key is not None or not _dynamic:
        return key
    candidates = _dynamic_candidates(code)
    if not candidates:
        return None
    try:
        first = frame.f_locals[code.co_varnames[0]]
    except (KeyError, IndexError):
        return None
    return _owner_key(type(first), candidates)


def _dynamic_candidates(code):
    try:
        return _candidates[code]
    except KeyError:
        found = _dynamic.get(code.co_name) if code.co_argcount else None
        qualname = getattr(code, "co_qualname", "." + code.co_name)
        _candidates[code] = found if found and "." in qualname else None
        return _candidates[code]


_owners = {}  # (type, key) -> bool


def _owner_key(cls, candidates):
    for key, path, qualname in candidates:
        try:
            known = _owners.get((cls, key))
        except TypeError:  # a metaclass without __hash__
            return None
        if known is None:
            module = sys.modules.get(getattr(cls, "__module__", ""), None)
            filename = getattr(module, "__file__", None)
            known = _owners[(cls, key)] = bool(filename) and getattr(cls, "__qualname__", None) == qualname \
                and _realpath(filename) == path
        if known:
            return key
    return None


_paths = {}


def _realpath(filename):
    path = _paths.get(filename)
    if path is None:
        path = _paths[filename] = os.path.realpath(filename)
    return path


def _arguments(frame, key):
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
    if key in _constructors or key == _BUILD_KEY:  # the instance being built is the call's result, not an input
        positional = positional[1:]
    return tuple(positional), kwonly


def _wanted(key):
    if key is None or _current["skip"] or _current["test"] is None or _expected_failure[0]:
        return False
    enough = _request.get("max_calls", 8)
    # Each later call is twice the one before: 2 * enough of them reach far enough.
    return _counts.get(key, 0) < enough or (_exploring() and _bigger.get(key, 0) < 2 * enough)


_only_calls = set()  # at base: the (key, test, ordinal) calls head kept, and only those


def _replaying(key, ordinal):
    return not _expected_failure[0] and (key, _current["test"], ordinal) in _only_calls


def _exploring():
    """After the first calls, bigger ones are still kept for a while: the
    first test often passes a toy input, a later one a realistic one."""
    return time.monotonic() - _started[0] < _request.get("explore_seconds", 0)


# ------------------------------------------- objects rebuilt from their construction
#
# An argument pickle refuses (a parser holding a third-party object full of
# closures) is rebuilt the way the tests built it: the project classes whose
# instances stood in the way are learned, their later constructions are
# recorded (the __init__ arguments, copied when the call starts), and such an
# instance is pickled as that construction.

_BUILD_KEY = "\0build"
_learned = set()  # (realpath, qualname) of the classes learned
_built = {}  # id(instance) -> (instance, functools.partial that builds it again): the instance is kept alive
_BUILT_KEPT = 256  # so its id stays its own; the oldest go first
_learning_left = [3]  # tries: finding the culprit pickles pieces, so it is bounded


def _pickles(value, as_is=None):
    try:
        pickler = _Pickler(io.BytesIO(), protocol=4)
        pickler.as_is = as_is
        pickler.dump(value)
        return True
    except Exception:
        return False


def _children(value):
    if isinstance(value, (tuple, list, set, frozenset)):
        return list(value)[:200]
    if isinstance(value, dict):
        return list(value.values())[:200]
    state = getattr(value, "__dict__", None)
    children = list(state.values())[:200] if isinstance(state, dict) else []
    for slot in getattr(type(value), "__slots__", ()) if not isinstance(value, type) else ():
        if isinstance(slot, str) and hasattr(value, slot):
            children.append(getattr(value, slot))
    return children


def _project_class(cls):
    module = sys.modules.get(getattr(cls, "__module__", ""), None)
    path = _realpath(getattr(module, "__file__", None) or "")
    inside = path.startswith(_root[0]) and os.sep + "site-packages" + os.sep not in path
    return (path, cls.__qualname__) if inside and "<locals>" not in cls.__qualname__ else None


def _learn_from(value, depth=0):
    """Learns the innermost project objects in `value` that pickle refuses;
    True when it learned one."""
    if depth > 4:
        return False
    learned = False
    for child in _children(value):
        if isinstance(child, (type, types.ModuleType)) or _pickles(child):
            continue
        if _learn_from(child, depth + 1):
            learned = True
            continue
        owner = _project_class(type(child))
        if owner is not None and owner not in _learned:
            _learn_class(*owner)
            learned = True
    return learned


def _learn_class(path, qualname):
    _learned.add((path, qualname))
    _dynamic.setdefault("__init__", []).append((_BUILD_KEY, path, qualname))


def _learn(args):
    if _learning_left[0] <= 0:
        return
    _learning_left[0] -= 1
    if _learn_from(args):
        _candidates.clear()  # __init__ codes seen before are candidates now
        if sys.version_info >= (3, 12):
            sys.monitoring.restart_events()


def _remember_construction(frame):
    import functools

    instance = frame.f_locals.get(frame.f_code.co_varnames[0])
    try:
        args, kwargs = pickle.loads(_dumps(_arguments(frame, _BUILD_KEY)))
    except Exception:
        return
    _built[id(instance)] = (instance, functools.partial(type(instance), *args, **kwargs))
    while len(_built) > _BUILT_KEPT:
        del _built[next(iter(_built))]


def _on_call(frame, key):
    if key == _BUILD_KEY:
        _remember_construction(frame)
        return
    _mark_reached(key)
    if _current["test"] is None:
        return
    # Every call counts, kept or not, so the same call has the same ordinal at both refs.
    ordinal = _current["ordinal"].get(key, 0)
    _current["ordinal"][key] = ordinal + 1
    if not (_replaying(key, ordinal) if _only_calls else _wanted(key)):
        return
    try:
        args = _arguments(frame, key)
    except Exception:
        return
    try:
        blob = _dumps(args)
    except Exception:
        _learn(args)  # an argument that cannot be pickled (a lambda, a match object): try the next call
        return
    _pending[id(frame)] = [key, blob, args, key not in _reaches, ordinal]


def _loads_back(blob):
    """A blob the benchmark could not unpickle (a __getattr__ that answers
    every name, __setstate__ included) is no input. (dill's blobs load
    with pickle too: they name dill's own loaders.)"""
    try:
        pickle.loads(blob)
        return True
    except Exception:
        return False


def _mark_reached(key):
    """The target ran: every entry point call in progress reached it."""
    entries = _entries.get(key)
    if not entries:
        return
    for pending in _pending.values():
        if pending[0] in entries:
            pending[3] = True


def _on_return(frame, raised):
    entry = _pending.pop(id(frame), None)
    if entry is None:
        return
    key, blob, args, reached, ordinal = entry
    if raised or _expected_failure[0] or not reached:
        return
    first = _counts.get(key, 0) < _request.get("max_calls", 8) or bool(_only_calls)
    if not first and len(blob) < 2 * _biggest.get(key, 0):
        return  # past the first calls only one twice as big is worth keeping (a few steps reach far)
    if not _loads_back(blob):
        return
    try:
        mutates = _dumps(args) != blob
    except Exception:
        mutates = True
    packed = zlib.compress(blob, 9)
    if len(packed) > _request.get("max_blob", 200000):
        return
    counter = _counts if first else _bigger
    counter[key] = counter.get(key, 0) + 1
    _biggest[key] = max(_biggest.get(key, 0), len(blob))
    _current["kept"].append({"key": key, "test": _current["test"], "ordinal": ordinal, "code": _hashes.get(key, ""),
                             "blob": base64.b85encode(packed).decode("ascii"), "size": len(blob),
                             "mutates": mutates, "kind": _kind(frame.f_code), "first": first})


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
        if event != "call":
            return None
        key = _frame_key(frame)
        if key is None:
            return None
        if id(frame) not in _pending and id(frame) not in resumed:
            _on_call(frame, key)
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

    def traced(code):
        return _code_key(code) is not None or (_dynamic and _dynamic_candidates(code))

    def start(code, offset):
        if not traced(code):
            return monitoring.DISABLE
        frame = sys._getframe(1)
        key = _frame_key(frame)
        if key is not None and id(frame) not in _pending:
            _on_call(frame, key)
        return None

    def finish(code, offset, value):
        if not traced(code):
            return monitoring.DISABLE
        _on_return(sys._getframe(1), False)
        return None

    def unwind(code, offset, exception):
        if traced(code):
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
    _root[0] = os.path.realpath(str(config.rootpath)) + os.sep
    _only_calls.update((c["key"], c["test"], c["ordinal"]) for c in _request.get("only_calls", ()))
    for learned in _request.get("learned", ()):
        _learn_class(os.path.realpath(os.path.join(_root[0], learned["file"])), learned["qualname"])
    for target in _request.get("targets", []):
        _register(target, str(config.rootpath))
    for target in _request.get("targets", []):  # an entry point's recording is chosen by its target's code
        if target.get("reaches") in _hashes:
            _hashes[target["key"]] = _hashes[target["reaches"]]
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


def _register(target, root):
    def real(file):
        return os.path.realpath(file if os.path.isabs(file) else os.path.join(root, file))

    key, path = target["key"], real(target["file"])
    _targets.setdefault((path, target["qualname"]), key)  # a target's own code is never one of its entry points
    try:
        with open(path, "rb") as handle:
            _hashes[key] = hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        pass
    _names.setdefault(path, {}).setdefault(target["qualname"].rsplit(".", 1)[-1], []).append(key)
    owner = target.get("owner")
    if owner and target.get("method"):
        _dynamic.setdefault(target["method"], []).append((key, real(owner["file"]), owner["qualname"]))
    if target.get("constructor"):
        _constructors.add(key)
    if target.get("reaches"):
        _reaches[key] = target["reaches"]
        _entries.setdefault(target["reaches"], set()).add(key)


def pytest_collection_modifyitems(session, config, items):
    """At head, the tests that name the target run first; at base, only the
    tests whose calls head kept run (a test the commit added is simply not
    there)."""
    if _request is None:
        return
    first = tuple(_request.get("first_tests", ()))
    if first:  # stable: the tests that name the target first, then the rest in order
        items.sort(key=lambda item: not any(item.nodeid == t or item.nodeid.startswith(t + "[") for t in first))
    wanted = set(_request.get("only_tests", ()))
    if not wanted:
        return
    kept = [item for item in items if item.nodeid in wanted]
    config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in wanted])
    items[:] = kept


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
            (_counts if record["first"] else _bigger)[record["key"]] -= 1
    _current["kept"] = []


def pytest_runtest_teardown(item, nextitem):
    if _request is None:
        return
    _current["test"] = None
    done = all(_satisfied(key) for key in set(_targets.values()) if key not in _reaches) and not _exploring()
    over = time.monotonic() - _started[0] > _request.get("budget_seconds", 60)
    if done or over:
        _stop_tracing()
        item.session.shouldstop = "prhost: enough calls recorded" if done else "prhost: recording budget spent"


def _satisfied(key):
    """Enough calls of the target, or of one of its entry points."""
    enough = _request.get("max_calls", 8)
    return _counts.get(key, 0) >= enough or any(_counts.get(e, 0) >= enough for e in _entries.get(key, ()))


def pytest_unconfigure(config):
    if _request is not None:
        _stop_tracing()
    if _out[0] is not None and _learned:  # for the base run: it learns them before its first call
        learned = [{"file": os.path.relpath(path, _root[0]), "qualname": qualname} for path, qualname in _learned]
        _out[0].write(json.dumps({"learned": sorted(learned, key=lambda c: (c["file"], c["qualname"]))}) + "\n")
    if _out[0] is not None:
        _out[0].close()
        _out[0] = None
