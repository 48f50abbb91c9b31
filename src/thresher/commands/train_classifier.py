"""thresher train-classifier POS NEG -o model.bin: a fastText quality classifier from reference data.

The DCLM recipe (word bigrams, a few epochs; see thresher.steps.classify.fasttext_train): positive
examples are labelled ``hq``, negative ones ``lq`` (``--positive-label`` / ``--negative-label``).
A share of each side (``--held-out``, 10% by default, drawn with ``--seed``) is kept out of training
and the saved model, loaded by the fastText runtime the ``classify`` step uses, is scored on it.
Then use it with::

    [[step]]
    name = "classify"
    model = "model.bin"
    label = "hq"
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from thresher.io.readers import load_reader, reader_key
from thresher.io.readers.base import ReadOptions
from thresher.stats import Stats


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train-classifier", help="train a fastText quality classifier from positive and negative examples")
    p.add_argument("positive", nargs="+", help="files of good examples (JSONL, Parquet, ...: one document a record); then NEG")
    p.add_argument("-o", "--output", required=True, help="the model file to write (fastText .bin)")
    p.add_argument("--negative", action="append", default=[], help="a file of bad examples (repeatable; default: the last positional file)")
    p.add_argument("--text-field", default="text", help="record field holding the text (default: text)")
    p.add_argument("--positive-label", default="hq", help="label of the good examples (default: hq)")
    p.add_argument("--negative-label", default="lq", help="label of the bad examples (default: lq)")
    p.add_argument("--held-out", type=float, default=0.1, help="share of each side kept out of training to report accuracy on (default: 0.1)")
    p.add_argument("--epoch", type=int, default=5, help="passes over the data (default: 5)")
    p.add_argument("--lr", type=float, default=0.5, help="learning rate (default: 0.5)")
    p.add_argument("--word-ngrams", type=int, default=2, help="word n-grams (default: 2, bigrams)")
    p.add_argument("--dim", type=int, default=64, help="embedding size (default: 64)")
    p.add_argument("--bucket", type=int, default=200_000, help="hash buckets for the n-grams (default: 200000)")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=run)


def read_texts(paths: list[str], text_field: str) -> tuple[list[str], Stats]:
    """The texts of every record of ``paths`` (any format thresher reads); bad records are counted, not used."""
    stats = Stats()
    texts: list[str] = []
    opts = ReadOptions(text_field=text_field)
    for path in paths:
        key = reader_key(path)
        if key is None:
            raise ValueError(f"{path}: not a file type thresher reads (.jsonl, .jsonl.gz, .jsonl.zst, .parquet, .txt ...)")
        if not Path(path).is_file():
            raise ValueError(f"{path}: no such file")
        for doc in load_reader(key)(Path(path), Path(path).name, opts, stats):
            if not doc.kept:
                continue  # the reader counted it, with where it came from
            if doc.text.strip():
                texts.append(doc.text)
            else:
                stats.input_error("empty_text", doc.id, "no text to learn from")
    return texts, stats


def run(args: argparse.Namespace) -> int:
    from thresher.steps.classify import fasttext_train as ft

    positive, negative = list(args.positive), list(args.negative)
    if not negative:
        if len(positive) < 2:
            print("thresher: train-classifier: give POS.jsonl NEG.jsonl (or --negative FILE)", file=sys.stderr)
            return 2
        negative = [positive.pop()]
    if not 0.0 <= args.held_out < 1.0:
        print("thresher: train-classifier: --held-out must be in [0, 1)", file=sys.stderr)
        return 2
    try:
        pos, pos_stats = read_texts(positive, args.text_field)
        neg, neg_stats = read_texts(negative, args.text_field)
    except ValueError as exc:
        print(f"thresher: train-classifier: {exc}", file=sys.stderr)
        return 2
    for side, texts, stats in (("positive", pos, pos_stats), ("negative", neg, neg_stats)):
        bad = sum(stats.input_errors.values())
        if bad:
            print(f"{side}: {bad:,} records not used ({', '.join(f'{k} {v:,}' for k, v in stats.input_errors.items())})")
            for line in stats.error_samples[:3]:
                print(f"  {line}")
        if not texts:
            print(f"thresher: train-classifier: no {side} examples with text", file=sys.stderr)
            return 2

    train_texts, train_labels, test_texts, test_labels = [], [], [], []
    for texts, label, seed in ((pos, args.positive_label, args.seed), (neg, args.negative_label, args.seed + 1)):
        train_idx, test_idx = ft.split_held_out(len(texts), args.held_out, seed)
        train_texts += [texts[i] for i in train_idx]
        train_labels += [label] * len(train_idx)
        test_texts += [texts[i] for i in test_idx]
        test_labels += [label] * len(test_idx)

    options = ft.TrainOptions(lr=args.lr, epoch=args.epoch, word_ngrams=args.word_ngrams, dim=args.dim, bucket=args.bucket, seed=args.seed)
    t0 = time.perf_counter()
    try:
        model = ft.train(train_texts, train_labels, options)
    except ValueError as exc:
        print(f"thresher: train-classifier: {exc}", file=sys.stderr)
        return 2
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    model.save(tmp)
    tmp.replace(out)  # a half-written model never carries the final name
    seconds = time.perf_counter() - t0
    print(
        f"trained on {len(train_texts):,} documents ({train_labels.count(args.positive_label):,} {args.positive_label}, "
        f"{train_labels.count(args.negative_label):,} {args.negative_label}) in {seconds:.1f} s: "
        f"{len(model.vocab.words):,} words, word {args.word_ngrams}-grams in {args.bucket:,} buckets, dim {args.dim}, {args.epoch} epochs"
    )
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB); labels: {', '.join(x.removeprefix(ft.LABEL_PREFIX) for x in model.vocab.labels)}")
    if test_texts:
        acc, n = ft.accuracy(out, test_texts, test_labels)
        per_side = []
        for label in (args.positive_label, args.negative_label):
            texts = [t for t, lab in zip(test_texts, test_labels) if lab == label]
            side_acc, side_n = ft.accuracy(out, texts, [label] * len(texts))
            per_side.append(f"{label} {side_acc:.3f} of {side_n:,}")
        print(f"held-out accuracy {acc:.3f} on {n:,} documents never trained on ({'; '.join(per_side)})")
    else:
        print("no held-out split (--held-out 0): accuracy not measured")
    return 0
