"""The pure parts of scripts/bench-peers.py: turning each peer's own output
into a head/base ratio and a verdict, and the false-positive upper bound.

A ratio here is always head time / base time (or head / base peak memory):
below 1 is faster (smaller), above 1 slower (bigger). Verdicts are
"faster", "slower" or "no change"; a tool with an interval or a test
(prhost, pyperf) gives its own, the point-estimate tools (codeflash,
pytest-benchmark) get THRESHOLD on their point estimate, the margin prhost's
codeflash gate and `pytest --benchmark-compare-fail=min:5%` use.
"""
import re

THRESHOLD = 0.05

# "f0: Mean +- std dev: [base] 10.5 ms +- 2.9 ms -> [head] 12.0 ms +- 1.4 ms: 1.14x slower"
# (one benchmark per file prints the same line without the "f0: " prefix)
_PYPERF_LINE = re.compile(r"^(?:(?P<name>[^\s:]+): )?Mean \+- std dev: .* -> .*: "
                          r"(?:(?P<factor>[0-9.]+)x (?P<way>slower|faster)|no change)\s*$")
_PYPERF_HIDDEN = re.compile(r"^Benchmark hidden because not significant \(\d+\): (?P<names>.+)$")
_PYPERF_SINGLE_NOT_SIGNIFICANT = re.compile(r"^Not significant!?\s*$")
_CODEFLASH_HEADING = re.compile(r"^### (?P<name>\S+)\s*$")
_CODEFLASH_SPEEDUP = re.compile(r"^\| \*\*Speedup\*\* \|(?P<cells>.*)$")
_CODEFLASH_MEMORY = re.compile(r"^\| `[^`]+` \((?P<side>base|head)\) \| (?P<value>[0-9.,]+) (?P<unit>[KMG]?i?B) \|")
_UNITS = {"B": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30}


def verdict_of_ratio(ratio, threshold=THRESHOLD):
    """A point estimate's verdict: a change of at least `threshold` either way."""
    if ratio >= 1 + threshold:
        return "slower"
    if ratio <= 1 / (1 + threshold):
        return "faster"
    return "no change"


def parse_pyperf_compare(text, single_name="benchmark"):
    """`pyperf compare_to base.json head.json` -> {name: (ratio or None, verdict)}.
    pyperf prints only significant differences ("1.14x slower") and hides the
    others ("Benchmark hidden because not significant"): its t-test is the
    verdict, so a hidden benchmark is "no change" whatever its means."""
    found = {}
    for line in text.splitlines():
        if match := _PYPERF_LINE.match(line.strip()):
            name = match["name"] or single_name
            if match["factor"] is None:
                found[name] = (1.0, "no change")
                continue
            factor = float(match["factor"])
            found[name] = (factor, "slower") if match["way"] == "slower" else (1 / factor, "faster")
        elif match := _PYPERF_HIDDEN.match(line.strip()):
            found.update({name.strip(): (None, "no change") for name in match["names"].split(",")})
        elif _PYPERF_SINGLE_NOT_SIGNIFICANT.match(line.strip()):
            found[single_name] = (None, "no change")
    return found


def parse_codeflash_markdown(text):
    """`codeflash compare -o report.md` -> {benchmark: {"ratio": head/base from
    the median speedup, "base_peak", "head_peak": bytes when --memory}}."""
    found, current = {}, None
    for line in text.splitlines():
        if match := _CODEFLASH_HEADING.match(line):
            current = found.setdefault(match["name"], {})
        elif current is None:
            continue
        elif match := _CODEFLASH_SPEEDUP.match(line):
            cells = [cell.strip(" *") for cell in match["cells"].split("|")]
            median = cells[1].split()[-1].rstrip("x")  # "🔴 0.92x": min, median, mean, ops
            current["ratio"] = 1 / float(median.replace(",", ""))
        elif match := _CODEFLASH_MEMORY.match(line):
            value = float(match["value"].replace(",", "")) * _UNITS[match["unit"]]
            current[f"{match['side']}_peak"] = value
    return found


def pytest_benchmark_ratios(base_saved, head_saved, stat="min"):
    """Two runs saved by pytest-benchmark (--benchmark-autosave JSON, loaded)
    -> {test name: head stat / base stat}; min is what its compare table sorts
    by and what --benchmark-compare-fail=min:5% gates on."""
    base = {b["name"]: b["stats"][stat] for b in base_saved["benchmarks"]}
    return {b["name"]: b["stats"][stat] / base[b["name"]] for b in head_saved["benchmarks"] if b["name"] in base}


def binomial_cdf(k, n, p):
    """P(X <= k) for X ~ Binomial(n, p)."""
    term, total = (1 - p) ** n, 0.0
    for i in range(k + 1):
        total += term
        term *= (n - i) / (i + 1) * p / (1 - p) if p < 1 else 0.0
    return total


def upper95(k, n):
    """One-sided exact (Clopper-Pearson) 95% upper bound of a rate seen k in n
    times, as `prhost calibrate` reports it: the p at which k or fewer would
    happen only 5% of the time."""
    if n == 0:
        return 1.0
    low, high = k / n, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if binomial_cdf(k, n, middle) > 0.05 else (low, middle)
    return high
