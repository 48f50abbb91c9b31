"""Peer: train a fastText supervised model with fastText itself (fasttext-numpy2-wheel, bench venv only).

    bench/.venv/bin/python bench/peers/fasttext_supervised.py TRAIN.txt OUT.bin LR EPOCH NGRAMS DIM BUCKET

TRAIN.txt holds fastText's own format (``__label__x text`` a line). Prints the training seconds.
"""

import sys
import time

import fasttext

train, out, lr, epoch, ngrams, dim, bucket = sys.argv[1:8]
t0 = time.perf_counter()
model = fasttext.train_supervised(train, lr=float(lr), epoch=int(epoch), wordNgrams=int(ngrams), dim=int(dim),
                                  bucket=int(bucket), thread=1, verbose=0, seed=0)
seconds = time.perf_counter() - t0
model.save_model(out)
print(f"{seconds:.3f}")
