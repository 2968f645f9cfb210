"""scripts/peer_verdicts.py reads each peer's own output as bench-peers.py
needs it: pyperf compare_to text and a codeflash compare report as recorded
on 2026-12-04 (the "faster" pyperf line and the 4-digit speedup edited in, in
the tools' own format), pytest-benchmark's saved stats, and the upper bound
that `prhost calibrate` prints for the same counts."""

import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))

from peer_verdicts import (parse_codeflash_markdown, parse_pyperf_compare, pytest_benchmark_ratios,  # noqa: E402
                           upper95, verdict_of_ratio)

PYPERF_TWO = """\
f0: Mean +- std dev: [pp-base] 10.5 ms +- 2.9 ms -> [pp-head] 12.0 ms +- 1.4 ms: 1.14x slower
f1: Mean +- std dev: [pp-base] 12.2 ms +- 1.7 ms -> [pp-head] 6.10 ms +- 0.3 ms: 2.00x faster

Geometric mean: 1.21x slower
"""

PYPERF_HIDDEN = """\
Benchmark hidden because not significant (2): f0, f1

Geometric mean: no change
"""

PYPERF_ONE_MEMORY = ("Mean +- std dev: [ppm-main] 71.7 MiB +- 24.4 KiB -> [ppm-optimized] 21.7 MiB +- 37.6 KiB: "
                     "3.31x faster\n")

CODEFLASH = """\
## Benchmark: `main` vs `optimized`

### test_benchmark_f0

| | Min | Median | Mean | OPS | Rounds |
|:---|---:|---:|---:|---:|---:|
| `main` (base) | 7,092.78μs | 7,407.69μs | 8,465.22μs | 118.13 ops/s | 138 |
| `optimized` (head) | 7,633.96μs | 8,082.03μs | 8,481.02μs | 117.91 ops/s | 126 |
| **Speedup** | **🔴 0.93x** | **🔴 0.92x** | **🔴 1.00x** | **🔴 1.00x** | |

### test_benchmark_alloc

| | Min | Median | Mean | OPS | Rounds |
|:---|---:|---:|---:|---:|---:|
| **Speedup** | **🟢 69.95x** | **🟢 1,089.73x** | **🟢 45.63x** | **🟢 45.63x** | |

#### Memory

| Ref | Peak Memory | Allocations | Delta |
|:---|---:|---:|:---|
| `main` (base) | 60.0 MiB | 1 | |
| `optimized` (head) | 10.0 MiB | 1 | 🟢 -83% |
"""


class Pyperf(unittest.TestCase):
    def test_significant_lines_give_head_over_base(self):
        found = parse_pyperf_compare(PYPERF_TWO)
        self.assertEqual(found["f0"], (1.14, "slower"))
        self.assertAlmostEqual(found["f1"][0], 0.5)
        self.assertEqual(found["f1"][1], "faster")

    def test_hidden_benchmarks_are_no_change(self):
        self.assertEqual(parse_pyperf_compare(PYPERF_HIDDEN), {"f0": (None, "no change"), "f1": (None, "no change")})

    def test_a_single_benchmark_line_has_no_name(self):
        ratio, verdict = parse_pyperf_compare(PYPERF_ONE_MEMORY, single_name="alloc")["alloc"]
        self.assertAlmostEqual(ratio, 1 / 3.31)
        self.assertEqual(verdict, "faster")


class Codeflash(unittest.TestCase):
    def test_median_speedup_and_memory_peaks(self):
        found = parse_codeflash_markdown(CODEFLASH)
        self.assertAlmostEqual(found["test_benchmark_f0"]["ratio"], 1 / 0.92)
        self.assertAlmostEqual(found["test_benchmark_alloc"]["ratio"], 1 / 1089.73)
        self.assertEqual(found["test_benchmark_alloc"]["base_peak"], 60 * 2**20)
        self.assertEqual(found["test_benchmark_alloc"]["head_peak"], 10 * 2**20)
        self.assertNotIn("base_peak", found["test_benchmark_f0"])


class PytestBenchmark(unittest.TestCase):
    def test_ratio_of_minimums_by_name(self):
        base = {"benchmarks": [{"name": "test_a", "stats": {"min": 0.010, "mean": 0.02}},
                               {"name": "test_b", "stats": {"min": 0.004, "mean": 0.005}}]}
        head = {"benchmarks": [{"name": "test_b", "stats": {"min": 0.002, "mean": 0.003}},
                               {"name": "test_a", "stats": {"min": 0.011, "mean": 0.01}}]}
        ratios = pytest_benchmark_ratios(base, head)
        self.assertAlmostEqual(ratios["test_a"], 1.1)
        self.assertAlmostEqual(ratios["test_b"], 0.5)


class Rules(unittest.TestCase):
    def test_threshold_is_five_percent_either_way(self):
        self.assertEqual(verdict_of_ratio(1.06), "slower")
        self.assertEqual(verdict_of_ratio(1.04), "no change")
        self.assertEqual(verdict_of_ratio(1 / 1.06), "faster")
        self.assertEqual(verdict_of_ratio(0.96), "no change")

    def test_upper_bound_matches_prhost_calibrate(self):
        self.assertAlmostEqual(upper95(0, 30), 0.0950, places=4)  # docs/performance.md: 0/30 -> 9.5%
        self.assertAlmostEqual(upper95(0, 100), 0.0295, places=4)  # 0/100 -> 3.0%
        self.assertAlmostEqual(upper95(1, 50), 0.0913, places=3)  # Clopper-Pearson, one-sided
        self.assertEqual(upper95(0, 0), 1.0)


if __name__ == "__main__":
    unittest.main()
