"""Unit tests for core/python/changed_functions.py (run with python3 -m unittest)."""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HELPER = os.path.join(os.path.dirname(__file__), "..", "..", "..", "core", "python", "changed_functions.py")
sys.path.insert(0, os.path.dirname(os.path.abspath(HELPER)))

import changed_functions  # noqa: E402

SOURCE = textwrap.dedent(
    '''
    import contextlib


    def outer(n):
        def middle():
            def leaf():
                return n
            return leaf()
        return middle()


    class A:
        class B:
            @staticmethod
            @contextlib.contextmanager
            def managed(x: "int" = 3, /, *, y=None):
                yield x

        if True:
            def conditional(self):
                return 1

        try:
            async def guarded(self):
                return 2
        except Exception:
            pass


    def later():
        class Local:
            def method(self):
                return 0
        return Local
    '''
).lstrip("\n")


def lines_of(text, needle):
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


class ChangedFunctionsTest(unittest.TestCase):
    def run_helper(self, request):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(request, handle)
        try:
            out = subprocess.run([sys.executable, HELPER, handle.name], check=True, capture_output=True, text=True)
        finally:
            os.unlink(handle.name)
        return json.loads(out.stdout)

    def qualnames(self, reply):
        return [item["qualname"] for item in reply["functions"]]

    def test_nested_functions_report_their_whole_chain(self):
        leaf = lines_of(SOURCE, "return n")
        reply = self.run_helper({"root": "/nonexistent", "files": [{"path": "m.py", "source": SOURCE, "ranges": [[leaf, leaf]]}]})
        self.assertEqual(
            self.qualnames(reply),
            ["outer", "outer.<locals>.middle", "outer.<locals>.middle.<locals>.leaf"],
        )

    def test_stacked_decorators_count_as_part_of_the_function(self):
        decorator = lines_of(SOURCE, "@staticmethod")
        reply = self.run_helper({"root": "/nonexistent", "files": [{"path": "m.py", "source": SOURCE, "ranges": [[decorator, decorator]]}]})
        (managed,) = reply["functions"]
        self.assertEqual(managed["qualname"], "A.B.managed")
        self.assertTrue(managed["is_method"])
        self.assertEqual(managed["class_name"], "B")
        self.assertEqual(managed["decorators"], ["staticmethod", "contextlib.contextmanager"])
        self.assertEqual([p["kind"] for p in managed["params"]], ["positional_only", "keyword_only"])
        self.assertEqual(managed["params"][0]["default"], "3")

    def test_methods_under_if_and_try_stay_methods(self):
        first = lines_of(SOURCE, "return 1")
        second = lines_of(SOURCE, "return 2")
        reply = self.run_helper({"root": "/nonexistent", "files": [{"path": "m.py", "source": SOURCE, "ranges": [[first, first], [second, second]]}]})
        self.assertEqual(self.qualnames(reply), ["A.conditional", "A.guarded"])
        self.assertTrue(all(item["is_method"] for item in reply["functions"]))
        self.assertTrue(reply["functions"][1]["is_async"])

    def test_class_inside_function(self):
        line = lines_of(SOURCE, "return 0")
        reply = self.run_helper({"root": "/nonexistent", "files": [{"path": "m.py", "source": SOURCE, "ranges": [[line, line]]}]})
        self.assertEqual(self.qualnames(reply), ["later", "later.<locals>.Local.method"])

    def test_a_class_layout_change_lists_the_class_and_a_method_change_does_not(self):
        source = textwrap.dedent(
            '''
            @dataclasses.dataclass(slots=True)
            class Token:
                """A token."""

                __slots__ = ("kind", "text")
                kind: str

                def __init__(self, kind, text="", *, line=0):
                    self.kind = kind
                    self.text = text

                # a comment between methods

                def length(self):
                    return len(self.text)
            '''
        ).lstrip("\n")
        def reply_for(*needles):
            ranges = [[lines_of(source, n), lines_of(source, n)] for n in needles]
            return self.run_helper({"root": "/nonexistent", "files": [{"path": "tok.py", "source": source, "ranges": ranges}]})
        slots = lines_of(source, "__slots__")
        (token,) = reply_for("__slots__")["functions"]
        self.assertEqual((token["qualname"], token["is_class"], token["is_method"]), ("Token", True, False))
        self.assertEqual(token["layout_lines"], [slots])
        self.assertEqual([p["name"] for p in token["params"]], ["kind", "text", "line"])
        self.assertEqual(token["decorators"], ["dataclasses.dataclass(slots=True)"])
        self.assertEqual(self.qualnames(reply_for("dataclass(slots=True)", "kind: str")), ["Token"])
        self.assertEqual(self.qualnames(reply_for("return len")), ["Token.length"])
        self.assertEqual(self.qualnames(reply_for('"""A token."""', "# a comment")), [], "docstring and comments are not layout")

    def test_reads_the_file_from_root_when_no_source_is_given(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "src", "pkg"))
            open(os.path.join(root, "src", "pkg", "__init__.py"), "w").close()
            with open(os.path.join(root, "src", "pkg", "mod.py"), "w") as handle:
                handle.write("def f():\n    return 1\n")
            reply = self.run_helper({"root": root, "files": [{"path": "src/pkg/mod.py", "ranges": [[2, 2]]}]})
        self.assertEqual(reply["functions"][0]["module"], "pkg.mod")

    def test_syntax_error_and_missing_file_are_reported_not_raised(self):
        reply = self.run_helper(
            {"root": "/nonexistent", "files": [{"path": "bad.py", "source": "def (:", "ranges": [[1, 1]]}, {"path": "missing.py", "ranges": [[1, 1]]}]}
        )
        self.assertEqual(reply["functions"], [])
        self.assertEqual([e["file"] for e in reply["errors"]], ["bad.py", "missing.py"])

    def test_module_name_rules(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "packages", "a", "src", "alpha"))
            self.assertEqual(changed_functions.module_name(root, "packages/a/src/alpha/core.py"), "alpha.core")
            self.assertEqual(changed_functions.module_name(root, "tool.py"), "tool")
            self.assertEqual(changed_functions.module_name(root, "stubs/types.pyi"), "stubs.types")


if __name__ == "__main__":
    unittest.main()
