"""Facts about pytest-benchmark files, read with ast (nothing is imported or run).

prhost's doctor checks judge a benchmark by what it does: which functions it
measures, what it patches and how, what stands in for real code, whether
anything allocates, and whether an event loop outlives one round. This
reader only states those facts; each check (in the plugin that owns the
knowledge) decides what is a pitfall.

Usage: python -I prhost_benchmark_facts.py FILE...   (or via -c with the source)
Output: one fact per line, tab-separated: KIND, FILE, LINE, then details.
  measured    FILE LINE NAME            a function the benchmark calls through benchmark(...)
  patch       FILE LINE TARGET ATTR FLAGS
                                        a patch/monkeypatch; TARGET is the patched object's
                                        source text (or the dotted string), ATTR the name
                                        replaced, FLAGS comma-separated: property_mock, on_type
  mock        FILE LINE WHAT ALLOCATES  a stand-in (a patch with a value, a Mock(...), a fake_ def);
                                        ALLOCATES is "yes" when its value or body allocates
  allocation  FILE LINE WHAT            an expression that allocates memory on purpose
  loop_reuse  FILE LINE LOOP            run_until_complete on a loop made outside the measured call
  error       FILE 0 MESSAGE            the file could not be read or parsed
"""

import ast
import sys

PATCH_CALLS = {"patch", "mock.patch", "unittest.mock.patch", "mocker.patch"}
PATCH_OBJECT_CALLS = {"patch.object", "mock.patch.object", "unittest.mock.patch.object", "mocker.patch.object"}
SETATTR_CALLS = {"monkeypatch.setattr"}
MOCK_CLASSES = {"Mock", "MagicMock", "AsyncMock", "NonCallableMock", "create_autospec"}
MOCK_VALUE_KEYWORDS = {"return_value", "side_effect", "new"}
FAKE_PREFIXES = ("fake_", "mock_", "stub_", "_fake", "_mock", "_stub", "dummy_")
ALLOCATORS = {"bytearray", "bytes", "zeros", "ones", "empty", "full", "array", "frombuffer", "urandom",
              "randbytes", "token_bytes", "rand", "randn", "arange"}
LOOP_MAKERS = {"asyncio.new_event_loop", "asyncio.get_event_loop", "new_event_loop", "get_event_loop"}


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def text(node, source):
    return (ast.get_source_segment(source, node) or "").replace("\t", " ").replace("\n", " ")


def string_value(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def allocates_here(node):
    """Whether the subtree holds an allocating call or a sequence repetition."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and dotted(inner.func).split(".")[-1] in ALLOCATORS:
            return True
        if isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.Mult) and (
                is_sequence(inner.left) or is_sequence(inner.right)):
            return True
    return False


def is_sequence(node):
    return isinstance(node, (ast.List, ast.Tuple)) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


class Reader(ast.NodeVisitor):
    def __init__(self, path, source):
        self.path, self.source, self.facts = path, source, []
        self.loop_names = {}  # name -> line where a loop was made outside a measured call
        self.allocating_defs = set()  # names of functions in this file whose body allocates

    def collect_bindings(self, tree):
        """Loops and allocating helpers are bound before they are used."""
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                    dotted(node.value.func) in LOOP_MAKERS:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.loop_names[target.id] = node.lineno
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and allocates_here(node):
                self.allocating_defs.add(node.name)

    def value_allocates(self, node):
        if node is None:
            return False
        if isinstance(node, ast.Name) and node.id in self.allocating_defs:
            return True
        return allocates_here(node)

    def emit(self, kind, node, *details):
        self.facts.append([kind, self.path, str(getattr(node, "lineno", 0)), *[str(d) for d in details]])

    # --- what is measured ------------------------------------------------
    def measured_call(self, call):
        name = dotted(call.func)
        if name == "benchmark" or name == "benchmark.pedantic":
            return call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "target"), None)
        return None

    def note_measured(self, target):
        if isinstance(target, ast.Lambda):
            for inner in ast.walk(target.body):
                if isinstance(inner, ast.Call) and dotted(inner.func):
                    self.emit("measured", inner, dotted(inner.func).split(".")[-1])
                    self.note_loop_use(inner)
        elif dotted(target):
            name = dotted(target)
            self.emit("measured", target, name.split(".")[-1])
            if name.endswith(".run_until_complete"):
                self.note_loop_use_name(target, name.rsplit(".", 1)[0])

    def note_loop_use(self, call):
        name = dotted(call.func)
        if name.endswith(".run_until_complete"):
            self.note_loop_use_name(call, name.rsplit(".", 1)[0])

    def note_loop_use_name(self, node, loop):
        if loop in self.loop_names:
            self.emit("loop_reuse", node, loop)

    # --- patches and stand-ins -------------------------------------------
    def note_patch(self, call, name):
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        flags = []
        if "new_callable" in keywords and dotted(keywords["new_callable"]).endswith("PropertyMock"):
            flags.append("property_mock")
        object_form = name in PATCH_OBJECT_CALLS or (
            name in SETATTR_CALLS and len(call.args) >= 2 and string_value(call.args[1]) is not None)
        if object_form:
            if len(call.args) < 2:
                return
            owner = call.args[0]
            if isinstance(owner, ast.Call) and dotted(owner.func) == "type":
                flags.append("on_type")
            target, attr = text(owner, self.source), string_value(call.args[1]) or ""
            value = call.args[2] if len(call.args) >= 3 else None
        else:
            dotted_target = string_value(call.args[0]) if call.args else string_value(keywords.get("target"))
            if not dotted_target:
                return
            target, attr = dotted_target, dotted_target.rsplit(".", 1)[-1]
            value = call.args[1] if len(call.args) >= 2 else None
        self.emit("patch", call, target, attr, ",".join(flags))
        values = [value] + [keywords[k] for k in MOCK_VALUE_KEYWORDS if k in keywords]
        values = [v for v in values if v is not None]
        if values:
            what = f"{name}({target}{', ' + attr if attr and attr not in target else ''})"
            self.emit("mock", call, what, yes_no(any(self.value_allocates(v) for v in values)))

    def visit_Call(self, call):
        name = dotted(call.func)
        measured = self.measured_call(call)
        if measured is not None:
            self.note_measured(measured)
        if name in PATCH_CALLS or name in PATCH_OBJECT_CALLS or name in SETATTR_CALLS:
            self.note_patch(call, name)
        last = name.split(".")[-1]
        if last in MOCK_CLASSES:
            values = [k.value for k in call.keywords if k.arg in MOCK_VALUE_KEYWORDS]
            self.emit("mock", call, name + "(...)", yes_no(any(self.value_allocates(v) for v in values)))
        if last in ALLOCATORS:
            self.emit("allocation", call, text(call, self.source)[:80])
        self.generic_visit(call)

    def visit_BinOp(self, node):
        # [0] * 1_000_000, b"x" * N, "a" * N: a deliberate allocation.
        if isinstance(node.op, ast.Mult) and (is_sequence(node.left) or is_sequence(node.right)):
            self.emit("allocation", node, text(node, self.source)[:80])
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if node.name.startswith(FAKE_PREFIXES):
            self.emit("mock", node, "def " + node.name, yes_no(node.name in self.allocating_defs))
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef


def yes_no(flag):
    return "yes" if flag else "no"


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            source = handle.read()
        tree = ast.parse(source, filename=path)
    except (OSError, SyntaxError, ValueError) as error:
        return [["error", path, "0", str(error).replace("\t", " ").replace("\n", " ")]]
    reader = Reader(path, source)
    reader.collect_bindings(tree)
    reader.visit(tree)
    return reader.facts


def main(paths):
    for path in paths:
        for fact in read(path):
            sys.stdout.write("\t".join(fact) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
