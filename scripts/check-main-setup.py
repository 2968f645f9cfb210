#!/usr/bin/env python3
"""Check that the main command's first run builds only what it needs (issue 11.9).

Runs the set-up of ``scripts/demo.sh`` (the README's main command) exactly as
a fresh machine would — ``scripts/demo.sh --setup-only`` into a new build
directory — but stops after CMake's configure step (``PRHOST_BUILD_STEP=
configure``) and installs nothing (``PRHOST_NO_INSTALL=1``). Then it reads,
through CMake's file API, every target that build directory would build, and
fails unless:

* the cache says ``PRHOST_BUILD_TESTS=OFF``;
* the only executable is ``prhost`` and the default plugins are there;
* no target comes from ``tests/`` and none links GoogleTest.

To prove the check can fail, the set-up of ``scripts/test.sh``
(``PRHOST_BUILD_TESTS=ON``) goes through the same reading and must show test
executables. Exit status 0 when both hold; the first failure is printed.

Usage: scripts/check-main-setup.py   (ctest runs it as MainSetup.builds_no_tests)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(build: Path, script: list[str], extra_env: dict[str, str]) -> None:
    """Run a set-up script into `build`, asking CMake's file API for the code model."""
    query = build / ".cmake" / "api" / "v1" / "query"
    query.mkdir(parents=True)
    (query / "codemodel-v2").touch()
    env = dict(os.environ, PRHOST_BUILD_DIR=str(build), PRHOST_BUILD_STEP="configure", PRHOST_NO_INSTALL="1",
               **extra_env)
    subprocess.run(script, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def targets(build: Path) -> list[dict]:
    """Every target of the configured tree, as the file API describes it."""
    reply = build / ".cmake" / "api" / "v1" / "reply"
    index = json.loads(max(reply.glob("index-*.json")).read_text())
    model_file = next(o["jsonFile"] for o in index["objects"] if o["kind"] == "codemodel")
    model = json.loads((reply / model_file).read_text())
    return [json.loads((reply / t["jsonFile"]).read_text()) for t in model["configurations"][0]["targets"]]


def cache_value(build: Path, name: str) -> str:
    for line in (build / "CMakeCache.txt").read_text().splitlines():
        if line.startswith(name + ":"):
            return line.split("=", 1)[1]
    return ""


def links_gtest(target: dict) -> bool:
    fragments = target.get("link", {}).get("commandFragments", [])
    return any("gtest" in fragment.get("fragment", "") for fragment in fragments)


def test_targets(all_targets: list[dict]) -> list[str]:
    """Targets that exist only for the tests: defined under tests/, or linking GoogleTest."""
    return sorted(t["name"] for t in all_targets
                  if t["paths"]["source"].split("/")[0] == "tests" or links_gtest(t))


def check_main(build: Path) -> list[str]:
    configure(build, ["scripts/demo.sh", "--setup-only"], {})
    problems = []
    if cache_value(build, "PRHOST_BUILD_TESTS") != "OFF":
        problems.append("scripts/demo.sh configures PRHOST_BUILD_TESTS=" + cache_value(build, "PRHOST_BUILD_TESTS"))
    all_targets = targets(build)
    executables = sorted(t["name"] for t in all_targets if t["type"] == "EXECUTABLE")
    if executables != ["prhost"]:
        problems.append(f"the main set-up builds executables {executables}, not only prhost")
    if not any(t["name"] == "prhost_default_plugins" for t in all_targets):
        problems.append("the main set-up does not build the default plugins (prhost_default_plugins)")
    if test_targets(all_targets):
        problems.append(f"the main set-up builds test targets: {test_targets(all_targets)[:5]}")
    return problems


def check_test_mode_differs(build: Path) -> list[str]:
    configure(build, ["scripts/bootstrap.sh"], {"PRHOST_BUILD_TESTS": "ON"})
    found = test_targets(targets(build))
    return [] if found else ["with PRHOST_BUILD_TESTS=ON the reading finds no test target: the check cannot fail"]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="prhost-main-setup-") as scratch:
        problems = check_main(Path(scratch) / "main") + check_test_mode_differs(Path(scratch) / "all")
    for problem in problems:
        print("error: " + problem, file=sys.stderr)
    if not problems:
        print("main set-up: prhost and its default plugins only, no test target (test mode has them)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
