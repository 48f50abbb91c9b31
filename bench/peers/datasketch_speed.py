"""datasketch MinHash text -> signature speed (runs in bench/.venv): Python shingling + update_batch.
Permutations are made once and shared (MinHash.bulk), datasketch's fastest documented path."""

import argparse

from datasketch import MinHash
from minhash_speed_common import load, measure, shingles


def run(texts, num_perm=128):
    sets = [[s.encode() for s in shingles(t)] for t in texts]
    return MinHash.bulk(sets, num_perm=num_perm)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    measure(run, load(args.pages), args.repeats)
