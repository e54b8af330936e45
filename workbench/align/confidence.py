"""Confidence per bead: a logistic model over the bead's evidence.

Features: bias, bead is 1-1, bead is an omission/insertion, bead is a
merge (1-2, 2-1, …), Gale-Church |z|
(capped at 6), dice x reliability, reliability, and the bead's cost. The
coefficients below were fitted by ``python bench/align.py --calibrate`` on
the demo corpus gold and its seeded perturbations (a bead counts as right
when it is exactly a gold bead); rerun it after changing the scoring and
paste the printed coefficients here. Reliability diagrams printed by the
same command show how well the probabilities hold (a bead with 0.9 should be
right about 9 times in 10). Last fit: 1,520 beads of the demo gold and three
seeded perturbations per pair (seed 7). Checked on other perturbations (seed
11): the 0.8-1.0 bin predicted 0.984 and was right 0.988 of the time. After
aligner 1.1 (a key occurrence matched once per bead, length ratio measured
again without omissions) the same coefficients are slightly cautious: 0.8-1.0
predicted 0.985, right 0.993 on the fitting data, and 0.984 against 0.997 on
the held-out perturbations (seed 20261123). Not refitted: with 11 wrong beads
left in 1,530 the fit is degenerate (it puts nearly every bead at 0.993). The
probabilities are honest but separate right from wrong beads weakly: most
wrong beads still score above the review threshold, so the review flag also
uses the bead's margin (``REVIEW_MARGIN``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# fitted by bench/align.py --calibrate (see module docstring)
COEFFICIENTS = (8.1286, 0.2266, -0.7577, 0.5312, 0.6058, -4.406, -0.5898, -0.3953)
REVIEW_THRESHOLD = 0.8
# A bead is also flagged when the cheapest local alternative (``margins.margins``: the bead cut
# in two, or fused with / re-cut against a neighbour) costs less than this many skip costs
# more than the chosen reading: half an unexplained segment. The probabilities above rank
# beads within a reading; the margin shows where two readings compete, which is where the
# wrong beads are (insertions read as half a merge, boundaries moved by one paragraph).
REVIEW_MARGIN = 0.5


def features(kind: tuple[int, int], length_z: float, dice: float, reliability: float,
             cost: float) -> tuple[float, ...]:
    a, b = kind
    one_one = float(a == 1 and b == 1)
    skip = float(a == 0 or b == 0)
    return (1.0, one_one, skip, 1.0 - one_one - skip, float(min(length_z, 6.0)),
            dice * reliability, reliability, min(cost, 30.0))


def probability(x: Sequence[float], coefficients: Sequence[float] = COEFFICIENTS) -> float:
    s = sum(c * v for c, v in zip(coefficients, x))
    if s >= 0:
        return 1.0 / (1.0 + math.exp(-s))
    e = math.exp(s)
    return e / (1.0 + e)


def fit_logistic(rows: list[Sequence[float]], labels: list[int], l2: float = 0.1,
                 iterations: int = 50) -> tuple[float, ...]:
    """Newton's method for L2-regularised logistic regression (numpy)."""
    import numpy as np

    X = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    w = np.zeros(X.shape[1])
    reg = l2 * np.eye(X.shape[1])
    reg[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + reg @ w
        hess = X.T @ (X * (p * (1 - p))[:, None]) + reg + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return tuple(round(float(v), 4) for v in w)


def reliability_table(probs: list[float], labels: list[int], bins: int = 5) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean predicted, observed right) per probability bin."""
    out = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        idx = [n for n, p in enumerate(probs) if lo <= p < hi or (k == bins - 1 and p == 1.0)]
        if idx:
            out.append((f"{lo:.1f}-{hi:.1f}", len(idx), sum(probs[n] for n in idx) / len(idx),
                        sum(labels[n] for n in idx) / len(idx)))
    return out
