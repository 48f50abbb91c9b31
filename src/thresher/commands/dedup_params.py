"""thresher dedup-params: the LSH bands and rows a similarity threshold implies, and their S-curve."""

from __future__ import annotations

import argparse
import sys

from thresher.steps.dedup.lsh import collision_probability, optimal_params, s_curve


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dedup-params", help="show LSH bands/rows for a near-duplicate threshold, with false positive/negative odds")
    p.add_argument("--threshold", type=float, default=0.7, help="Jaccard similarity that makes a near-duplicate (default: 0.7)")
    p.add_argument("--num-perm", type=int, default=128, help="MinHash permutations (default: 128)")
    p.add_argument("--fp-weight", type=float, default=0.5, help="weight of false positives against false negatives (default: 0.5)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        p = optimal_params(args.threshold, args.num_perm, args.fp_weight, 1.0 - args.fp_weight)
    except ValueError as exc:
        print(f"thresher: dedup-params: {exc}", file=sys.stderr)
        return 2
    print(f"threshold {p.threshold}  num_perm {p.num_perm}  ->  bands {p.bands} x rows {p.rows} ({p.bands * p.rows} slots used)")
    print(f"false-positive mass {p.false_positive:.4f} (area under the curve below the threshold)")
    print(f"false-negative mass {p.false_negative:.4f} (area above the curve beyond it)")
    print()
    print("similarity  P(candidate pair)")
    for s in sorted({0.3, 0.5, 0.6, round(p.threshold - 0.1, 3), p.threshold, round(p.threshold + 0.1, 3), 0.9, 0.95}):
        if 0 < s < 1:
            print(f"  {s:8.2f}  {float(collision_probability(s, p.bands, p.rows)):.4f}")
    print()
    print(s_curve(p.bands, p.rows, p.threshold))
    return 0
