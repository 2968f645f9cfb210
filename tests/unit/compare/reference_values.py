#!/usr/bin/env python3
"""Reference values for compare_stats_test.cpp, computed independently of the
C++ code: exact integer counts of the signed-rank null distribution (no
floating point), R's own rules for wilcox.test(x, conf.int=TRUE, exact=TRUE)
(qsignrank for k, diffs[qu] and diffs[N-qu+1], median of the Walsh averages)
and brute-force enumeration of sign flips for tied data. When scipy is
importable, the untied exact p-values are also checked against
scipy.stats.wilcoxon(method="exact").

Run: python3 tests/unit/compare/reference_values.py
"""
import itertools
import math
import statistics
from fractions import Fraction


def signrank_counts(n):
    """counts[s] = number of subsets of {1..n} summing to s (exact ints)."""
    counts = [1]
    for i in range(1, n + 1):
        new = counts + [0] * i
        for s, c in enumerate(counts):
            new[s + i] += c
        counts = new
    return counts


def psignrank(q, n):
    counts = signrank_counts(n)
    return Fraction(sum(counts[: q + 1]), 2**n) if q >= 0 else Fraction(0)


def qsignrank(p, n):
    counts = signrank_counts(n)
    cum = 0
    for q, c in enumerate(counts):
        cum += c
        if Fraction(cum, 2**n) >= p:
            return q
    return len(counts) - 1


def r_wilcox_ci(x, conf=0.95):
    n = len(x)
    alpha = Fraction(1) - Fraction(conf).limit_denominator(10**9)
    diffs = sorted((x[i] + x[j]) / 2 for i in range(n) for j in range(i, n))
    qu = qsignrank(alpha / 2, n)
    if qu == 0:
        qu = 1
    ql = n * (n + 1) // 2 - qu
    achieved_alpha = 2 * psignrank(qu - 1, n)
    return diffs[qu - 1], diffs[ql], float(1 - achieved_alpha), qu, statistics.median(diffs)


def exact_p_bruteforce(x):
    """Two-sided exact p over all sign flips, mid-ranks for ties, zeros dropped."""
    x = [v for v in x if v != 0]
    n = len(x)
    order = sorted(range(n), key=lambda i: abs(x[i]))
    rank = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and abs(x[order[j + 1]]) == abs(x[order[i]]):
            j += 1
        for k in range(i, j + 1):
            rank[order[k]] = (i + j + 2) / 2
        i = j + 1
    v = sum(r for r, val in zip(rank, x) if val > 0)
    total = n * (n + 1) / 2
    stats = [sum(r for r, s in zip(rank, signs) if s) for signs in itertools.product([0, 1], repeat=n)]
    if v > total / 2:
        tail = sum(1 for s in stats if s >= v - 1e-9)
    else:
        tail = sum(1 for s in stats if s <= v + 1e-9)
    return min(1.0, 2 * tail / 2**n), v


def normal_k(n, conf):
    from statistics import NormalDist

    mean = n * (n + 1) / 4
    sd = math.sqrt(n * (n + 1) * (2 * n + 1) / 24)
    z = NormalDist().inv_cdf(1 - (1 - conf) / 2)
    return max(1, math.ceil(mean - z * sd - 0.5))


R_DOC_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
R_DOC_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
VECTORS = {
    "r_doc_depression": [a - b for a, b in zip(R_DOC_X, R_DOC_Y)],
    "log_ratios_10": [-0.0412, -0.0305, -0.0521, 0.0113, -0.0267, -0.0448, -0.0159, -0.0376, 0.0042, -0.0601],
    "mixed_20": [0.31, -0.12, 0.05, 0.44, -0.27, 0.18, 0.09, -0.03, 0.52, 0.14,
                 -0.08, 0.26, 0.37, -0.19, 0.22, 0.61, 0.02, -0.41, 0.29, 0.11],
    "five": [0.3, -0.1, 0.2, 0.5, 0.4],
}

if __name__ == "__main__":
    try:
        import scipy.stats as st
    except ImportError:
        st = None
    for name, x in VECTORS.items():
        lo, hi, achieved, k, hl = r_wilcox_ci(x)
        p, v = exact_p_bruteforce(x)
        line = f"{name}: n={len(x)} V={v} k={k} lower={lo!r} upper={hi!r} achieved={achieved!r} HL={hl!r} p={p!r}"
        if st is not None:
            line += f" scipy_p={st.wilcoxon(x, method='exact').pvalue!r}"
        print(line)
    # 98.33% (one of three Bonferroni looks) at 10 pairs.
    lo, hi, achieved, k, _ = r_wilcox_ci(VECTORS["log_ratios_10"], 1 - 0.05 / 3)
    print(f"log_ratios_10 @98.33%: k={k} lower={lo!r} upper={hi!r} achieved={achieved!r}")
    tied = [0.1, -0.1, 0.2, 0.2, 0.0, 0.3, -0.2, 0.3, 0.3, 0.4, 0.1, 0.5]
    print(f"tied_with_zero p={exact_p_bruteforce(tied)!r}")
    # Exact k (qsignrank) versus the continuity-corrected normal k past the exact range.
    for n in (61, 80, 100):
        print(f"n={n} exact_k={max(1, qsignrank(Fraction(1, 40), n))} normal_k={normal_k(n, 0.95)}")
