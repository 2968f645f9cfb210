# Where do these modules come from? Run by prhost inside one checkout of a
# ref, with that checkout's import roots on PYTHONPATH, before any timing:
# a benchmark is only worth reporting if the code it imports is the ref's own.
#
# argv[1] = the checkout directory, argv[2:] = dotted module names.
# Prints one line "PRHOST_MODULE_ORIGINS <json>" last on stdout (packages
# imported along the way may print their own noise before it).
#
# importlib.util.find_spec locates a module without executing it (its parent
# packages do get imported: that is how Python finds submodules). Import is
# only the fallback, for modules that a finder materialises on import.
import importlib
import importlib.util
import json
import os
import sys


def real(path):
    return os.path.realpath(path)


def inside(path, root):
    path, root = real(path), real(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def locate(name):
    try:
        spec = importlib.util.find_spec(name)
    except BaseException as error:  # a parent package failed to import
        return {"how": "find_spec", "error": "%s: %s" % (type(error).__name__, error)}
    if spec is not None:
        if spec.origin and spec.origin not in ("built-in", "frozen", "namespace"):
            return {"how": "find_spec", "origin": spec.origin}
        # A namespace package has no file: its first search location is the
        # directory that wins.
        locations = list(spec.submodule_search_locations or [])
        if locations:
            return {"how": "find_spec", "origin": locations[0], "namespace": True}
        return {"how": "find_spec", "origin": spec.origin or "", "builtin": True}
    try:
        module = importlib.import_module(name)
    except BaseException as error:
        return {"how": "import", "error": "%s: %s" % (type(error).__name__, error)}
    origin = getattr(module, "__file__", None)
    if origin:
        return {"how": "import", "origin": origin}
    locations = list(getattr(module, "__path__", []) or [])
    if locations:
        return {"how": "import", "origin": locations[0], "namespace": True}
    return {"how": "import", "origin": "", "builtin": True}


def main():
    checkout = sys.argv[1]
    report = {"executable": sys.executable, "sys_path": sys.path, "modules": []}
    for name in sys.argv[2:]:
        entry = {"module": name}
        entry.update(locate(name))
        origin = entry.get("origin")
        entry["inside"] = bool(origin) and not entry.get("builtin") and inside(origin, checkout)
        if origin and not entry.get("builtin"):
            entry["origin"] = real(origin)
        report["modules"].append(entry)
    sys.stdout.flush()
    print("PRHOST_MODULE_ORIGINS " + json.dumps(report))


main()
