"""Fixture projects with known effects, shared by the benchmark scripts
(bench-compare-engine.py, bench-peers.py): a package `known` whose work.py
differs between branch `main` (base) and `optimized` (head, checked out) in a
way whose true effect is known, plus the benchmark file in the working tree
only (compare injects it into both refs)."""
import os
import subprocess
from pathlib import Path

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@prhost.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@prhost.invalid"}


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True,
                          capture_output=True, text=True).stdout.strip()


def known_project(directory, base_work, head_work, benchmarked):
    """Package `known` with work.py `base_work` on main and `head_work` on branch
    `optimized` (checked out), and one benchmark per name in `benchmarked`,
    written to the working tree only (compare injects it into both refs)."""
    repo = Path(directory)
    (repo / "known").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "known"\nversion = "0.1.0"\n\n[tool.codeflash]\nbenchmarks-root = "tests/benchmarks"\n')
    (repo / "known" / "__init__.py").write_text("")
    git(repo, "init", "-q", "-b", "main")
    (repo / "known" / "work.py").write_text(base_work)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "optimized")  # main stays at base
    (repo / "known" / "work.py").write_text(head_work)
    git(repo, "commit", "-q", "--allow-empty", "-am", "head")
    bench = repo / "tests" / "benchmarks"
    bench.mkdir(parents=True)
    body = [f"from known.work import {', '.join(benchmarked)}\n"]
    for name in benchmarked:
        body.append(f"\ndef test_benchmark_{name}(benchmark):\n    benchmark({name})\n")
    (bench / "test_benchmark_known.py").write_text("".join(body))
    return repo


LOOPS = 300_000  # ~10 ms of `total += 1` on Python 3.11 here


def make_cpu_project(directory, factors, head_local="total"):
    """CPU-bound benchmarks; head runs `factor` times the loop of base. A
    `head_local` other than "total" renames the accumulator at head: the same
    bytecode but for a name, so a tool that measures only changed functions
    (codeflash) sees every function changed even when all factors are 1.0."""

    def work(scales, local):
        return "".join(f"\ndef f{i}():\n    {local} = 0\n    for _ in range({int(LOOPS * scale)}):\n"
                       f"        {local} += 1\n    return {local}\n" for i, scale in enumerate(scales))

    names = [f"f{i}" for i in range(len(factors))]
    return known_project(directory, work([1.0] * len(factors), "total"), work(factors, head_local), names)


def make_memory_project(directory, base_mib, head_mib):
    """One benchmark, alloc(), whose peak allocation is base_mib at base and
    head_mib at head (a bytearray: allocated at once, freed on return)."""

    def work(mib):
        return f"\ndef alloc():\n    data = bytearray({mib} * 1024 * 1024)\n    return len(data)\n"

    return known_project(directory, work(base_mib), work(head_mib), ["alloc"])
