#!/usr/bin/env python3
"""Prepare the real-world check cases for prhost.

For every ``[[case]]`` in ``cases.toml`` (or only those named with ``--only``)
this script makes, under ``$PRHOST_REALWORLD_DIR/<id>`` (default
``/tmp/prhost-realworld``):

* a working clone of the project, made from the mirror that the agent's
  ``fetch`` tool left under ``$PRHOST_MIRRORS`` (default ``/work/.mirror``),
  with branch ``codeflash/optimize`` at the optimization commit checked out
  and branch ``main`` at its parent (the base a real optimization branch
  would have been cut from);
* the git submodules the case's tests read, filled from their own mirrors;
* a virtual environment ``.venv`` in the clone (``uv venv`` when uv is on
  PATH, else ``python -m venv``) with the case's ``install`` arguments plus
  pytest, pytest-benchmark, memray and pytest-memray installed into it;
* an untracked ``.codeflash/HANDOFF.md`` naming the commit, the target and
  the domain, as an optimization agent would leave it (it is never
  committed).

With ``--test`` it also runs the case's own tests at the parent and/or at the
commit and records the outcome. A machine-readable summary of the last run of
each case is kept in ``<dir>/prepare-summary.json``; per-step logs go to
``<dir>/logs/``.

The script cannot download anything from GitHub itself: mirrors come only
from the agent's ``fetch`` tool. When a mirror is missing the script names the
exact ``fetch`` call that brings it and skips the case.

Exit codes: 0 every selected case prepared (and its tests passed, with
--test); 1 some case failed; 2 bad command line; 3 bad cases.toml;
4 a mirror or a tool (git, python) is missing.

Python 3.11+, standard library only.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE / "cases.toml"
DEFAULT_DIR = "/tmp/prhost-realworld"
DEFAULT_MIRRORS = "/work/.mirror"
# The interpreter the cases were verified with; used when it exists.
VERIFIED_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python"

OPT_BRANCH = "codeflash/optimize"  # branch at the optimization commit
BASE_BRANCH = "main"  # branch at its parent
# Always installed next to the case's own install arguments: what the
# environment of an engineer who measures performance holds. memray is there
# because prhost (and codeflash) measure peak memory with it; without it a
# memory comparison falls back to tracemalloc, which misses allocations made
# in C, and doctor rightly flags that (mem.memray-importable) — a warning
# about this harness's venvs, not about prhost on the project.
BENCH_TOOLS = ["pytest", "pytest-benchmark", "memray", "pytest-memray"]

REQUIRED_KEYS = {
    "id": str,
    "project": str,
    "repo": str,
    "commit": str,
    "parent": str,
    "target": str,
    "kind": str,
    "domain": list,
    "build_backend": str,
    "install": list,
    "tests": list,
    "why": str,
    "notes": str,
}
OPTIONAL_KEYS = {
    "other_targets": list,
    "reached_via": str,
    "pytest_args": list,
    "submodules": list,
}
KINDS = {"function", "method", "private-method", "class"}
DOMAINS = {"cpu", "mem", "async", "struct"}
SHA_RE = re.compile(r"^[0-9a-f]{40}$")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT, EXIT_ENV = 0, 1, 2, 3, 4


class InputError(Exception):
    """cases.toml is malformed (exit 3)."""


class MissingMirror(Exception):
    """A mirror this case needs has not been fetched (exit 4)."""

    def __init__(self, repo: str, path: Path):
        super().__init__(f"mirror of {repo} not found at {path}")
        self.repo = repo
        self.path = path


class StepFailed(Exception):
    """A preparation step failed; the message says which and where the log is."""


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    id: str
    project: str
    repo: str
    commit: str
    parent: str
    target: str
    kind: str
    domain: list[str]
    build_backend: str
    install: list[str]
    tests: list[str]
    why: str
    notes: str
    other_targets: list[str] = field(default_factory=list)
    reached_via: str = ""
    pytest_args: list[str] = field(default_factory=list)
    submodules: list[dict] = field(default_factory=list)


def load_cases(path: Path) -> list[Case]:
    """Reads and checks cases.toml; raises InputError naming the bad case/key."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: {e}") from None
    raw_cases = data.get("case")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise InputError(f"{path}: no [[case]] tables")
    cases, seen = [], set()
    for n, raw in enumerate(raw_cases, 1):
        where = f"{path}: case #{n} ({raw.get('id', '?')})"
        for key, typ in REQUIRED_KEYS.items():
            if key not in raw:
                raise InputError(f"{where}: missing key '{key}'")
        for key, value in raw.items():
            typ = REQUIRED_KEYS.get(key) or OPTIONAL_KEYS.get(key)
            if typ is None:
                raise InputError(f"{where}: unknown key '{key}'")
            if not isinstance(value, typ):
                raise InputError(f"{where}: '{key}' must be a {typ.__name__}")
        if raw["id"] in seen:
            raise InputError(f"{where}: duplicate id")
        seen.add(raw["id"])
        for key in ("commit", "parent"):
            if not SHA_RE.match(raw[key]):
                raise InputError(f"{where}: '{key}' must be a full 40-digit SHA")
        if raw["kind"] not in KINDS:
            raise InputError(f"{where}: kind must be one of {sorted(KINDS)}")
        if not raw["domain"] or not set(raw["domain"]) <= DOMAINS:
            raise InputError(f"{where}: domain must be a non-empty list from {sorted(DOMAINS)}")
        if ":" not in raw["target"]:
            raise InputError(f"{where}: target must look like 'module:Qualname'")
        if raw["repo"].count("/") != 1:
            raise InputError(f"{where}: repo must be 'owner/name'")
        for sub in raw.get("submodules", []):
            if not isinstance(sub, dict) or set(sub) != {"path", "repo"}:
                raise InputError(f"{where}: each submodule needs exactly 'path' and 'repo'")
        cases.append(Case(**raw))
    return cases


# --------------------------------------------------------------------------- helpers


def mirror_path(mirrors: Path, repo: str) -> Path:
    """Where the fetch tool leaves owner/name: <mirrors>/<owner>+<name>/repo."""
    owner, name = repo.split("/")
    return mirrors / f"{owner}+{name}" / "repo"


def fetch_call(repo: str) -> str:
    return f"fetch github:{repo}"


def run(cmd: list[str], cwd: Path | None = None, log: Path | None = None,
        check: bool = True, timeout: float | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs a command; output goes to `log` (appended) or is captured.

    Raises StepFailed on a non-zero exit when `check` is set.
    """
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(cmd)}   (cwd={cwd or os.getcwd()})\n")
            out.flush()
            try:
                proc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                      text=True, timeout=timeout, env=env)
            except subprocess.TimeoutExpired:
                out.write(f"\n[prepare.py] timed out after {timeout} s\n")
                raise StepFailed(f"timed out after {timeout} s: {' '.join(cmd)} (log: {log})") from None
    else:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, env=env)
    if check and proc.returncode != 0:
        detail = f"log: {log}" if log else (proc.stderr or proc.stdout).strip()[-2000:]
        raise StepFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n  {detail}")
    return proc


def git(*args: str, cwd: Path | None = None, log: Path | None = None,
        check: bool = True) -> str:
    """Runs git and returns its stdout (stripped). Never reads global hooks."""
    cmd = ["git", "-c", "advice.detachedHead=false", *args]
    proc = run(cmd, cwd=cwd, log=None, check=False)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(cmd)}   (cwd={cwd})\n{proc.stdout}{proc.stderr}")
    if check and proc.returncode != 0:
        raise StepFailed(f"git {' '.join(args)} failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout.strip()


def clean_subject(subject: str) -> str:
    """A commit subject as an agent would write it: no leading emoji, no '(#123)'."""
    subject = re.sub(r"^[^\x00-\x7f]+", "", subject)  # leading emoji (non-ASCII symbols)
    subject = re.sub(r"\s*\(#\d+\)\s*$", "", subject)  # trailing PR number
    return subject.strip()


def pytest_summary(log: Path) -> str:
    """The last pytest summary line in a log ('N passed, M failed in Xs')."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    pattern = re.compile(r"\b(passed|failed|error|errors|no tests ran)\b")
    for line in reversed(lines):
        stripped = re.sub(r"\x1b\[[0-9;]*m", "", line).strip(" =")
        if pattern.search(stripped) and re.search(r"\bin [0-9.]+s\b", stripped):
            return stripped
    return ""


# --------------------------------------------------------------------------- steps


class Preparer:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.root = Path(args.dir)
        self.mirrors = Path(args.mirrors)
        self.logs = self.root / "logs"
        self.python = args.python
        self.use_uv = self._choose_installer(args.installer)

    # -- environment ------------------------------------------------------------

    @staticmethod
    def _choose_installer(choice: str) -> bool:
        has_uv = shutil.which("uv") is not None
        if choice == "uv" and not has_uv:
            raise StepFailed("--installer uv given but uv is not on PATH")
        return choice == "uv" or (choice == "auto" and has_uv)

    def missing_mirrors(self, case: Case) -> list[str]:
        """The owner/name of every mirror this case needs that is not here."""
        repos = [case.repo] + [s["repo"] for s in case.submodules]
        return [r for r in repos if not mirror_path(self.mirrors, r).is_dir()]

    # -- one case ---------------------------------------------------------------

    def prepare(self, case: Case) -> dict:
        """Runs every step for one case and returns its summary record."""
        dest = self.root / case.id
        log = self.logs / f"{case.id}-prepare.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"[prepare.py] {case.id} at {_dt.datetime.now().isoformat()}\n", encoding="utf-8")
        record = {
            "id": case.id,
            "clone": str(dest),
            "branch": OPT_BRANCH,
            "base_branch": BASE_BRANCH,
            "commit": case.commit,
            "parent": case.parent,
            "target": case.target,
            "python": str(dest / ".venv" / "bin" / "python"),
            "handoff": str(dest / ".codeflash" / "HANDOFF.md"),
            "cloned": False,
            "installed": None,
            "tests": {},
            "error": None,
            "log": str(log),
        }
        self._clone(case, dest, log)
        record["cloned"] = True
        self._submodules(case, dest, log)
        self._handoff(case, dest)
        if not self.args.no_install:
            self._venv(case, dest)
            record["installed"] = True
        if self.args.test != "none":
            refs = {"parent": [case.parent], "commit": [case.commit],
                    "both": [case.parent, case.commit]}[self.args.test]
            for ref in refs:
                label = "parent" if ref == case.parent else "commit"
                record["tests"][label] = self._tests(case, dest, ref, label)
        return record

    def _clone(self, case: Case, dest: Path, log: Path) -> None:
        """Clone (or reuse) and put the two branches in place."""
        mirror = mirror_path(self.mirrors, case.repo)
        # The commit must be in the mirror, and its first parent must be `parent`.
        if git("cat-file", "-t", case.commit, cwd=mirror, check=False) != "commit":
            raise StepFailed(f"{case.commit} is not a commit in {mirror}; "
                             f"the snapshot may be older than the case: {fetch_call(case.repo)}")
        real_parent = git("rev-parse", f"{case.commit}^", cwd=mirror)
        if real_parent != case.parent:
            raise StepFailed(f"cases.toml says parent {case.parent} but {case.commit}^ is {real_parent}")

        if dest.exists() and self.args.force:
            shutil.rmtree(dest)
        if dest.exists():
            if not (dest / ".git").exists():
                raise StepFailed(f"{dest} exists and is not a git clone; remove it or use --force")
            origin = git("remote", "get-url", "origin", cwd=dest, check=False)
            if Path(origin).resolve() != mirror.resolve():
                raise StepFailed(f"{dest} is a clone of {origin}, not of {mirror}; use --force")
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            git("clone", "--quiet", "--no-checkout", str(mirror), str(dest), log=log)

        # A local identity, so that prhost's own temporary commits or
        # cherry-picks (doctor repairs) work in the clone.
        git("config", "user.name", "prhost realworld", cwd=dest)
        git("config", "user.email", "realworld@prhost.invalid", cwd=dest)
        # Keep the venv out of `git status` without touching any tracked file.
        exclude = dest / ".git" / "info" / "exclude"
        exclude.parent.mkdir(parents=True, exist_ok=True)
        text = exclude.read_text(encoding="utf-8") if exclude.exists() else ""
        if "/.venv/" not in text.splitlines():
            exclude.write_text(text + ("\n" if text and not text.endswith("\n") else "")
                               + "# prepare.py\n/.venv/\n", encoding="utf-8")

        # Check out the optimization commit on its branch, discarding leftovers.
        git("checkout", "--quiet", "--force", "-B", OPT_BRANCH, case.commit, cwd=dest, log=log)
        git("clean", "-ffdq", "-e", ".codeflash/", cwd=dest, log=log)
        # `main` = the parent, as if the branch had been cut from main there.
        # The clone's own default branch (master, or main at the newest
        # upstream commit) would only mislead a base-vs-head comparison.
        for branch in git("for-each-ref", "--format=%(refname:short)", "refs/heads/", cwd=dest).split():
            if branch not in (OPT_BRANCH, BASE_BRANCH):
                git("branch", "-D", branch, cwd=dest, log=log)
        git("branch", "-f", BASE_BRANCH, case.parent, cwd=dest, log=log)

    def _submodules(self, case: Case, dest: Path, log: Path) -> None:
        """Fill the submodules the tests need from their fetched mirrors."""
        if not case.submodules:
            return
        names = {}
        if (dest / ".gitmodules").exists():
            listing = git("config", "-f", ".gitmodules", "--get-regexp", r"^submodule\..*\.path$",
                          cwd=dest, check=False)
            for line in listing.splitlines():
                key, _, path = line.partition(" ")
                names[path] = key[len("submodule."):-len(".path")]
        for sub in case.submodules:
            path, repo = sub["path"], sub["repo"]
            if path not in names:
                raise StepFailed(f"{path} is not a submodule in .gitmodules at {case.commit[:10]}")
            name = names[path]
            git("submodule", "init", "--", path, cwd=dest, log=log)
            git("config", f"submodule.{name}.url", str(mirror_path(self.mirrors, repo)), cwd=dest)
            # A local mirror is a "file" transport, which git refuses for
            # submodules unless allowed explicitly.
            git("-c", "protocol.file.allow=always", "submodule", "update", "--checkout",
                "--force", "--", path, cwd=dest, log=log)

    def _handoff(self, case: Case, dest: Path) -> None:
        """Writes .codeflash/HANDOFF.md (untracked) naming the kept optimization."""
        subject = clean_subject(git("log", "-1", "--format=%s", case.commit, cwd=dest))
        files = git("diff", "--name-only", case.parent, case.commit, cwd=dest).splitlines()
        short = case.commit[:10]
        domains = ", ".join(case.domain)
        lines = [
            f"# Optimization handoff — {case.project}",
            "",
            f"Branch: `{OPT_BRANCH}` (base: `{BASE_BRANCH}`)",
            "",
            "## Optimizations committed",
            "",
            f"1. **{short}**: `{case.target}` — {subject} (domain: {domains})",
            "",
            "## Files modified",
            "",
            *[f"- {f}" for f in files],
            "",
        ]
        handoff = dest / ".codeflash" / "HANDOFF.md"
        handoff.parent.mkdir(parents=True, exist_ok=True)
        handoff.write_text("\n".join(lines), encoding="utf-8")

    def _venv(self, case: Case, dest: Path) -> None:
        """Creates .venv (if missing) and installs the case's install list into it."""
        log = self.logs / f"{case.id}-install.log"
        log.write_text("", encoding="utf-8")
        venv = dest / ".venv"
        vpython = venv / "bin" / "python"
        if venv.exists() and (self.args.force or not vpython.exists()):
            shutil.rmtree(venv)
        if not venv.exists():
            if self.use_uv:
                run(["uv", "venv", "--quiet", "--python", self.python, str(venv)], cwd=dest, log=log)
            else:
                run([self.python, "-m", "venv", str(venv)], cwd=dest, log=log)
        # One resolver run for everything, so pins in `install` (e.g.
        # "pytest<9") also constrain the benchmark tools.
        packages = [*case.install, *BENCH_TOOLS]
        if self.use_uv:
            cmd = ["uv", "pip", "install", "--python", str(vpython), *packages]
        else:
            cmd = [str(vpython), "-m", "pip", "install", "--quiet", *packages]
        try:
            run(cmd, cwd=dest, log=log, timeout=self.args.install_timeout)
        except StepFailed as e:
            raise StepFailed(f"install failed: {e}") from None

    def _tests(self, case: Case, dest: Path, ref: str, label: str) -> dict:
        """Runs the case's tests at `ref`, then returns to the optimization branch."""
        log = self.logs / f"{case.id}-tests-{label}.log"
        log.write_text("", encoding="utf-8")
        vpython = dest / ".venv" / "bin" / "python"
        if not vpython.exists():
            return {"ref": ref, "rc": None, "ok": False, "summary": "no venv (ran with --no-install?)",
                    "log": str(log)}
        try:
            git("checkout", "--quiet", "--force", ref, cwd=dest, log=log)
            if case.submodules:
                git("-c", "protocol.file.allow=always", "submodule", "update", "--checkout",
                    "--force", cwd=dest, log=log)
            cmd = [str(vpython), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                   *case.pytest_args, *case.tests]
            env = dict(os.environ)
            env.pop("PYTHONPATH", None)
            env["VIRTUAL_ENV"] = str(dest / ".venv")
            try:
                proc = run(cmd, cwd=dest, log=log, check=False, timeout=self.args.test_timeout, env=env)
                rc = proc.returncode
            except StepFailed:
                rc = None
            summary = pytest_summary(log) or ("timed out" if rc is None else f"exit {rc}")
        finally:
            git("checkout", "--quiet", "--force", OPT_BRANCH, cwd=dest, log=log)
            if case.submodules:
                git("-c", "protocol.file.allow=always", "submodule", "update", "--checkout",
                    "--force", cwd=dest, log=log)
        return {"ref": ref, "rc": rc, "ok": rc == 0, "summary": summary, "log": str(log)}


# --------------------------------------------------------------------------- summary file


def write_summary(root: Path, records: list[dict]) -> Path:
    """Merges this run's records into <dir>/prepare-summary.json (keyed by id)."""
    path = root / "prepare-summary.json"
    data = {}
    if path.exists():
        try:
            data = {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))["cases"]}
        except (OSError, ValueError, KeyError, TypeError):
            data = {}
    for record in records:
        old = data.get(record["id"], {})
        # Keep test results from an earlier run when this one ran no tests.
        if not record.get("tests") and old.get("tests") and record.get("commit") == old.get("commit"):
            record["tests"] = old["tests"]
        data[record["id"]] = record
    root.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"generated": _dt.datetime.now().isoformat(timespec="seconds"),
                                "cases": sorted(data.values(), key=lambda r: r["id"])},
                               indent=2) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- CLI


def default_python() -> str:
    env = os.environ.get("PRHOST_REALWORLD_PYTHON")
    if env:
        return env
    return VERIFIED_PYTHON if Path(VERIFIED_PYTHON).exists() else sys.executable


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="prepare.py",
        description="Prepare the real-world prhost check cases: a clone per case "
                    "(branch codeflash/optimize at the optimization commit, main at its "
                    "parent), a .venv with the project and pytest-benchmark, and an "
                    "untracked .codeflash/HANDOFF.md.",
        epilog="examples:\n"
               "  prepare.py --check                 # which mirrors are missing, and the fetch calls\n"
               "  prepare.py                         # prepare every case\n"
               "  prepare.py --only mi-partition     # one case (repeat --only for more)\n"
               "  prepare.py --test both             # also run each case's tests at parent and commit\n"
               "  prepare.py --list                  # the cases, one a line\n"
               "\nenvironment: PRHOST_REALWORLD_DIR (default /tmp/prhost-realworld), "
               "PRHOST_MIRRORS (default /work/.mirror), PRHOST_REALWORLD_PYTHON.\n"
               "exit codes: 0 done, 1 a case failed, 2 bad command line, 3 bad cases.toml, "
               "4 missing mirror or tool.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=str(DEFAULT_CASES), help="case list (default: cases.toml beside this script)")
    parser.add_argument("--only", action="append", default=[], metavar="ID",
                        help="prepare only this case id (repeatable; comma-separated ids allowed)")
    parser.add_argument("--dir", default=os.environ.get("PRHOST_REALWORLD_DIR", DEFAULT_DIR),
                        help="where the clones go (env PRHOST_REALWORLD_DIR; default %(default)s)")
    parser.add_argument("--mirrors", default=os.environ.get("PRHOST_MIRRORS", DEFAULT_MIRRORS),
                        help="where fetched mirrors are (env PRHOST_MIRRORS; default %(default)s)")
    parser.add_argument("--python", default=default_python(),
                        help="interpreter for the venvs (env PRHOST_REALWORLD_PYTHON; default %(default)s)")
    parser.add_argument("--installer", choices=["auto", "uv", "pip"], default="auto",
                        help="uv venv + uv pip when uv is on PATH (auto), or force one")
    parser.add_argument("--test", choices=["none", "parent", "commit", "both"], default="none",
                        help="also run the case's tests at the parent, the commit, or both")
    parser.add_argument("--force", action="store_true", help="delete and remake the clone and venv")
    parser.add_argument("--no-install", action="store_true", help="clone and write HANDOFF.md only")
    parser.add_argument("--check", action="store_true",
                        help="only report missing mirrors and the fetch calls that bring them")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--install-timeout", type=float, default=900, metavar="S",
                        help="seconds one install may take (default %(default)s)")
    parser.add_argument("--test-timeout", type=float, default=1200, metavar="S",
                        help="seconds one test run may take (default %(default)s)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        cases = load_cases(Path(args.cases))
    except InputError as e:
        print(f"prepare.py: {e}", file=sys.stderr)
        return EXIT_INPUT

    wanted = [i for item in args.only for i in item.split(",") if i]
    if wanted:
        known = {c.id for c in cases}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            print(f"prepare.py: unknown case id(s): {', '.join(unknown)}; "
                  f"known: {', '.join(sorted(known))}", file=sys.stderr)
            return EXIT_USAGE
        cases = [c for c in cases if c.id in wanted]

    if args.list:
        for c in cases:
            print(f"{c.id:28} {c.project:16} {c.kind:15} {','.join(c.domain):10} {c.target}")
        return EXIT_OK

    if shutil.which("git") is None:
        print("prepare.py: git is not on PATH", file=sys.stderr)
        return EXIT_ENV
    try:
        preparer = Preparer(args)
    except StepFailed as e:
        print(f"prepare.py: {e}", file=sys.stderr)
        return EXIT_ENV
    if not args.check and not args.no_install and not Path(args.python).exists() \
            and shutil.which(args.python) is None:
        print(f"prepare.py: interpreter {args.python} not found (set --python)", file=sys.stderr)
        return EXIT_ENV

    # Mirrors first: they can only be brought by the agent's fetch tool.
    missing = {}
    for c in cases:
        for repo in preparer.missing_mirrors(c):
            missing.setdefault(repo, []).append(c.id)
    if missing:
        print(f"missing mirrors under {preparer.mirrors} (the agent's fetch tool brings them):",
              file=sys.stderr)
        for repo, ids in sorted(missing.items()):
            print(f"  {fetch_call(repo):45} # needed by {', '.join(ids)}", file=sys.stderr)
    if args.check:
        if not missing:
            print(f"all {len(cases)} case(s) have their mirrors under {preparer.mirrors}")
        return EXIT_ENV if missing else EXIT_OK

    records, failed = [], []
    ready = [c for c in cases if not preparer.missing_mirrors(c)]
    for n, case in enumerate(ready, 1):
        print(f"[{n}/{len(ready)}] {case.id}: {case.repo} @ {case.commit[:10]} -> "
              f"{preparer.root / case.id}", flush=True)
        try:
            record = preparer.prepare(case)
        except (StepFailed, OSError) as e:
            record = {"id": case.id, "clone": str(preparer.root / case.id), "commit": case.commit,
                      "parent": case.parent, "error": str(e), "tests": {}}
            print(f"    FAILED: {e}", flush=True)
            failed.append(case.id)
        else:
            status = "installed" if record["installed"] else "cloned (no install)"
            print(f"    {status}; HANDOFF.md written; python {record['python']}", flush=True)
            for label, result in record["tests"].items():
                mark = "ok" if result["ok"] else "FAILED"
                print(f"    tests at {label} ({result['ref'][:10]}): {mark} — {result['summary']}",
                      flush=True)
                if not result["ok"]:
                    failed.append(f"{case.id} (tests at {label})")
        records.append(record)

    summary = write_summary(preparer.root, records)
    print(f"\nsummary: {summary}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return EXIT_FAILED
    if missing:
        return EXIT_ENV
    print(f"prepared {len(ready)} case(s) under {preparer.root}")
    return EXIT_OK


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
