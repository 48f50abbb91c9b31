"""rensa (Rust MinHash) text -> signature speed (runs in bench/.venv): Python shingling + RMinHash."""

import argparse

from minhash_speed_common import load, measure, shingles
from rensa import CMinHash, RMinHash


def run_r(texts, num_perm=128):
    out = []
    for t in texts:
        m = RMinHash(num_perm=num_perm, seed=42)
        m.update(shingles(t))
        out.append(m.digest())
    return out


def run_c(texts, num_perm=128):
    out = []
    for t in texts:
        m = CMinHash(num_perm=num_perm, seed=42)
        m.update(shingles(t))
        out.append(m.digest())
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--variant", choices=["r", "c"], default="r")
    args = ap.parse_args()
    measure(run_r if args.variant == "r" else run_c, load(args.pages), args.repeats)
