"""Train a fastText supervised classifier and write it in fastText's own ``.bin`` format.

Why thresher trains itself: the PyPI packages that train fastText (``fasttext``, ``fasttext-wheel``,
``fasttext-numpy2-wheel``, ``fasttext-turbo``) all install the top-level modules ``fasttext`` and
``fasttext_pybind`` that ``fasttext-predict`` (the runtime the ``lang`` and ``classify`` steps use)
also installs: putting one beside it overwrites the other's files, and uninstalling either breaks
both. So this module is a small, faithful re-implementation of fastText's supervised training
(``fasttext supervised``: averaged word and hashed word-n-gram embeddings, a linear softmax layer,
SGD with a linearly decaying learning rate), and the file it writes is read by the real fastText
runtime (``fasttext.load_model``), which is how tests check it.

What must match fastText exactly, because the runtime recomputes it at prediction time:

* tokens: split on ``' ' '\\n' '\\r' '\\t' '\\v' '\\f' '\\0'``; the end of a line is the token ``</s>``;
* a token's hash: 32-bit FNV-1a over its UTF-8 bytes, each byte sign-extended (fastText hashes
  ``int8_t`` chars);
* word n-grams: ``h = h * 116049371 + hash[j]`` over 64 bits starting from the sign-extended
  32-bit hash of the first word, row ``nwords + h % bucket``; out-of-vocabulary words still take
  part in n-grams;
* the file layout (``FastText::saveModel``, version 12).

The recipe is DCLM's (Li et al. 2024, "DataComp-LM", section 4.3: a fastText classifier with word
bigrams trained for a few epochs); ``bucket`` and ``dim`` are smaller than fastText's defaults
(2,000,000 x 100) so a model is tens of MB, not 800.
"""

from __future__ import annotations

import dataclasses
import re
import struct
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from thresher.kernels import kernel

EOS = "</s>"
LABEL_PREFIX = "__label__"
_FT_MAGIC = 793712314
_FT_VERSION = 12
_LOSS_SOFTMAX = 3
_MODEL_SUPERVISED = 3
_SPLIT = re.compile(r"[ \n\r\t\v\f\x00]+")


@dataclasses.dataclass(frozen=True)
class TrainOptions:
    """fastText's supervised options that matter here (names as fastText's command line)."""

    lr: float = 0.5  # fastText says 0.1; on a few thousand documents that underfits (bench/README.md)
    epoch: int = 5
    word_ngrams: int = 2
    dim: int = 64
    bucket: int = 200_000
    min_count: int = 1
    seed: int = 0


def tokens(line: str) -> list[str]:
    """fastText's tokens of one line (no newline inside), ending with ``</s>``."""
    return [t for t in _SPLIT.split(line) if t] + [EOS]


def one_line(text: str) -> str:
    """``text`` on one line, as the fastText runtime predicts (DCLM's preprocessing: newlines to spaces)."""
    return text.replace("\r", " ").replace("\n", " ")


def fnv1a(token: str) -> int:
    """fastText's token hash (unsigned 32 bits)."""
    h = 2166136261
    for b in token.encode("utf-8"):
        h ^= (b | 0xFFFFFF00) if b >= 0x80 else b  # int8_t(char) -> uint32_t sign-extends
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def _sign_extend(h: int) -> int:
    """A 32-bit hash stored in fastText's ``int32_t`` vector, read back into ``uint64_t``."""
    return h | 0xFFFFFFFF00000000 if h & 0x80000000 else h


@dataclasses.dataclass
class Vocabulary:
    words: list[str]
    counts: list[int]
    labels: list[str]
    label_counts: list[int]
    ntokens: int

    def __post_init__(self) -> None:
        self.index = {w: i for i, w in enumerate(self.words)}


def build_vocabulary(lines: Sequence[list[str]], labels: Sequence[str], min_count: int) -> Vocabulary:
    counts = Counter(t for line in lines for t in line)
    label_counts = Counter(labels)
    # fastText's order: words by count (descending), then labels by count; ties keep first-seen order
    words = [w for w, c in sorted(counts.items(), key=lambda wc: -wc[1]) if c >= min_count]
    labs = [lab for lab, _ in sorted(label_counts.items(), key=lambda lc: -lc[1])]
    return Vocabulary(words, [counts[w] for w in words], labs, [label_counts[x] for x in labs], sum(counts.values()) + len(labels))


def line_ids(toks: list[str], vocab: Vocabulary, word_ngrams: int, bucket: int) -> list[int]:
    """The input rows of one line: its known words, then its hashed word n-grams (fastText's getLine)."""
    ids = [vocab.index[t] for t in toks if t in vocab.index]
    if word_ngrams > 1:
        hashes = [_sign_extend(fnv1a(t)) for t in toks]
        nwords = len(vocab.words)
        mask = (1 << 64) - 1
        for i in range(len(hashes)):
            h = hashes[i]
            for j in range(i + 1, min(len(hashes), i + word_ngrams)):
                h = (h * 116049371 + hashes[j]) & mask
                ids.append(nwords + h % bucket)
    return ids


@kernel
def _sgd(wi, wo, ids, offsets, targets, order, epochs, lr0, ntokens_per_epoch, token_counts):  # pragma: no cover - compiled
    dim = wi.shape[1]
    nlabels = wo.shape[0]
    hidden = np.zeros(dim, dtype=np.float32)
    grad = np.zeros(dim, dtype=np.float32)
    scores = np.zeros(nlabels, dtype=np.float32)
    total = epochs * ntokens_per_epoch
    seen = 0
    for _ in range(epochs):
        for k in range(order.shape[0]):
            ex = order[k]
            a, b = offsets[ex], offsets[ex + 1]
            seen += token_counts[ex]
            if b == a:
                continue
            lr = lr0 * (1.0 - min(seen / total, 1.0))
            hidden[:] = 0.0
            for p in range(a, b):
                hidden += wi[ids[p]]
            hidden /= b - a
            best = -1e30
            for c in range(nlabels):
                s = 0.0
                for d in range(dim):
                    s += wo[c, d] * hidden[d]
                scores[c] = s
                if s > best:
                    best = s
            z = 0.0
            for c in range(nlabels):
                scores[c] = np.exp(scores[c] - best)
                z += scores[c]
            grad[:] = 0.0
            for c in range(nlabels):
                alpha = lr * ((1.0 if c == targets[ex] else 0.0) - scores[c] / z)
                for d in range(dim):
                    grad[d] += alpha * wo[c, d]
                    wo[c, d] += alpha * hidden[d]
            grad /= b - a  # fastText normalises the gradient by the input size in supervised mode
            for p in range(a, b):
                wi[ids[p]] += grad


@dataclasses.dataclass
class TrainedModel:
    vocab: Vocabulary
    options: TrainOptions
    input: np.ndarray
    output: np.ndarray

    def save(self, path: str | Path) -> None:
        """Write fastText's ``.bin`` format (FastText::saveModel, version 12)."""
        o = self.options
        v = self.vocab
        with open(path, "wb") as f:
            f.write(struct.pack("<ii", _FT_MAGIC, _FT_VERSION))
            # Args::save: dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate t
            f.write(struct.pack("<12id", o.dim, 5, o.epoch, o.min_count, 5, o.word_ngrams, _LOSS_SOFTMAX, _MODEL_SUPERVISED, o.bucket, 0, 0, 100, 1e-4))
            # Dictionary::save: size nwords nlabels ntokens pruneidx_size (-1: not pruned), entries
            f.write(struct.pack("<iiiqq", len(v.words) + len(v.labels), len(v.words), len(v.labels), v.ntokens, -1))
            for word, count in zip(v.words, v.counts):
                f.write(word.encode("utf-8") + b"\x00" + struct.pack("<qb", count, 0))
            for label, count in zip(v.labels, v.label_counts):
                f.write(label.encode("utf-8") + b"\x00" + struct.pack("<qb", count, 1))
            for matrix in (self.input, self.output):
                f.write(b"\x00")  # not quantised
                f.write(struct.pack("<qq", *matrix.shape))
                f.write(np.ascontiguousarray(matrix, dtype="<f4").tobytes())


def train(texts: Sequence[str], labels: Sequence[str], options: TrainOptions = TrainOptions()) -> TrainedModel:
    """Train on ``texts`` with one label each (plain names; stored as ``__label__<name>``)."""
    if len(texts) != len(labels):
        raise ValueError("train: one label per text")
    if len(set(labels)) < 2:
        raise ValueError("train: need examples of at least two labels")
    lines = [tokens(one_line(t)) for t in texts]
    full = [LABEL_PREFIX + lab for lab in labels]
    vocab = build_vocabulary(lines, full, options.min_count)
    rows = [line_ids(line, vocab, options.word_ngrams, options.bucket) for line in lines]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(r) for r in rows])
    ids = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(offsets[-1]))
    label_index = {lab: i for i, lab in enumerate(vocab.labels)}
    targets = np.array([label_index[lab] for lab in full], dtype=np.int64)
    token_counts = np.array([len(line) + 1 for line in lines], dtype=np.int64)  # + the label token
    rng = np.random.default_rng(options.seed)
    nrows = len(vocab.words) + options.bucket
    wi = rng.uniform(-1.0 / options.dim, 1.0 / options.dim, size=(nrows, options.dim)).astype(np.float32)
    wo = np.zeros((len(vocab.labels), options.dim), dtype=np.float32)
    # fastText reads its file in order; ours is shuffled once so one label's examples do not come in a block
    order = rng.permutation(len(rows)).astype(np.int64)
    _sgd(wi, wo, ids, offsets, targets, order, int(options.epoch), float(options.lr), int(token_counts.sum()), token_counts)
    return TrainedModel(vocab, options, wi, wo)


def split_held_out(n: int, share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, held out) of ``n`` examples, ``share`` of them held out (at least one when n > 1)."""
    order = np.random.default_rng(seed).permutation(n)
    k = int(round(n * share))
    if n > 1 and share > 0:
        k = min(max(k, 1), n - 1)
    return np.sort(order[k:]), np.sort(order[:k])


def accuracy(model_path: str | Path, texts: Iterable[str], labels: Iterable[str]) -> tuple[float, int]:
    """Share of ``texts`` whose top label, predicted by the fastText runtime, is their label."""
    import fasttext  # the fasttext-predict wheel: the runtime that will score documents

    ft = fasttext.load_model(str(model_path))
    texts = [one_line(t) for t in texts]
    labels = list(labels)
    if not texts:
        return float("nan"), 0
    # one line at a time: fasttext-predict's list form (multilinePredict) does not return (labels, probs)
    right = sum(1 for t, lab in zip(texts, labels) if ft.predict(t, k=1)[0][:1] == (LABEL_PREFIX + lab,))
    return right / len(texts), len(texts)
