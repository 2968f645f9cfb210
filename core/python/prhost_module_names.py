"""The one rule prhost uses to name the module a Python file defines.

Shared by every embedded helper (changed_functions, bench_analysis), so one
file never gets two module names: the name inventory records is the name
bench imports.
"""

import os


def module_name(root, path):
    """Dotted module name for `path` (relative to `root`).

    Packages are found by walking up from the file while directories hold an
    __init__.py; the first directory without one is the import root. Without
    any __init__.py (namespace packages, scripts) a leading `src/` (or the
    last `src/` component, in monorepos) is the import root, else the project
    root is.
    """
    parts = path.replace(os.sep, "/").split("/")
    stem = parts[-1]
    for suffix in (".pyi", ".py"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    directories = parts[:-1]

    package_depth = 0
    for depth in range(len(directories), 0, -1):
        init = os.path.join(root, *directories[:depth], "__init__.py")
        if os.path.isfile(init):
            package_depth += 1
        else:
            break

    if package_depth > 0:
        package = directories[len(directories) - package_depth:]
    elif "src" in directories:
        last_src = len(directories) - 1 - directories[::-1].index("src")
        package = directories[last_src + 1:]
    else:
        package = directories

    names = list(package)
    if stem != "__init__":
        names.append(stem)
    return ".".join(name for name in names if name) or stem
