"""Word n-gram repetition statistics over a token hash array (numpy, no per-n-gram Python objects).

An n-gram is keyed by a 64-bit polynomial combination of its tokens' hashes; two different
n-grams colliding has probability ~2^-64 per pair, far below anything a threshold can notice.
"""

from __future__ import annotations

import numpy as np

_MUL = np.uint64(0x9E3779B97F4A7C15)


def ngram_keys(hashes: np.ndarray, max_n: int) -> dict[int, np.ndarray]:
    """Keys of all n-grams for n = 1..max_n: ``keys[n][i]`` identifies tokens ``i .. i+n-1``."""
    keys = {1: hashes}
    key = hashes
    m = len(hashes)
    for n in range(2, max_n + 1):
        if m - n + 1 <= 0:
            break
        key = key[: m - n + 1] * _MUL + hashes[n - 1 :]
        keys[n] = key
    return keys


def top_ngram_chars(key: np.ndarray, cum_lens: np.ndarray, n: int) -> int:
    """Characters covered by the most frequent n-gram: its length (tokens joined by single spaces)
    times its count. Ties go to the n-gram that occurs first in the text."""
    if key.size == 0:
        return 0
    _, first, counts = np.unique(key, return_index=True, return_counts=True)
    top = counts.max()
    i = int(first[counts == top].min())
    length = int(cum_lens[i + n] - cum_lens[i]) + (n - 1)
    return length * int(top)


def duplicated_ngram_chars(key: np.ndarray, cum_lens: np.ndarray, n: int) -> int:
    """Characters (of the tokens, spaces not counted) in n-grams that repeat an earlier one.

    Reading left to right: an n-gram seen before counts its characters and reading jumps past
    it (so overlapping repeats are not counted twice); otherwise it is remembered and reading
    moves on one token. Positions skipped by a jump are not remembered. This is the greedy
    definition datatrove uses for Gopher's "duplicate n-gram character fraction"; only the
    positions whose n-gram occurred earlier need a step in Python.
    """
    m = key.size
    if m == 0:
        return 0
    uniq, first, inv = np.unique(key, return_index=True, return_inverse=True)
    is_repeat = first[inv] != np.arange(m)
    if not is_repeat.any():
        return 0
    # next_repeat[i]: the first position >= i whose n-gram occurred earlier (m if none), so the
    # loop below only steps on repeats and jumps, never walks token by token.
    repeat_pos = np.flatnonzero(is_repeat)
    next_repeat = np.searchsorted(repeat_pos, np.arange(m + n + 1)).tolist()
    repeat_pos = repeat_pos.tolist() + [m]
    inv_l = inv.tolist()
    cum = cum_lens.tolist()
    seen = bytearray(uniq.size)
    total = 0
    i = 0
    while i < m:
        c = repeat_pos[next_repeat[i]]
        if c >= m:
            break
        for g in inv_l[i:c]:  # first occurrences read on the way
            seen[g] = 1
        g = inv_l[c]
        if seen[g]:
            total += cum[c + n] - cum[c]
            i = c + n
        else:
            seen[g] = 1
            i = c + 1
    return total


def cumulative_lengths(lens: np.ndarray) -> np.ndarray:
    out = np.zeros(lens.size + 1, dtype=np.int64)
    np.cumsum(lens, out=out[1:])
    return out
