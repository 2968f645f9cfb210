"""Find the Python functions a change touched.

prhost runs this with the project's own interpreter (so the `ast` module
matches the Python version the code is written for). Input is JSON, read from
the file named by the first argument or from stdin:

    {"root": "/abs/project",
     "files": [{"path": "src/pkg/items.py",      # relative to root
                "key": "3:src/pkg/items.py",     # optional: echoed back, to tell requests apart
                "module": "pkg.items",           # optional: computed when absent
                "source": "...",                 # optional: read from root/path when absent
                "ranges": [[12, 14], [40, 40]]}]} # changed lines, 1-based, inclusive

Output on stdout is JSON:

    {"functions": [{"key", "file", "module", "qualname", "name", "lineno",
                    "start_lineno" (first decorator), "end_lineno", "is_async",
                    "is_method", "is_nested", "class_name", "params",
                    "return_annotation", "decorators", "is_class", "layout_lines"}],
     "errors": [{"key", "file", "error"}]}

A function counts when its span, decorators included, overlaps a changed
range. Nested functions are reported with their __qualname__
(`outer.<locals>.inner`), so are the functions around them. A file that does
not parse is reported in "errors" and the others still are analysed.

A class counts too ("is_class": true, its `__init__` parameters as "params")
when the change touches the lines that run when the class is created rather
than when a method is called: its decorators, bases, `__slots__`, attributes
and field annotations ("layout_lines", the changed ones). A commit that only
adds `__slots__` changes no function, yet is the whole point of a struct
optimization. Method bodies, nested classes, the docstring, blank and
comment lines are not layout.
"""

import ast
import json
import os
import sys

from prhost_module_names import module_name

FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef)


def unparse(node, source):
    if node is None:
        return None
    if hasattr(ast, "unparse"):
        return ast.unparse(node)
    return ast.get_source_segment(source, node)


def parameters(arguments, source):
    """Every parameter in signature order, with its kind."""
    result = []
    positional = list(getattr(arguments, "posonlyargs", [])) + list(arguments.args)
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    posonly = len(getattr(arguments, "posonlyargs", []))
    for index, (arg, default) in enumerate(zip(positional, defaults)):
        kind = "positional_only" if index < posonly else "positional_or_keyword"
        result.append(describe_arg(arg, default, kind, source))
    if arguments.vararg is not None:
        result.append(describe_arg(arguments.vararg, None, "var_positional", source))
    for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        result.append(describe_arg(arg, default, "keyword_only", source))
    if arguments.kwarg is not None:
        result.append(describe_arg(arguments.kwarg, None, "var_keyword", source))
    return result


def describe_arg(arg, default, kind, source):
    return {
        "name": arg.arg,
        "annotation": unparse(arg.annotation, source),
        "default": unparse(default, source),
        "kind": kind,
    }


def collect_functions(tree):
    """Yield (node, qualname, class_name, is_method) for every function.

    Qualified names follow __qualname__: `Outer.Inner.method`,
    `function.<locals>.helper`, `Class.method.<locals>.helper`.
    """
    # (node, qualname prefix, the class whose body we are in, if any)
    stack = [(tree, "", None)]
    while stack:
        node, prefix, owner = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                stack.append((child, prefix + child.name + ".", child))
            elif isinstance(child, FUNCTION_NODES):
                qualname = prefix + child.name
                yield child, qualname, (owner.name if owner is not None else None), owner is not None
                stack.append((child, qualname + ".<locals>.", None))
            else:
                # Definitions under if/try/with blocks keep the prefix and
                # the class they sit in.
                stack.append((child, prefix, owner))


def collect_classes(tree):
    """Yield (node, qualname, is_nested) for every class; nested = inside a function."""
    stack = [(tree, "", False)]
    while stack:
        node, prefix, nested = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield child, prefix + child.name, nested
                stack.append((child, prefix + child.name + ".", nested))
            elif isinstance(child, FUNCTION_NODES):
                stack.append((child, prefix + child.name + ".<locals>.", True))
            else:
                stack.append((child, prefix, nested))


def is_docstring(node):
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def layout_lines(cls, source_lines):
    """The code lines of `cls` that run when the class statement runs."""
    start, end = span(cls)
    lines = set(range(start, end + 1))
    for node in ast.walk(cls):
        if node is not cls and isinstance(node, FUNCTION_NODES + (ast.ClassDef,)):
            first, last = span(node)
            lines -= set(range(first, last + 1))
    if cls.body and is_docstring(cls.body[0]):
        first = cls.body[0].lineno
        lines -= set(range(first, (getattr(cls.body[0], "end_lineno", None) or first) + 1))
    return {n for n in lines if n <= len(source_lines) and source_lines[n - 1].strip()
            and not source_lines[n - 1].strip().startswith("#")}


def init_parameters(cls, source):
    """The parameters that build an instance (`self` left out); [] without an own __init__."""
    for node in cls.body:
        if isinstance(node, FUNCTION_NODES) and node.name == "__init__":
            return parameters(node.args, source)[1:]
    return []


def changed_classes(tree, source, ranges, base):
    source_lines = source.splitlines()
    found = []
    for node, qualname, nested in collect_classes(tree):
        changed = sorted(n for n in layout_lines(node, source_lines) if overlaps(n, n, ranges))
        if not changed:
            continue
        start, end = span(node)
        found.append(dict(base, qualname=qualname, name=node.name, lineno=node.lineno, start_lineno=start,
                          end_lineno=end, is_async=False, is_method=False, is_nested=nested or ".<locals>." in qualname,
                          class_name=None, params=init_parameters(node, source), return_annotation=None,
                          decorators=[unparse(d, source) for d in node.decorator_list], is_class=True,
                          layout_lines=changed))
    return found


def span(node):
    start = node.lineno
    for decorator in node.decorator_list:
        start = min(start, decorator.lineno)
    end = getattr(node, "end_lineno", None)
    if end is None:  # Python < 3.8: the deepest line reached inside the node
        end = max(getattr(n, "lineno", start) for n in ast.walk(node))
    return start, end


def overlaps(start, end, ranges):
    return any(first <= end and last >= start for first, last in ranges)


def analyse(root, entry):
    path = entry["path"]
    source = entry.get("source")
    if source is None:
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as handle:
            source = handle.read()
    ranges = [(int(first), int(last)) for first, last in entry.get("ranges", [])]
    module = entry.get("module") or module_name(root, path)
    tree = ast.parse(source, filename=path)
    found = []
    for node, qualname, class_name, is_method in collect_functions(tree):
        start, end = span(node)
        if not overlaps(start, end, ranges):
            continue
        found.append(
            {
                "key": entry.get("key", path),
                "file": path,
                "module": module,
                "qualname": qualname,
                "name": node.name,
                "lineno": node.lineno,
                "start_lineno": start,
                "end_lineno": end,
                "is_async": isinstance(node, ast.AsyncFunctionDef),
                "is_method": is_method,
                "is_nested": ".<locals>." in qualname,
                "class_name": class_name,
                "params": parameters(node.args, source),
                "return_annotation": unparse(node.returns, source),
                "decorators": [unparse(d, source) for d in node.decorator_list],
                "is_class": False,
                "layout_lines": [],
            }
        )
    found.extend(changed_classes(tree, source, ranges, {"key": entry.get("key", path), "file": path, "module": module}))
    found.sort(key=lambda item: (item["lineno"], item["qualname"]))
    return found


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            request = json.load(handle)
    else:
        request = json.load(sys.stdin)
    root = request.get("root") or os.getcwd()
    functions = []
    errors = []
    for entry in request.get("files", []):
        try:
            functions.extend(analyse(root, entry))
        except SyntaxError as error:
            errors.append({"key": entry.get("key"), "file": entry.get("path"), "error": "syntax error at line %s: %s" % (error.lineno, error.msg)})
        except (OSError, ValueError, RecursionError) as error:
            errors.append({"key": entry.get("key"), "file": entry.get("path"), "error": "%s: %s" % (type(error).__name__, error)})
    json.dump({"functions": functions, "errors": errors}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
