"""What `prhost bench` needs to know about the functions it benchmarks.

prhost runs this with the project's own interpreter (its `ast` matches the
project's Python). It never imports project code: everything comes from the
source text, so analysing a project has no side effects. Input is JSON, read
from the file named by the first argument or from stdin:

    {"root": "/abs/project",
     "benchmarks_root": "tests/benchmarks",
     "targets": [{"key": "0", "file": "pkg/mod.py", "module": "pkg.mod",
                  "qualname": "Cls.method"}],
     "modules": ["numpy", "PIL", "anyio"],          # probed with find_spec
     "boundaries": ["acme_docs.ocr.OCRAgent"]}      # mock providers' dotted names

Output on stdout is JSON:

    {"modules": {"numpy": false, ...},
     "project_imports": ["anyio", ...],   # top-level modules the project's own code imports
     "tests_use_packages": true,          # the tests directory holds an __init__.py
     "targets": [{"key", "found", "error", "kind", "is_async", "params",
                  "class": {"path", "init_params", "init_known"} | null,
                  "calls": [harvest], "constructions": [harvest],
                  "boundaries": [{"boundary", "patch_targets"}],
                  "public_callers": ["pkg.mod:Cls.public"],       # a private target's nearest public callers
                  "entry_points": [{"id": "pkg.mod:Cls.public", "file": "pkg/mod.py"}],
                  "record_tests": ["tests/test_mod.py"],
                  "record_first": ["tests/test_mod.py::TestCls::test_it"]}]}  # tests that name it: run first

A harvest is one call site from the project's tests (or, "origin":
"docstring", a `>>>` example in a docstring of the function's module) whose
arguments are self-contained (literals, safe builtins, names bound to such
values in the same test): {"file", "line", "args": [arg], "kwargs": {name: arg}} with
arg = {"source", "scaled", "scale_note"}; `scaled` is a bigger version of the
value when growing it cannot change its meaning (a list of values, a text
with spaces, a bytes blob), else empty.
"""

import ast
import importlib.util
import json
import os
import sys

from prhost_module_names import module_name

SKIP_DIRS = {".git", ".hg", ".venv", "venv", "env", ".tox", ".nox", "node_modules", "build", "dist",
             "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".codeflash"}
MAX_FILES = 5000

# Builtins a harvested argument may call: they build values, nothing else.
SAFE_CALLS = {"range", "list", "dict", "tuple", "set", "frozenset", "str", "bytes", "bytearray", "int", "float",
              "bool", "len", "sorted", "reversed", "enumerate", "zip", "min", "max", "sum", "abs", "round", "chr",
              "ord"}

# Scaling targets: the sizes the default input recipes use.
TEXT_BYTES = 1_000_000
LIST_ITEMS = 100_000
BLOB_BYTES = 10 * 1024 * 1024


def walk_python_files(root, predicate):
    count = 0
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".") and not d.endswith(".egg-info"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(directory, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if predicate(rel):
                count += 1
                if count > MAX_FILES:
                    return
                yield rel


def parse(root, rel):
    try:
        with open(os.path.join(root, rel), encoding="utf-8") as handle:
            source = handle.read()
        return source, ast.parse(source, filename=rel)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None, None


def is_test_file(rel):
    name = rel.rsplit("/", 1)[-1]
    return name.startswith("test_") or name.endswith("_test.py")


def import_table(tree, module):
    """Local name -> dotted name it refers to, from the module's imports."""
    table = {}
    package = module.rsplit(".", 1)[0] if "." in module else ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    table[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    table[top] = top
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                anchor = parts[: len(parts) - node.level] if len(parts) >= node.level else []
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                if alias.name != "*":
                    table[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    return table


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def resolve(name, imports):
    if not name:
        return None
    head, _, rest = name.partition(".")
    if head in imports:
        return imports[head] + ("." + rest if rest else "")
    return None


def annotation_text(source, node):
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ast.get_source_segment(source, node) or ast.unparse(node)


def params_of(source, function, imports, module, skip_first):
    args = function.args
    result = []
    positional = list(args.posonlyargs) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    kinds = ["positional_only"] * len(args.posonlyargs) + ["positional_or_keyword"] * len(args.args)
    for arg, default, kind in zip(positional, defaults, kinds):
        result.append((arg, default, kind))
    if args.vararg:
        result.append((args.vararg, None, "var_positional"))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        result.append((arg, default, "keyword_only"))
    if args.kwarg:
        result.append((args.kwarg, None, "var_keyword"))
    if skip_first and result and result[0][2] in ("positional_only", "positional_or_keyword"):
        result = result[1:]
    out = []
    for arg, default, kind in result:
        written = annotation_text(source, arg.annotation)
        resolved = None
        if written:
            bare = written.strip().strip("'\"")
            resolved = resolve(bare, imports) or (f"{module}.{bare}" if bare and bare[0].isupper() and "[" not in bare
                                                  and "." not in bare else None)
        out.append({"name": arg.arg, "annotation": written, "resolved": resolved,
                    "default": ast.get_source_segment(source, default) if default is not None else None,
                    "kind": kind})
    return out


def find_qualname(tree, qualname):
    """The def (or, for a class target, the class) for `qualname` and the
    classes around it (outermost first)."""
    parts = qualname.split(".")
    scope, classes = tree.body, []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        match = None
        for node in scope:
            if last and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == part:
                match = node
            elif not last and isinstance(node, ast.ClassDef) and node.name == part:
                match = node
        if match is None:
            return None, classes
        if last:
            return match, classes
        classes.append(match)
        scope = match.body
    return None, classes


def decorator_names(function):
    names = []
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.append(dotted(target) or "")
    return names


def method_kind(decorators):
    for name in decorators:
        tail = name.rsplit(".", 1)[-1]
        if tail == "staticmethod":
            return "staticmethod"
        if tail == "classmethod":
            return "classmethod"
        if tail in ("property", "cached_property"):
            return "property"
    return "method"


DATACLASS_DECORATORS = {"dataclass", "dataclasses.dataclass", "attr.s", "attrs.define", "attr.define", "define",
                        "frozen", "attrs.frozen"}


def class_init(source, cls, imports, module):
    """The parameters that build an instance of `cls`, and whether they are known."""
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "__init__":
            return params_of(source, node, imports, module, skip_first=True), True
    decorators = {name for name in decorator_names(cls)}
    bases = [dotted(base) or "" for base in cls.bases]
    if decorators & DATACLASS_DECORATORS or any(b.endswith("NamedTuple") for b in bases):
        fields = []
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                written = annotation_text(source, node.annotation)
                if written and "ClassVar" in written:
                    continue
                bare = (written or "").strip().strip("'\"")
                fields.append({"name": node.target.id, "annotation": written,
                               "resolved": resolve(bare, imports),
                               "default": ast.get_source_segment(source, node.value) if node.value else None,
                               "kind": "positional_or_keyword"})
        return fields, True
    if not bases or all(b in ("object", "") for b in bases):
        return [], True
    return [], False  # inherits __init__ from a base we do not read


class Harvester:
    """Self-contained argument expressions from a test function's calls."""

    def __init__(self, source, tree):
        self.source = source
        self.module_bindings = self.bindings(tree.body)

    @staticmethod
    def bindings(body):
        names = {}
        for node in body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                names.setdefault(node.targets[0].id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                names.setdefault(node.target.id, []).append(node.value)
        return {name: values[0] for name, values in names.items() if len(values) == 1}

    def inline(self, node, local, depth=0):
        """Source text of `node` with local names replaced by their values, or None if not self-contained."""
        if depth > 3:
            return None
        bound = {}
        for child in ast.walk(node):
            if isinstance(child, ast.Call):
                callee = child.func
                if isinstance(callee, ast.Name) and callee.id not in SAFE_CALLS:
                    return None
                if isinstance(callee, ast.Attribute) and not isinstance(callee.value, (ast.Constant, ast.Name)):
                    return None
            if isinstance(child, (ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
                return None
        comprehension_names = {t.id for c in ast.walk(node) if isinstance(c, ast.comprehension)
                               for t in ast.walk(c.target) if isinstance(t, ast.Name)}
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and child.id not in SAFE_CALLS and child.id not in comprehension_names:
                value = local.get(child.id, self.module_bindings.get(child.id))
                if value is None or value is node:
                    return None
                text = self.inline(value, local, depth + 1)
                if text is None:
                    return None
                bound[child.id] = text
        if not bound:
            return ast.get_source_segment(self.source, node) or ast.unparse(node)

        class Substitute(ast.NodeTransformer):
            def visit_Name(self, name):
                if name.id in bound:
                    return ast.parse(f"({bound[name.id]})", mode="eval").body
                return name

        return ast.unparse(Substitute().visit(ast.parse(ast.unparse(node), mode="eval")).body)


IMMUTABLE = (int, float, complex, str, bytes, bool, type(None))


def immutable(value):
    if isinstance(value, tuple):
        return all(immutable(item) for item in value)
    return isinstance(value, IMMUTABLE)


def repeatable_list(value):
    """A list that can grow by repetition: its items are immutable (repeating
    shares them, so they must not be mutated), and it does not look like a
    point or a box (up to four numbers)."""
    if not value or len(value) >= LIST_ITEMS or not all(immutable(item) for item in value):
        return False
    numbers = all(isinstance(item, (int, float)) and not isinstance(item, bool) for item in value)
    return not (numbers and len(value) <= 4)


def scaled(text):
    """A bigger version of a harvested value, when growing it keeps its meaning."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return "", ""
    if isinstance(value, list) and repeatable_list(value):
        factor = -(-LIST_ITEMS // len(value))
        return f"({text}) * {factor}", f"list of {len(value)} repeated to {len(value) * factor:,} items"
    if isinstance(value, str) and len(value) >= 16 and (" " in value or "\n" in value) and len(value) < TEXT_BYTES:
        factor = -(-TEXT_BYTES // len(value))
        return f"({text}) * {factor}", f"text of {len(value)} chars repeated to ~{len(value) * factor // 1000:,} kB"
    if isinstance(value, bytes) and len(value) >= 16 and len(value) < BLOB_BYTES:
        factor = -(-BLOB_BYTES // len(value))
        return f"({text}) * {factor}", f"{len(value)} bytes repeated to ~{len(value) * factor // (1024 * 1024)} MiB"
    return "", ""


def harvest_calls(source, tree, rel, match):
    """Calls in test functions for which match(call) is True, with self-contained arguments."""
    harvester = Harvester(source, tree)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        local = Harvester.bindings(function.body)
        for node in ast.walk(function):
            if not isinstance(node, ast.Call) or not match(node):
                continue
            if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
                continue
            args, kwargs, complete = [], {}, True
            for arg in node.args:
                text = harvester.inline(arg, local)
                if text is None:
                    complete = False
                    break
                big, note = scaled(text)
                args.append({"source": text, "scaled": big, "scale_note": note})
            for keyword in node.keywords if complete else []:
                text = harvester.inline(keyword.value, local)
                if text is None:
                    complete = False
                    break
                big, note = scaled(text)
                kwargs[keyword.arg] = {"source": text, "scaled": big, "scale_note": note}
            if complete:
                found.append({"file": rel, "line": node.lineno, "args": args, "kwargs": kwargs})
    return found


def reached_boundaries(function, imports, params, boundaries, project_modules):
    """Inference boundaries the function reaches by name (directly or through an
    imported module), or takes as a parameter, with every name the project
    imports them under (where a mock must be patched in)."""
    referenced = set()
    for node in ast.walk(function):
        name = dotted(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if name:
            full = resolve(name, imports)
            if full:
                referenced.add(full)
    referenced.update(p["resolved"] for p in params if p["resolved"])
    reached = []
    for boundary in boundaries:
        if any(ref == boundary or ref.startswith(boundary + ".") for ref in referenced):
            patch_targets = [boundary] + [f"{m}.{local}" for m, names in project_modules.items()
                                          for local, full in names.items() if full == boundary]
            reached.append({"boundary": boundary, "patch_targets": sorted(set(patch_targets))})
    return reached


def function_call_matcher(timports, module, name):
    """Matches calls of a module-level function as a test imports it (by alias
    or through its module); None when the test imports neither."""
    aliases = {local for local, full in timports.items() if full == f"{module}.{name}"}
    modules = {local for local, full in timports.items() if full == module}
    if not aliases and not modules:
        return None

    def match(call):
        callee = call.func
        if isinstance(callee, ast.Name):
            return callee.id in aliases
        return isinstance(callee, ast.Attribute) and callee.attr == name and dotted(callee.value) in modules

    return match


def class_matchers(timports, module, owner, class_path, name, kind):
    """(construction, method_call) matchers for a class member as a test
    imports its class; None when the test imports neither class nor module."""
    owners = {local for local, full in timports.items() if full == f"{module}.{owner}"}
    modules = {local for local, full in timports.items() if full == module}
    if not owners and not modules:
        return None

    def is_class(node):
        text = dotted(node)
        if text is None:
            return False
        head, _, rest = text.partition(".")
        return (head in owners and (rest == class_path.partition(".")[2])) or \
            (head in modules and rest == class_path)

    def construction(call):
        return is_class(call.func)

    def method_call(call):
        callee = call.func
        if not isinstance(callee, ast.Attribute) or callee.attr != name:
            return False
        return kind in ("method", "property") or is_class(callee.value)

    return construction, method_call


def harvest_from_tests(root, test_files, module, function, classes, result):
    """Calls (and, for a class member, constructions) the tests write, into result."""
    name = function.name
    owner = classes[0].name if classes else None
    for rel in test_files:
        tsource, ttree = parse(root, rel)
        if ttree is None:
            continue
        timports = import_table(ttree, rel[:-3].replace("/", "."))
        if owner is None:
            match = function_call_matcher(timports, module, name)
            if match is not None:
                result["calls"].extend(harvest_calls(tsource, ttree, rel, match))
            continue
        matchers = class_matchers(timports, module, owner, result["class"]["path"], name, result["kind"])
        if matchers is None:
            continue
        construction, method_call = matchers
        result["constructions"].extend(harvest_calls(tsource, ttree, rel, construction))
        result["calls"].extend(harvest_calls(tsource, ttree, rel, method_call))


def doctest_examples(source, tree):
    """Each docstring's `>>>` examples (with their `...` continuation lines)
    as (docstring line, Python source of one function holding them)."""
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        docstring = ast.get_docstring(node, clean=True)
        if not docstring or ">>>" not in docstring:
            continue
        lines = []
        for line in docstring.splitlines():
            stripped = line.strip()
            if stripped.startswith(">>> ") or stripped.startswith("... "):
                lines.append("    " + stripped[4:])
            elif stripped in (">>>", "..."):
                lines.append("")
        first = node.body[0].lineno if getattr(node, "body", None) else 1
        yield first, "def doctest_example():\n" + "\n".join(lines) + "\n"


def harvest_from_doctests(root, target_file, module, name, result):
    """Calls of a module-level function in the docstring examples of its own
    module: doctest runs them with the module's globals, so the bare name
    counts as well as whatever the example imports."""
    source, tree = parse(root, target_file)
    if tree is None:
        return
    for line, example in doctest_examples(source, tree):
        try:
            etree = ast.parse(example)
        except SyntaxError:
            continue  # output lines or prose that looks like a prompt
        match = function_call_matcher(dict(import_table(etree, module), **{name: f"{module}.{name}"}), module, name)
        for harvest in harvest_calls(example, etree, target_file, match):
            harvest.update(line=line, origin="docstring")
            result["calls"].append(harvest)


def heaviest_first(harvests, keep=5):
    """The harvests with the most argument text (the likeliest realistic inputs)."""
    def weight(harvest):
        return -sum(len(a["scaled"] or a["source"]) for a in list(harvest["args"]) + list(harvest["kwargs"].values()))

    return sorted(harvests, key=weight)[:keep]


def analyse_target(root, target, boundaries, project_modules, test_files):
    result = {"key": target.get("key", ""), "found": False, "error": "", "kind": "function", "is_async": False,
              "params": [], "class": None, "calls": [], "constructions": [], "boundaries": []}
    source, tree = parse(root, target["file"])
    if tree is None:
        result["error"] = f"cannot parse {target['file']}"
        return result
    module, qualname = target["module"], target["qualname"]
    function, classes = find_qualname(tree, qualname)
    if function is None:
        result["error"] = f"{qualname} is not defined at the top level of {target['file']} (nested or renamed)"
        return result
    imports = import_table(tree, module)
    result["found"] = True
    if isinstance(function, ast.ClassDef):
        return analyse_class_target(root, source, function, imports, module, test_files, result)
    result["is_async"] = isinstance(function, ast.AsyncFunctionDef)
    decorators = decorator_names(function)
    if classes:
        result["kind"] = method_kind(decorators)
        init_params, known = class_init(source, classes[-1], imports, module)
        result["class"] = {"path": ".".join(c.name for c in classes), "init_params": init_params,
                           "init_known": known}
    skip_first = bool(classes) and result["kind"] != "staticmethod"
    result["params"] = params_of(source, function, imports, module, skip_first)
    result["boundaries"] = reached_boundaries(function, imports, result["params"], boundaries, project_modules)
    harvest_from_tests(root, test_files, module, function, classes, result)
    if not classes:
        harvest_from_doctests(root, target["file"], module, function.name, result)
    result["calls"] = heaviest_first(result["calls"])
    result["constructions"] = heaviest_first(result["constructions"])
    return result


def analyse_class_target(root, source, cls, imports, module, test_files, result):
    """A class target (a layout change): benchmarked like a function that
    builds instances, so its parameters are __init__'s (or the fields) and its
    call sites are the constructions the tests write."""
    result["kind"] = "class"
    result["params"], _known = class_init(source, cls, imports, module)
    harvest_from_tests(root, test_files, module, cls, [], result)
    result["calls"] = heaviest_first(result["calls"])
    return result


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def callers_of(name, project_sources):
    """Functions of the project's own code whose body mentions `name` (a call,
    a method lookup, a reference), as (module, qualname, bare name, file)."""
    found = []
    for rel, module, tree in project_sources:
        stack = [(node, "") for node in tree.body]
        while stack:
            node, prefix = stack.pop()
            if isinstance(node, ast.ClassDef):
                stack.extend((child, f"{prefix}{node.name}.") for child in node.body)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name == name:
                    continue
                for inner in ast.walk(node):
                    if (isinstance(inner, ast.Attribute) and inner.attr == name) or \
                            (isinstance(inner, ast.Name) and inner.id == name):
                        found.append((module, prefix + node.name, node.name, rel))
                        break
    return found


def public_callers(target, project_sources, depth=3):
    """For a private function or method: the nearest public functions of the
    project that reach it (a name-based call graph, up to `depth` levels), as
    {"id": "module:qualname", "file": rel}: the recorder records their calls
    when the target's own arguments cannot be pickled."""
    qualname = target["qualname"]
    name = qualname.rsplit(".", 1)[-1]
    if not is_private(name):
        return []
    frontier, seen, public = [name], {name}, {}
    for _ in range(depth):
        following = []
        for current in frontier:
            for module, caller_qualname, caller, rel in callers_of(current, project_sources):
                parts = caller_qualname.split(".")
                if any(is_private(part) for part in parts[:-1]) or caller in seen:
                    if not is_private(caller):
                        public.setdefault(f"{module}:{caller_qualname}", rel)
                    continue
                seen.add(caller)
                if is_private(caller):
                    following.append(caller)
                else:
                    public.setdefault(f"{module}:{caller_qualname}", rel)
        if public:
            break
        frontier = following
    return [{"id": caller, "file": rel} for caller, rel in list(public.items())[:8]]


def reach_words(target, callers):
    """The names a test that reaches the target is likely to write: its own,
    its class's, its public callers'."""
    parts = target["qualname"].split(".")
    words = {parts[-1]} if parts[-1] != "__init__" else set()
    if len(parts) > 1:
        words.add(parts[0])
    words.update(c.rsplit(":", 1)[-1].rsplit(".", 1)[-1] for c in callers)
    return {w for w in words if w and w != "__init__"}


def test_functions_that_mention(root, files, words, limit=50):
    """Node ids ("file::Class::test") of the test functions whose own source
    mentions one of `words`: the recorder runs them first, so a test at the
    end of a long file is not left to the time budget."""
    found = []
    for rel in files:
        source, tree = parse(root, rel)
        if tree is None:
            continue
        scopes = [(node, f"{rel}::") for node in tree.body]
        while scopes and len(found) < limit:
            node, prefix = scopes.pop(0)
            if isinstance(node, ast.ClassDef):
                scopes.extend((child, f"{prefix}{node.name}::") for child in node.body)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                text = ast.get_source_segment(source, node) or ""
                if any(word in text for word in words):
                    found.append(prefix + node.name)
    return found


def tests_that_reach(root, target, callers, test_files, limit=8):
    """Test files likely to call the target, best first: those that mention
    its name, its class or a public caller, by how often they do."""
    words = reach_words(target, callers)
    scored = []
    for rel in test_files:
        try:
            with open(os.path.join(root, rel), encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        score = sum(text.count(word) for word in words)
        scored.append((-score, rel))
    # The files that mention it first; then the rest of the suite, because a
    # function reached only through the package's API (a helper of parse())
    # is named in no test: the recorder stops as soon as it has its calls.
    ranked = [rel for score, rel in sorted(scored) if score][:limit]
    rest = [rel for score, rel in sorted(scored, key=lambda item: item[1]) if rel not in ranked]
    return ranked + rest[:200]


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            request = json.load(handle)
    else:
        request = json.load(sys.stdin)
    root = request["root"]
    # The project's own modules must be findable as they are from the
    # project root (the helper itself runs from prhost's temp directory).
    sys.path.insert(1, root)
    benchmarks_root = request.get("benchmarks_root", "tests/benchmarks").strip("/")
    boundaries = request.get("boundaries", [])

    modules = {}
    for name in request.get("modules", []):
        try:
            modules[name] = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            modules[name] = False

    def in_benchmarks(rel):
        return rel == benchmarks_root or rel.startswith(benchmarks_root + "/")

    test_files, project_modules, project_imports, project_sources = [], {}, set(), []
    for rel in walk_python_files(root, lambda rel: True):
        if in_benchmarks(rel):
            continue
        if is_test_file(rel) or rel.startswith("tests/") or rel.startswith("test/"):
            if is_test_file(rel):
                test_files.append(rel)
            continue
        source, tree = parse(root, rel)
        if tree is None:
            continue
        module = module_name(root, rel)
        project_sources.append((rel, module, tree))
        table = import_table(tree, module)
        project_imports.update(full.split(".")[0] for full in table.values())
        if boundaries:
            project_modules[module] = {local: full for local, full in table.items() if full in boundaries}

    tests_dir = os.path.dirname(os.path.join(root, benchmarks_root)) if "/" in benchmarks_root else \
        os.path.join(root, benchmarks_root)
    candidates = [tests_dir, os.path.join(root, "tests"), os.path.join(root, "test")]
    tests_use_packages = any(os.path.isfile(os.path.join(c, "__init__.py")) for c in candidates)

    targets = []
    for target in request.get("targets", []):
        result = analyse_target(root, target, boundaries, project_modules, test_files)
        result["entry_points"] = public_callers(target, project_sources)
        result["public_callers"] = [entry["id"] for entry in result["entry_points"]]
        result["record_tests"] = tests_that_reach(root, target, result["public_callers"], test_files)
        result["record_first"] = test_functions_that_mention(root, result["record_tests"][:8],
                                                             reach_words(target, result["public_callers"]))
        targets.append(result)
    sys.stdout.write("\n")
    json.dump({"modules": modules, "project_imports": sorted(project_imports),
               "tests_use_packages": tests_use_packages, "targets": targets}, sys.stdout)


if __name__ == "__main__":
    main()
