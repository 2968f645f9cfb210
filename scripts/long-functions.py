#!/usr/bin/env python3
"""Lists every function longer than the house limit (80 lines) in C++ and Python sources.

Why a script next to clang-tidy's readability-function-size: clang-tidy needs a
configured build and parses every translation unit (minutes on two cores); this
reads the files as text in well under a second, so the unit suite can run it on
every change. It measures what clang-tidy measures — the lines from a body's
opening brace to its closing one (a Python def: from the `def` line to its last
line) — and counts a lambda as part of the function that holds it. A table of
data at namespace scope (`const std::array<Rule, N> table{...};`) is data, not a
function, and is not measured.

Usage: long-functions.py [--max-lines N] [PATH ...]
PATH defaults to core, plugins and sdk under the repository. Exit status 1 when
any function is longer than N, with one `path:line: name is L lines` per offender.
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys
from dataclasses import dataclass

CPP_SUFFIXES = {".cpp", ".cc", ".cxx", ".hpp", ".hh", ".h"}
DEFAULT_ROOTS = ("core", "plugins", "sdk")
SKIPPED_DIRS = {"__pycache__", "build", ".git"}


@dataclass
class LongFunction:
    path: pathlib.Path
    line: int
    name: str
    lines: int


@dataclass
class Token:
    text: str
    line: int


# ---------------------------------------------------------------------------
# C++: a small lexer (comments, literals and preprocessor lines dropped) and a
# scope walk that knows namespaces, classes, data initializers and functions.


def _skip_raw_string(source: str, i: int) -> int:
    """`i` is at the opening quote of R"delim( ... )delim"; returns the index after it."""
    open_paren = source.index("(", i)
    closing = ")" + source[i + 1 : open_paren] + '"'
    end = source.find(closing, open_paren)
    return len(source) if end < 0 else end + len(closing)


def _skip_quoted(source: str, i: int, quote: str) -> int:
    """`i` is at an opening quote; returns the index after the closing one."""
    i += 1
    while i < len(source) and source[i] != quote:
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _is_literal_prefix(word: str) -> bool:
    return word in {"L", "u", "U", "u8", "R", "LR", "uR", "UR", "u8R"}


def cpp_tokens(source: str) -> list[Token]:
    tokens: list[Token] = []
    line, i, at_line_start = 1, 0, True
    while i < len(source):
        c = source[i]
        if c == "\n":
            line, i, at_line_start = line + 1, i + 1, True
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if c == "#" and at_line_start:  # a preprocessor line, with its continuations
            while i < len(source) and source[i] != "\n":
                if source[i] == "\\" and source.startswith("\n", i + 1):
                    line += 1
                    i += 1
                i += 1
            continue
        at_line_start = False
        start = i
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
            continue
        if source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = len(source) if end < 0 else end + 2
            line += source.count("\n", i, end)
            i = end
            continue
        if c.isalnum() or c == "_":
            while i < len(source) and (source[i].isalnum() or source[i] in "_'"):
                if source[i] == "'" and not (start < i and source[start].isdigit()):
                    break  # a digit separator lives only inside a number
                i += 1
            word = source[start:i]
            if i < len(source) and source[i] in "\"'" and _is_literal_prefix(word):
                end = _skip_raw_string(source, i) if word.endswith("R") and source[i] == '"' else None
                end = end if end is not None else _skip_quoted(source, i, source[i])
                line += source.count("\n", i, end)
                tokens.append(Token('""', line))
                i = end
                continue
            tokens.append(Token(word, line))
            continue
        if c in "\"'":
            end = _skip_quoted(source, i, c)
            line += source.count("\n", i, end)
            tokens.append(Token('""', line))
            i = end
            continue
        for punct in ("::", "->", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "|=", "&=", "[[", "]]"):
            if source.startswith(punct, i):
                tokens.append(Token(punct, line))
                i += len(punct)
                break
        else:
            tokens.append(Token(c, line))
            i += 1
    return tokens


ACCESS_WORDS = {"public", "private", "protected"}
CLASS_WORDS = {"class", "struct", "union"}
AFTER_PARAMETERS = {"const", "noexcept", "override", "final", "mutable", "&", "&&", "volatile", "throw", "try"}


def _top_level(header: list[Token]) -> list[tuple[int, Token]]:
    """The header's tokens outside parentheses and brackets, with their indexes."""
    depth, result = 0, []
    for index, token in enumerate(header):
        if token.text in "([":
            depth += 1
        elif token.text in ")]":
            depth -= 1
        elif depth == 0:
            result.append((index, token))
    return result


def _parameters_close(header: list[Token]) -> int | None:
    """Index of the `)` that closes a function's parameter list, when the header is one."""
    depth, first_group_end = 0, None
    for index, token in enumerate(header):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
            if depth == 0 and first_group_end is None:
                first_group_end = index
    return first_group_end


def _has_assignment(header: list[Token]) -> bool:
    top = _top_level(header)
    for position, (_, token) in enumerate(top):
        if token.text == "=" and not (position > 0 and top[position - 1][1].text == "operator"):
            return True
    return False


def _is_lambda_initializer(header: list[Token]) -> bool:
    texts = [token.text for token in header]
    return "=" in texts and texts[texts.index("=") + 1 : texts.index("=") + 2] == ["["]


def _function_tail_is_qualifiers(header: list[Token], close: int) -> bool:
    """After the parameter list: qualifiers, a trailing return type, or a constructor's initializers."""
    tail = [token.text for token in header[close + 1 :]]
    if not tail:
        return True
    if tail[0] in {"->", ":"}:
        return True
    depth = 0
    for text in tail:
        if text in "([":
            depth += 1
        elif text in ")]":
            depth -= 1
        elif depth == 0 and text == ":":  # `noexcept : member_(x)`: the initializers follow
            return True
        elif depth == 0 and text not in AFTER_PARAMETERS and text not in {"[[", "]]", "requires"}:
            return False
    return True


def classify_block(header: list[Token]) -> str:
    """What a `{` opened at namespace or class scope starts: namespace, class, function or data."""
    texts = [token.text for token in header]
    if "namespace" in texts or texts[:1] == ["extern"]:
        return "namespace"
    if _has_assignment(header):
        return "function" if _is_lambda_initializer(header) else "data"
    close = _parameters_close(header)
    if close is not None and _function_tail_is_qualifiers(header, close):
        return "function"
    top_words = {token.text for _, token in _top_level(header)}
    if top_words & CLASS_WORDS and "enum" not in top_words:
        return "class"
    return "data"


def _function_name(header: list[Token]) -> str:
    close = _parameters_close(header)
    texts = [token.text for token in header]
    if _is_lambda_initializer(header):  # const auto name = [](...) {
        return texts[texts.index("=") - 1]
    opening = texts.index("(") if "(" in texts else len(texts)
    name = texts[opening - 1] if opening > 0 else "?"
    for qualifier_end in range(opening - 2, 0, -2):  # Outer::Inner::name
        if texts[qualifier_end] != "::":
            break
        name = texts[qualifier_end - 1] + "::" + name
    if name.isupper() and close is not None:  # TEST(Suite, Name) and friends
        name += "(" + "".join(texts[opening + 1 : close]).replace(",", ", ") + ")"
    return name


def _is_member_initializer_brace(header: list[Token]) -> bool:
    """In `Foo() : a_{1}, b_(2) {`, the braces after `a_` initialize a member; the last opens the body."""
    close = _parameters_close(header)
    if close is None:
        return False
    after = [token.text for _, token in _top_level(header[close + 1 :])]
    return ":" in after and header[-1].text not in {")", "}"}


def _inside_parentheses(header: list[Token]) -> bool:
    """A `{` before the parameter list closes is a default argument's braces: `fix = {}`."""
    depth = 0
    for token in header:
        depth += {"(": 1, ")": -1}.get(token.text, 0)
    return depth > 0


def _matching_brace(tokens: list[Token], opening: int) -> int:
    depth = 0
    for index in range(opening, len(tokens)):
        if tokens[index].text == "{":
            depth += 1
        elif tokens[index].text == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def cpp_functions(source: str) -> list[tuple[int, str, int]]:
    """(line, name, lines) for every function body at namespace or class scope."""
    tokens = cpp_tokens(source)
    functions: list[tuple[int, str, int]] = []
    header: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.text == "{":
            if _inside_parentheses(header) or _is_member_initializer_brace(header):
                closing = _matching_brace(tokens, index)
                header.extend([Token("{", token.line), Token("}", tokens[closing].line)])
                index = closing + 1
                continue
            kind = classify_block(header)
            if kind in {"function", "data"}:
                closing = _matching_brace(tokens, index)
                if kind == "function":
                    functions.append((token.line, _function_name(header), tokens[closing].line - token.line))
                index = closing + 1
            else:  # namespaces and classes hold further declarations: walk into them
                index += 1
            header = []
            continue
        if token.text in {";", "}"} or (token.text == ":" and header and header[-1].text in ACCESS_WORDS):
            header = []
        else:
            header.append(token)
        index += 1
    return functions


# ---------------------------------------------------------------------------
# Python: the standard ast knows where each def ends.


def python_functions(source: str, path: pathlib.Path) -> list[tuple[int, str, int]]:
    tree = ast.parse(source, filename=str(path))
    return [
        (node.lineno, node.name, node.end_lineno - node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def functions_in(path: pathlib.Path) -> list[tuple[int, str, int]]:
    source = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".py":
        return python_functions(source, path)
    return cpp_functions(source)


def source_files(roots: list[pathlib.Path]) -> list[pathlib.Path]:
    files = []
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in candidates:
            if SKIPPED_DIRS & set(path.parts) or not path.is_file():
                continue
            if path.suffix in CPP_SUFFIXES or path.suffix == ".py":
                files.append(path)
    return files


def long_functions(roots: list[pathlib.Path], max_lines: int) -> list[LongFunction]:
    found = []
    for path in source_files(roots):
        for line, name, lines in functions_in(path):
            if lines > max_lines:
                found.append(LongFunction(path, line, name, lines))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-lines", type=int, default=80)
    parser.add_argument("--all", action="store_true", help="list every function with its length, longest first")
    parser.add_argument("paths", nargs="*", type=pathlib.Path)
    args = parser.parse_args()
    repo = pathlib.Path(__file__).resolve().parent.parent
    roots = args.paths or [repo / root for root in DEFAULT_ROOTS]
    if args.all:
        for item in sorted(long_functions(roots, -1), key=lambda f: -f.lines):
            print(f"{item.path}:{item.line}: {item.name} is {item.lines} lines")
        return 0
    offenders = long_functions(roots, args.max_lines)
    for item in offenders:
        print(f"{item.path}:{item.line}: {item.name} is {item.lines} lines (limit {args.max_lines})")
    if offenders:
        print(f"{len(offenders)} function(s) over {args.max_lines} lines: split them into named steps", file=sys.stderr)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
