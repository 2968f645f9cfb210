#!/usr/bin/env bash
# Creates the bundled example repository in DIR: a small Python package
# ("shelfscan") whose history holds a base version and four kept
# optimizations (cpu, mem, async, struct) on a branch, plus the
# .codeflash/HANDOFF.md and results.tsv an optimization agent leaves behind.
# Tests and scripts/demo.sh use it; it needs only git and a shell.
set -euo pipefail
dir=${1:?usage: make-example-repo.sh DIR}
mkdir -p "$dir"
cd "$dir"
export GIT_AUTHOR_NAME="Example Dev" GIT_AUTHOR_EMAIL="dev@example.invalid"
export GIT_COMMITTER_NAME="Example Dev" GIT_COMMITTER_EMAIL="dev@example.invalid"
export GIT_CONFIG_NOSYSTEM=1
git init -q -b main
commit() { git add -A && git commit -q -m "$1" ${2:+-m "$2"}; }

mkdir -p shelfscan tests
cat > pyproject.toml <<'EOF'
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "shelfscan"
version = "0.3.0"
description = "Scan shelves of scanned pages: words, page buffers, records"
requires-python = ">=3.9"

[tool.codeflash]
module-root = "shelfscan"
tests-root = "tests"
benchmarks-root = "tests/benchmarks"
EOF
cat > shelfscan/__init__.py <<'EOF'
"""shelfscan: small utilities for scanned page text."""
EOF
cat > shelfscan/tokens.py <<'EOF'
"""Word statistics for page text."""


def count_words(text: str) -> dict:
    """Count each lower-cased word in ``text``."""
    counts = {}
    for word in text.split():
        word = word.strip(".,;:!?\"'()").lower()
        if not word:
            continue
        if word in counts:
            counts[word] = counts[word] + 1
        else:
            counts[word] = 1
    return counts
EOF
cat > shelfscan/pages.py <<'EOF'
"""Page buffers built from many small chunks."""


class PageBuffer:
    def __init__(self, lines):
        self.lines = list(lines)

    def render(self) -> bytes:
        """Encode every line, padded to 80 columns."""
        chunks = []
        for line in self.lines:
            chunks.append((line.ljust(80) + "\n").encode("utf-8"))
        copies = [bytearray(chunk) for chunk in chunks]
        return b"".join(copies)
EOF
cat > shelfscan/fetch.py <<'EOF'
"""Fetching pages from a (simulated) slow store."""
import asyncio


async def load_page(number: int) -> str:
    await asyncio.sleep(0.001)
    return f"page {number}"


async def fetch_all(numbers) -> list:
    """Load every page in ``numbers``."""
    pages = []
    for number in numbers:
        pages.append(await load_page(number))
    return pages
EOF
cat > shelfscan/records.py <<'EOF'
"""Index records, one per scanned page."""


class Record:
    def __init__(self, page: int, words: int, checksum: str):
        self.page = page
        self.words = words
        self.checksum = checksum


def build_records(count: int) -> list:
    return [Record(i, i * 3, f"{i:08x}") for i in range(count)]
EOF
cat > tests/test_shelfscan.py <<'EOF'
import asyncio

from shelfscan.fetch import fetch_all
from shelfscan.pages import PageBuffer
from shelfscan.records import build_records
from shelfscan.tokens import count_words


def test_count_words():
    assert count_words("The cat, the hat.") == {"the": 2, "cat": 1, "hat": 1}


def test_render_pads_lines():
    out = PageBuffer(["ab"]).render()
    assert out == ("ab".ljust(80) + "\n").encode()


def test_fetch_all_keeps_order():
    assert asyncio.run(fetch_all([3, 1])) == ["page 3", "page 1"]


def test_build_records():
    records = build_records(3)
    assert [r.page for r in records] == [0, 1, 2]
EOF
cat > CHANGELOG.md <<'EOF'
# Changelog

## Unreleased
EOF
commit "Initial shelfscan package"
git tag v0.3.0

git checkout -q -b codeflash/optimize
cat > shelfscan/tokens.py <<'EOF'
"""Word statistics for page text."""
from collections import Counter

_STRIP = ".,;:!?\"'()"


def count_words(text: str) -> dict:
    """Count each lower-cased word in ``text``."""
    counts = Counter(word.strip(_STRIP).lower() for word in text.split())
    counts.pop("", None)
    return dict(counts)
EOF
commit "perf: count words with collections.Counter" "The dict get/set pair per word cost two hash lookups and a Python-level
branch; Counter does the counting in C."
cpu_sha=$(git rev-parse HEAD)

cat > shelfscan/pages.py <<'EOF'
"""Page buffers built from many small chunks."""


class PageBuffer:
    def __init__(self, lines):
        self.lines = list(lines)

    def render(self) -> bytes:
        """Encode every line, padded to 80 columns."""
        return b"".join((line.ljust(80) + "\n").encode("utf-8") for line in self.lines)
EOF
commit "mem: stream page chunks instead of materializing two copies" "render() kept the list of chunks and a second list of copies alive
until the join; a generator keeps one chunk at a time, cutting peak memory."
mem_sha=$(git rev-parse HEAD)

cat > shelfscan/fetch.py <<'EOF'
"""Fetching pages from a (simulated) slow store."""
import asyncio


async def load_page(number: int) -> str:
    await asyncio.sleep(0.001)
    return f"page {number}"


async def fetch_all(numbers) -> list:
    """Load every page in ``numbers``."""
    return list(await asyncio.gather(*(load_page(number) for number in numbers)))
EOF
commit "async: gather page loads concurrently" "Pages were awaited one after another; asyncio.gather overlaps the waits."
async_sha=$(git rev-parse HEAD)

cat > shelfscan/records.py <<'EOF'
"""Index records, one per scanned page."""


class Record:
    __slots__ = ("page", "words", "checksum")

    def __init__(self, page: int, words: int, checksum: str):
        self.page = page
        self.words = words
        self.checksum = checksum


def build_records(count: int) -> list:
    return [Record(i, i * 3, f"{i:08x}") for i in range(count)]
EOF
commit "struct: give Record __slots__" "Each Record carried a per-instance __dict__; __slots__ drops it, so
building 100k records allocates less and runs faster."
struct_sha=$(git rev-parse HEAD)

mkdir -p .codeflash
cat > .codeflash/HANDOFF.md <<EOF
# Optimization handoff — shelfscan

Branch: \`codeflash/optimize\` (base: \`main\`)

## Optimizations committed

1. **${cpu_sha:0:10}**: count_words uses collections.Counter — 2.1x faster on a 1 MB page dump (domain: cpu)
2. **${mem_sha:0:10}**: PageBuffer.render streams chunks — peak memory −60% on 200k lines (domain: mem)
3. **${async_sha:0:10}**: fetch_all gathers page loads concurrently (domain: async)
4. **${struct_sha:0:10}**: Record gets \`__slots__\` (domain: struct)

## Discarded experiments

- **deadbeef12**: regex tokenizer — slower than str.split on real pages

## Files modified

- shelfscan/tokens.py, shelfscan/pages.py, shelfscan/fetch.py, shelfscan/records.py
EOF
printf 'experiment\tstatus\tpattern\ttarget\tbefore\tafter\timprovement\ttimestamp\tcommit\n' > .codeflash/results.tsv
printf 'counter\tkeep\tbuiltin-counter\tshelfscan.tokens:count_words\t41.2ms\t19.6ms\t2.10x\t2026-11-20T10:00:00Z\t%s\n' "$cpu_sha" >> .codeflash/results.tsv
printf 'regex\tdiscard\tregex-tokenize\tshelfscan.tokens:count_words\t41.2ms\t55.0ms\t0.75x\t2026-11-20T11:00:00Z\t-\n' >> .codeflash/results.tsv
printf 'stream\tkeep\tgenerator-join\tshelfscan.pages:PageBuffer.render\t120MiB\t48MiB\t-60%%\t2026-11-20T12:00:00Z\t%s\n' "$mem_sha" >> .codeflash/results.tsv
echo "example repository ready: $dir (branch codeflash/optimize, base main)" >&2
