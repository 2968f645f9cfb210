"""Which pytest plugins a project's own pytest configuration needs.

prhost runs pytest with PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, so an unrelated
plugin installed in the same interpreter (codeflash's, a plugin that imports
a newer copy of a library the project pins) cannot break a run it has
nothing to do with. Every plugin the run does need is then loaded by name
with `-p`: this module says which, and why.

A plugin is needed when the project's configuration or tests ask for it:

- `-p NAME` in addopts;
- an option in addopts (`--cov=…`, `--timeout 5`) or an ini key
  (`asyncio_mode`, `timeout`) that pytest itself does not define;
- `required_plugins`;
- a marker the tests use (`@pytest.mark.anyio`, `pytestmark = pytest.mark.asyncio`)
  that names an installed plugin;
- a fixture the tests request that neither pytest, nor the project's
  conftest.py files, nor the tests define (`mocker`, `benchmark`).

Plugins listed in a conftest's `pytest_plugins` are imported by pytest
itself, autoload or not; they are reported, not passed with -p.

Which plugin defines an option, ini key or fixture is read from the plugins
themselves: each installed `pytest11` entry point is imported (only when
something is still unexplained) and its `pytest_addoption` is run against a
recording parser. A plugin that fails to import is named with its error.

Usage:  python prhost_pytest_config.py <request.json>
        request = {"root": "/abs/project", "extra": ["pytest_benchmark.plugin"]}
Prints one JSON line: {"config_file", "addopts", "addopts_for_prhost",
"plugins": [{"module", "name", "reason", "loaded_by_addopts"}], "unavailable": [{"name", "reason", "error"}], "conftest_plugins"}.
Standard library only; Python 3.8+.
"""

import ast
import configparser
import json
import os
import re
import shlex
import sys

SKIP_DIRS = {".git", ".hg", ".venv", "venv", "env", ".tox", ".nox", "node_modules", "build", "dist", "__pycache__",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".codeflash"}
MAX_TEST_FILES = 3000

# Options of plugins that must not run inside prhost's own pytest processes:
# parallel workers hide the calls prhost records, and coverage slows every
# line and writes .coverage files into the project.
DROPPED_OPTIONS = {"-n": 1, "--numprocesses": 1, "--dist": 1, "--maxprocesses": 1, "--cov": 0, "--cov-report": 1,
                   "--cov-config": 1, "--cov-append": 0, "--cov-branch": 0, "--cov-fail-under": 1,
                   "--no-cov": 0, "--looponfail": 0, "-f": 0, "--sw": 0, "--stepwise": 0, "--lf": 0, "--ff": 0}
DROPPED_PLUGINS = {"xdist", "xdist.looponfail", "pytest_cov", "pytest_cov.plugin", "cov"}


# ------------------------------------------------------------------ config file


def _toml_loads(text):
    try:
        import tomllib  # Python 3.11+
        return tomllib.loads(text)
    except ImportError:
        try:
            import tomli
            return tomli.loads(text)
        except ImportError:
            return None


def read_config(root):
    """(path, {key: value}) of the file pytest takes its configuration from, as pytest picks it."""
    for name in ("pytest.ini", ".pytest.ini"):
        path = os.path.join(root, name)
        if os.path.isfile(path):
            return path, _ini_section(path, "pytest") or {}
    path = os.path.join(root, "pyproject.toml")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            data = _toml_loads(handle.read())
        table = (data or {}).get("tool", {}).get("pytest", {})
        if isinstance(table, dict) and isinstance(table.get("ini_options"), dict):
            return path, dict(table["ini_options"])
        if isinstance(table, dict) and table:
            return path, {k: v for k, v in table.items() if not isinstance(v, dict)}
    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        path = os.path.join(root, name)
        if os.path.isfile(path):
            found = _ini_section(path, section)
            if found is not None:
                return path, found
    return None, {}


def _ini_section(path, section):
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return None
    if not parser.has_section(section):
        return None
    return dict(parser.items(section))


def as_list(value):
    """An ini value as a list of words: TOML lists stay lists, text is split like pytest splits it."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return shlex.split(str(value))


def as_lines(value):
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def addopts(config):
    return as_list(config.get("addopts"))


def filtered_addopts(words):
    """addopts without the options prhost's own runs must not use (see DROPPED_OPTIONS)."""
    out, skip = [], 0
    for index, word in enumerate(words):
        if skip:
            skip -= 1
            continue
        name = word.split("=", 1)[0]
        if name in DROPPED_OPTIONS or name.startswith("--cov"):
            skip = DROPPED_OPTIONS.get(name, 0) if "=" not in word else 0
            continue
        if name.startswith("-n") and len(name) > 2 and name[2:].isdigit():  # -n4
            continue
        if word == "-p" and index + 1 < len(words) and words[index + 1] in DROPPED_PLUGINS:
            skip = 1
            continue
        out.append(word)
    return out


# -------------------------------------------------------------- what pytest has


class RecordingParser:
    """Stands in for pytest's Parser: records option and ini names."""

    def __init__(self):
        self.options, self.ini = set(), set()

    def addoption(self, *names, **_kwargs):
        self.options.update(names)

    def addini(self, name, *_args, **_kwargs):
        self.ini.add(name)

    def getgroup(self, *_args, **_kwargs):
        return self

    def __getattr__(self, _name):  # any other Parser method: accept and ignore
        return lambda *args, **kwargs: self


def plugin_surface(module):
    """(options, ini keys, fixture names) a plugin module defines."""
    parser = RecordingParser()
    hook = getattr(module, "pytest_addoption", None)
    if callable(hook):
        try:
            hook(parser)
        except TypeError:
            try:
                hook(parser=parser, pluginmanager=None)
            except Exception:
                pass
        except Exception:
            pass
    fixtures = set()
    for name, value in list(vars(module).items()):
        if hasattr(value, "_pytestfixturefunction") or type(value).__name__ == "FixtureFunctionDefinition":
            marker = getattr(value, "_pytestfixturefunction", None) or getattr(value, "_fixture_function_marker", None)
            fixtures.add(getattr(marker, "name", None) or name)
    return parser.options, parser.ini, fixtures


def core_surface():
    """What pytest itself defines: its built-in plugins' options, ini keys and fixtures."""
    options, ini, fixtures = set(), set(), set()
    try:
        import importlib
        from _pytest.config import default_plugins
        names = list(default_plugins) + ["main", "python", "fixtures", "terminal"]
    except Exception:
        return options, ini, fixtures
    for name in names:
        try:
            module = importlib.import_module("_pytest." + name)
        except Exception:
            continue
        found = plugin_surface(module)
        options |= found[0]
        ini |= found[1]
        fixtures |= found[2]
    fixtures |= {"request", "pytestconfig"}
    return options, ini, fixtures


def entry_points():
    try:
        from importlib.metadata import entry_points as eps
    except ImportError:
        return []
    found = eps()
    group = found.select(group="pytest11") if hasattr(found, "select") else found.get("pytest11", [])
    out = []
    for entry in group:
        dist = getattr(entry, "dist", None)
        out.append({"name": entry.name, "module": entry.value.split(":")[0],
                    "dist": getattr(dist, "name", None) or getattr(getattr(dist, "metadata", {}), "get",
                                                                    lambda _k: None)("Name")})
    return out


# ------------------------------------------------------------------- the tests


def test_files(root, config):
    paths = as_list(config.get("testpaths")) or ["."]
    seen = []
    for base in paths:
        start = os.path.join(root, base)
        for directory, dirs, files in os.walk(start):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                if name.endswith(".py") and (name.startswith("test") or name.endswith("_test.py")
                                             or name == "conftest.py"):
                    seen.append(os.path.join(directory, name))
                    if len(seen) >= MAX_TEST_FILES:
                        return seen
    return seen


MARK = re.compile(r"\bmark\.([A-Za-z_][A-Za-z0-9_]*)")


class TestFacts:
    def __init__(self):
        self.markers, self.requested, self.defined, self.conftest_plugins = set(), set(), set(), []


def read_tests(files):
    facts = TestFacts()
    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            tree = ast.parse(text)
        except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
            continue
        facts.markers.update(MARK.findall(text))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytest_plugins"
                                                    for t in node.targets):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                facts.conftest_plugins.extend([value] if isinstance(value, str) else list(value))
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = set()
            fixture = False
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                text_of = ast.unparse(target) if hasattr(ast, "unparse") else ""
                if text_of.endswith("fixture"):
                    fixture = True
                    name = _keyword(decorator, "name")
                    facts.defined.add(name or node.name)
                if text_of.endswith("parametrize") and isinstance(decorator, ast.Call) and decorator.args:
                    params.update(_parametrized_names(decorator.args[0]))
            if fixture or node.name.startswith("test"):
                args = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
                facts.requested.update(a for a in args if a not in params and a not in ("self", "cls"))
            if node.name == "pytest_generate_tests":
                facts.defined.add("*generated*")
    return facts


def _keyword(call, name):
    if not isinstance(call, ast.Call):
        return None
    for keyword in call.keywords:
        if keyword.arg == name and isinstance(keyword.value, ast.Constant):
            return keyword.value.value
    return None


def _parametrized_names(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [name.strip() for name in node.value.split(",") if name.strip()]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)]
    return []


# -------------------------------------------------------------------- the plan


class Plan:
    def __init__(self):
        self.plugins, self.unavailable, self._names = [], [], set()

    def need(self, entry, reason, by_addopts=False):
        """`by_addopts`: the project's addopts load it already; a second `-p` under
        another name would register the same module twice, which pytest refuses."""
        if entry["module"] in self._names:
            return
        self._names.add(entry["module"])
        self.plugins.append({"module": entry["module"], "name": entry["name"], "reason": reason,
                             "loaded_by_addopts": by_addopts})


def plan(root, extra=()):
    config_file, config = read_config(root)
    words = addopts(config)
    found = Plan()
    installed = entry_points()
    by_name = {e["name"]: e for e in installed}
    by_module = {e["module"]: e for e in installed}
    by_dist = {}
    for entry in installed:
        by_dist.setdefault((entry["dist"] or "").lower().replace("_", "-"), []).append(entry)

    def find(name):
        return by_name.get(name) or by_module.get(name) or by_module.get(name + ".plugin")

    for module in extra:
        entry = find(module) or {"name": module, "module": module}
        found.need(entry, "prhost's own run needs it")

    for index, word in enumerate(words):
        if word == "-p" and index + 1 < len(words):
            name = words[index + 1]
            if name.startswith("no:") or name in DROPPED_PLUGINS:
                continue
            entry = find(name)
            if entry is not None:
                found.need(entry, "addopts has `-p %s`" % name, by_addopts=True)
            # else: a module of the project (or `-p anyio` of a project that is
            # the plugin itself); pytest imports it from addopts as usual.
    for dist in as_list(config.get("required_plugins")):
        key = re.split(r"[<>=!~ ]", dist, 1)[0].lower().replace("_", "-")
        entries = by_dist.get(key, [])
        if not entries:
            found.unavailable.append({"name": dist, "reason": "required_plugins lists it", "error": "not installed"})
        for entry in entries:
            found.need(entry, "required_plugins lists %s" % dist)

    facts = read_tests(test_files(root, config))
    for marker in sorted(facts.markers):
        if marker in by_name:
            found.need(by_name[marker], "the tests use @pytest.mark.%s" % marker)

    core_options, core_ini, core_fixtures = core_surface()
    options = {w.split("=", 1)[0] for w in filtered_addopts(words) if w.startswith("-")} - core_options - {"-p"}
    ini_keys = set(config) - core_ini
    fixtures = facts.requested - facts.defined - core_fixtures
    if options or ini_keys or fixtures:
        explain(installed, options, ini_keys, fixtures, found)
    return {"config_file": config_file and os.path.relpath(config_file, root), "addopts": words,
            "addopts_for_prhost": filtered_addopts(words), "plugins": found.plugins,
            "unavailable": found.unavailable, "conftest_plugins": facts.conftest_plugins}


def explain(installed, options, ini_keys, fixtures, found):
    """Imports installed plugins to learn which one defines each unexplained option, ini key or fixture."""
    import importlib
    for entry in installed:
        if entry["module"] in DROPPED_PLUGINS or entry["name"] in DROPPED_PLUGINS:
            continue
        try:
            module = importlib.import_module(entry["module"])
        except BaseException as error:  # a broken plugin: name it, with its own error
            found.unavailable.append({"name": entry["name"], "reason": "installed pytest plugin",
                                      "error": "%s: %s" % (type(error).__name__, error)})
            continue
        their_options, their_ini, their_fixtures = plugin_surface(module)
        reasons = ["addopts uses %s" % o for o in sorted(options & their_options)]
        reasons += ["the configuration sets %s" % k for k in sorted(ini_keys & their_ini)]
        reasons += ["the tests use the fixture `%s`" % f for f in sorted(fixtures & their_fixtures)]
        if reasons:
            found.need(entry, "; ".join(reasons))


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    result = plan(request["root"], request.get("extra", []))
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
