"""MinHash signatures from shingle hashes.

Each of ``num_perm`` permutations is ``x -> (a*x + b) mod 2**32`` with odd ``a`` (a bijection of
32-bit words) applied to the top 32 bits of each shingle hash; the signature keeps the minimum per
permutation. Shingle hashes are already well mixed, so these cheap permutations give unbiased
Jaccard estimates with the binomial variance J(1-J)/num_perm (checked in tests/dedup).

The work is an (num_perm x shingles) matrix in cache-sized chunks, reduced per document with
``np.minimum.reduceat``: no Python loop per shingle or per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from thresher.steps.dedup.text import shingles

EMPTY = np.uint32(0xFFFFFFFF)  # every slot of a text with no shingle
_CHUNK = 4096


@dataclass
class MinHasher:
    num_perm: int = 128
    ngram: int = 5
    char_ngram: int = 5
    seed: int = 1
    units: str = "words"  # or "letters": see thresher.steps.dedup.text
    _a: np.ndarray = field(init=False, repr=False)
    _b: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.num_perm < 1:
            raise ValueError("num_perm must be positive")
        rng = np.random.default_rng(self.seed)
        self._a = (rng.integers(0, 2**31, self.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1))[:, None]
        self._b = rng.integers(0, 2**32, self.num_perm, dtype=np.uint32)[:, None]

    def shingles(self, texts: Sequence[str], languages: Sequence[str | None] | None = None, line_words: int = 0,
                 lines: bool = False) -> tuple[np.ndarray, ...]:
        return shingles(texts, self.ngram, self.char_ngram, languages, line_words, units=self.units, lines=lines)

    def from_shingles(self, s: np.ndarray, doc: np.ndarray, ndocs: int) -> np.ndarray:
        """Signatures (ndocs x num_perm, uint32) from shingle hashes grouped by document index."""
        out = np.full((self.num_perm, ndocs), EMPTY, dtype=np.uint32)
        if len(s) == 0:
            return out.T.copy()
        top = (s >> np.uint64(32)).astype(np.uint32)
        buf = np.empty((self.num_perm, _CHUNK), dtype=np.uint32)
        for i in range(0, len(top), _CHUNK):
            x = top[i : i + _CHUNK]
            d = doc[i : i + _CHUNK]
            b = buf[:, : len(x)]
            np.multiply(self._a, x[None, :], out=b)
            np.add(b, self._b, out=b)
            firsts = np.flatnonzero(np.diff(d, prepend=-1))
            r = np.minimum.reduceat(b, firsts, axis=1)
            u = d[firsts]
            np.minimum(out[:, u], r, out=r)  # a document may span two chunks
            out[:, u] = r
        return np.ascontiguousarray(out.T)

    def signatures(self, texts: Sequence[str], languages: Sequence[str | None] | None = None) -> np.ndarray:
        s, d, _ = self.shingles(texts, languages)
        return self.from_shingles(s, d, len(texts))


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Share of equal slots, row by row (two signature matrices of the same shape)."""
    return (a == b).mean(axis=-1)


def band_hashes(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(ndocs x bands) uint64 bucket keys: band i hashes slots [i*rows, (i+1)*rows)."""
    from thresher.steps.dedup.text import _NGRAM_WEIGHTS, mix64

    n = sig.shape[0]
    out = np.empty((n, bands), dtype=np.uint64)
    w = mix64(np.arange(1, rows + 1, dtype=np.uint64) * _NGRAM_WEIGHTS[0]) | np.uint64(1)
    for i in range(bands):
        block = sig[:, i * rows : (i + 1) * rows].astype(np.uint64)
        out[:, i] = mix64((block * w[None, :]).sum(axis=1, dtype=np.uint64) + np.uint64(i))
    return out
