"""LSH banding from a similarity threshold: the standard false-positive / false-negative trade-off.

With ``b`` bands of ``r`` rows, two documents of Jaccard similarity ``s`` share at least one bucket
with probability ``P(s) = 1 - (1 - s**r)**b``. The false-positive mass is the area under P below
the threshold, the false-negative mass the area above P beyond it; we choose (b, r) with
``b*r <= num_perm`` minimising ``fp_weight*FP + fn_weight*FN`` (the same criterion as datasketch).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_GRID = 1001


def collision_probability(s: np.ndarray | float, bands: int, rows: int) -> np.ndarray:
    return 1.0 - (1.0 - np.asarray(s, dtype=float) ** rows) ** bands


def _area(lo: float, hi: float, f) -> float:
    if hi <= lo:
        return 0.0
    x = np.linspace(lo, hi, _GRID)
    return float(np.trapezoid(f(x), x))


def false_positive_mass(threshold: float, bands: int, rows: int) -> float:
    return _area(0.0, threshold, lambda s: collision_probability(s, bands, rows))


def false_negative_mass(threshold: float, bands: int, rows: int) -> float:
    return _area(threshold, 1.0, lambda s: 1.0 - collision_probability(s, bands, rows))


@dataclass(frozen=True)
class LshParams:
    threshold: float
    num_perm: int
    bands: int
    rows: int
    false_positive: float
    false_negative: float


def optimal_params(threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5) -> LshParams:
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be strictly between 0 and 1")
    if num_perm < 2:
        raise ValueError("num_perm must be at least 2")
    if abs(fp_weight + fn_weight - 1.0) > 1e-9 or fp_weight < 0 or fn_weight < 0:
        raise ValueError("fp_weight and fn_weight must be non-negative and add up to 1")
    best = None
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = false_positive_mass(threshold, b, r)
            fn = false_negative_mass(threshold, b, r)
            err = fp * fp_weight + fn * fn_weight
            if best is None or err < best[0] - 1e-15:
                best = (err, b, r, fp, fn)
    _, b, r, fp, fn = best
    return LshParams(threshold, num_perm, b, r, fp, fn)


def s_curve(bands: int, rows: int, threshold: float | None = None, width: int = 60, height: int = 16) -> str:
    """An ASCII plot of P(candidate) against Jaccard similarity, the threshold marked with '|'."""
    xs = np.linspace(0.0, 1.0, width)
    ps = collision_probability(xs, bands, rows)
    grid = [[" "] * width for _ in range(height)]
    if threshold is not None:
        col = int(round(threshold * (width - 1)))
        for row in grid:
            row[col] = "|"
    for i, p in enumerate(ps):
        grid[height - 1 - int(round(p * (height - 1)))][i] = "*"
    lines = []
    for k, row in enumerate(grid):
        label = f"{1 - k / (height - 1):4.2f} " if k in (0, height // 2, height - 1) else "     "
        lines.append(label + "".join(row))
    lines.append("     " + "-" * width)
    lines.append("     0" + " " * (width // 2 - 4) + "0.5" + " " * (width - width // 2 - 3) + "1")
    lines.append("     Jaccard similarity -> probability of becoming a candidate pair")
    return "\n".join(lines)
