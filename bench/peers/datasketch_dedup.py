"""datasketch MinHashLSH clusters for bench/dedup_quality.py (runs in bench/.venv).

Word 5-grams (tokens \\w+, lower-cased), MinHash with --num-perm permutations, MinHashLSH at
--threshold; every page is queried and the results linked into connected components.
Prints JSON {"labels": {id: cluster}, "seconds": ...} to stdout.
"""

import argparse
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def shingles(text, n):
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--threshold", type=float, required=True)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--ngram", type=int, default=5)
    args = ap.parse_args()
    docs = [json.loads(line) for line in open(args.pages, encoding="utf-8")]
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    sigs = {}
    for d in docs:
        m = MinHash(num_perm=args.num_perm)
        m.update_batch(list(shingles(d["text"], args.ngram)))
        sigs[d["id"]] = m
        lsh.insert(d["id"], m)
    parent = {d["id"]: d["id"] for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in docs:
        for other in lsh.query(sigs[d["id"]]):
            a, b = find(d["id"]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    labels = {d["id"]: find(d["id"]) for d in docs}
    json.dump({"labels": labels, "seconds": time.perf_counter() - t0, "params": [lsh.b, lsh.r]}, sys.stdout)


if __name__ == "__main__":
    main()
