"""scripts/long-functions.py can fail: it finds planted long functions (C++ and
Python) and measures the shapes that trip a text scanner — constructor
initializers, default-argument braces, braces in strings and comments, data
tables — the way clang-tidy's readability-function-size does."""

import pathlib
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "long-functions.py"


def statements(count: int, indent: str = "  ") -> str:
    return "".join(f"{indent}total += {n};\n" for n in range(count))


def python_statements(count: int) -> str:
    return "".join(f"    total += {n}\n" for n in range(count))


class LongFunctionsTest(unittest.TestCase):
    def setUp(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="long-functions-"))
        self.addCleanup(shutil.rmtree, self.dir)

    def run_script(self, *extra):
        return subprocess.run(
            [sys.executable, str(SCRIPT), *extra, str(self.dir)], capture_output=True, text=True, check=False
        )

    def write(self, name: str, text: str):
        (self.dir / name).write_text(text)

    def test_a_short_tree_passes(self):
        self.write("short.cpp", "int f() {\n" + statements(10) + "}\n")
        result = self.run_script()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout, "")

    def test_planted_cpp_function_over_the_limit_fails_and_is_named(self):
        # 80 statements: the closing brace sits 81 lines below the opening one.
        self.write("planted.cpp", "namespace a {\nint Outer::planted(int x) const {\n" + statements(80) + "}\n}\n")
        result = self.run_script()
        self.assertEqual(result.returncode, 1)
        self.assertIn("planted.cpp:2: Outer::planted is 81 lines (limit 80)", result.stdout)

    def test_a_function_of_exactly_the_limit_passes(self):
        self.write("edge.cpp", "int edge() {\n" + statements(79) + "}\n")
        self.assertEqual(self.run_script().returncode, 0)

    def test_planted_python_function_over_the_limit_fails(self):
        self.write("planted.py", "def planted():\n    total = 0\n" + python_statements(80))
        result = self.run_script()
        self.assertEqual(result.returncode, 1)
        self.assertIn("planted.py:1: planted is 81 lines (limit 80)", result.stdout)
        self.assertEqual(self.run_script("--max-lines", "81").returncode, 0)

    def test_measures_tricky_shapes_like_clang_tidy(self):
        self.write(
            "tricky.cpp",
            textwrap.dedent(
                """\
                #define BRACE {
                namespace n {
                struct Widget : Base {
                 public:
                  Widget(int a) noexcept : a_{a}, b_(a) {
                    a_ = 1;
                  }
                  int get() const { return a_; }
                };
                void with_default(std::vector<int> v = {}, const std::string& s = {}) {
                  const char* text = R"x( } } { )x";  // } in a comment
                  char c = '}';
                  /* { */
                }
                const std::array<int, 3> table{
                    1,
                    2,
                    3,
                };
                const auto lambda = [](int x) {
                  return x;
                };
                TEST(Suite, Name) {
                  EXPECT_TRUE(true);
                }
                }  // namespace n
                """
            ),
        )
        listing = self.run_script("--all").stdout
        self.assertIn("tricky.cpp:5: Widget is 2 lines", listing)
        self.assertIn("tricky.cpp:8: get is 0 lines", listing)
        self.assertIn("tricky.cpp:10: with_default is 4 lines", listing)
        self.assertIn("tricky.cpp:20: lambda is 2 lines", listing)
        self.assertIn("tricky.cpp:23: TEST(Suite, Name) is 2 lines", listing)
        self.assertNotIn("table", listing)  # data, not a function
        self.assertEqual(len(listing.splitlines()), 5, listing)

    def test_a_long_data_table_is_not_a_function(self):
        rows = "".join(f"    {{{n}, \"row {n}\"}},\n" for n in range(100))
        self.write("table.cpp", "const std::vector<Row> kRows = {\n" + rows + "};\n")
        self.assertEqual(self.run_script().returncode, 0)


if __name__ == "__main__":
    unittest.main()
