"""thresher's fastText trainer (train-classifier) against fastText's own, same data, same options.

On the BBC articles (../shared/data/bbc-news), for each category, a classifier "this category" vs
"the rest": 10% of each side held out (thresher's split, the same for both), the rest trained by

* thresher: ``thresher.steps.classify.fasttext_train.train`` (what ``thresher train-classifier`` runs);
* fastText 0.9.2 itself (``fasttext-numpy2-wheel`` in bench/.venv, one thread), on the same lines
  in the same order;

with the same options, and both models scored on the held-out documents by the same runtime
(fasttext-predict, which the classify step uses). Training seconds are one run each (thresher's
after a first run compiled its kernel).

    bench/.venv/bin/pip install fasttext-numpy2-wheel==0.9.2
    python bench/fasttext_train_bench.py [--lr 0.5] [--epoch 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import time
from pathlib import Path

import numpy as np

from thresher.steps.classify import fasttext_train as ft

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "bbc-news" / "articles.jsonl.gz"
VENV_PY = REPO / "bench" / ".venv" / "bin" / "python"
OUT = REPO / "bench" / "out" / "fasttext_train"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=0.5)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--bucket", type=int, default=200_000)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    articles = [json.loads(line) for line in gzip.open(BBC, "rt")]
    opts = ft.TrainOptions(lr=args.lr, epoch=args.epoch, dim=args.dim, bucket=args.bucket)
    ft.train(["warm up the kernel"] * 2, ["a", "b"], ft.TrainOptions(bucket=10, dim=4))
    print(f"lr {args.lr}, epoch {args.epoch}, word bigrams, dim {args.dim}, bucket {args.bucket:,}\n")
    print("| task (held-out docs) | thresher acc | fastText acc | same top label | thresher train s | fastText train s |")
    print("|---|---|---|---|---|---|")
    for cat in sorted({a["category"] for a in articles}):
        train_t, train_l, test_t, test_l = [], [], [], []
        for seed, (label, texts) in enumerate((("hq", [a["text"] for a in articles if a["category"] == cat]),
                                               ("lq", [a["text"] for a in articles if a["category"] != cat]))):
            tr, te = ft.split_held_out(len(texts), 0.1, seed)
            train_t += [texts[i] for i in tr]
            train_l += [label] * len(tr)
            test_t += [texts[i] for i in te]
            test_l += [label] * len(te)
        order = np.random.default_rng(0).permutation(len(train_t))
        train_t = [train_t[i] for i in order]
        train_l = [train_l[i] for i in order]
        t0 = time.perf_counter()
        model = ft.train(train_t, train_l, opts)
        ours_s = time.perf_counter() - t0
        ours = OUT / f"{cat}.thresher.bin"
        model.save(ours)
        txt = OUT / f"{cat}.train.txt"
        txt.write_text("".join(f"__label__{lab} {ft.one_line(t)}\n" for t, lab in zip(train_t, train_l)))
        peer = OUT / f"{cat}.fasttext.bin"
        done = subprocess.run([str(VENV_PY), str(REPO / "bench" / "peers" / "fasttext_supervised.py"), str(txt), str(peer),
                               str(args.lr), str(args.epoch), "2", str(args.dim), str(args.bucket)], capture_output=True, text=True, check=True)
        peer_s = float(done.stdout.strip())
        acc_ours, n = ft.accuracy(ours, test_t, test_l)
        acc_peer, _ = ft.accuracy(peer, test_t, test_l)
        import fasttext

        a, b = fasttext.load_model(str(ours)), fasttext.load_model(str(peer))
        same = np.mean([a.predict(ft.one_line(t))[0] == b.predict(ft.one_line(t))[0] for t in test_t])
        print(f"| {cat} vs rest ({n}) | {acc_ours:.3f} | {acc_peer:.3f} | {same:.3f} | {ours_s:.1f} | {peer_s:.1f} |", flush=True)


if __name__ == "__main__":
    main()
