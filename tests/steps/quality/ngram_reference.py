"""Reference for thresher.steps.quality.signals.ngrams: the numpy implementation the numba kernel
replaced (sort-based grouping, Python steps only on repeats), kept to pin the kernel to it.

An n-gram is keyed by a 64-bit polynomial combination of its tokens' hashes; two different
n-grams colliding has probability ~2^-64 per pair, far below anything a threshold can notice.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np

_MUL = np.uint64(0x9E3779B97F4A7C15)


def ngram_keys(hashes: np.ndarray, max_n: int) -> dict[int, np.ndarray]:
    """Keys of all n-grams for n = 1..max_n: ``keys[n][i]`` identifies tokens ``i .. i+n-1``."""
    lazy = NgramKeys(hashes)
    return {n: key for n in range(1, max_n + 1) if (key := lazy.get(n)) is not None}


class NgramKeys:
    """The keys of :func:`ngram_keys`, each n computed on first request (the repetition rules
    usually stop at 5-grams: when no 5-gram repeats, longer ones are never needed)."""

    __slots__ = ("_hashes", "_keys")

    def __init__(self, hashes: np.ndarray) -> None:
        self._hashes = hashes
        self._keys = [hashes]  # _keys[n - 1]: keys of the n-grams

    def get(self, n: int) -> np.ndarray | None:
        """Keys of the n-grams, or None when the text has fewer than n tokens (or n < 1)."""
        keys, hashes = self._keys, self._hashes
        m = len(hashes)
        if n < 1 or (n > m and n > 1):  # unigrams always have keys, as in ngram_keys
            return None
        while len(keys) < n:
            k = len(keys) + 1
            keys.append(keys[-1][: m - k + 1] * _MUL + hashes[k - 1 :])
        return keys[n - 1]


def _runs(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Group equal keys: (order, run_starts, counts, first) where ``key[order]`` is sorted, run
    ``r`` covers ``order[run_starts[r]:run_starts[r] + counts[r]]`` and ``first[r]`` is the
    run's earliest position in ``key``. None when all keys differ."""
    m = key.size
    order = key.argsort()
    s = key[order]
    cut = (s[1:] != s[:-1]).nonzero()[0]
    r = cut.size
    if r == m - 1:
        return None
    bounds = np.empty(r + 2, dtype=np.intp)
    bounds[0] = 0
    bounds[1 : r + 1] = cut + 1
    bounds[r + 1] = m
    run_starts = bounds[: r + 1]
    counts = bounds[1:] - run_starts
    first = np.minimum.reduceat(order, run_starts)
    return order, run_starts, counts, first


def top_ngram_chars(key: np.ndarray, cum_lens: np.ndarray, n: int) -> int:
    """Characters covered by the most frequent n-gram: its length (tokens joined by single spaces)
    times its count. Ties go to the n-gram that occurs first in the text."""
    return top_ngram(key, cum_lens, n)[0]


def top_ngram(key: np.ndarray, cum_lens: np.ndarray, n: int) -> tuple[int, int]:
    """(:func:`top_ngram_chars`, how often the most frequent n-gram occurs). A count of 1 says
    no n-gram repeats, hence no longer one does either."""
    m = key.size
    if m == 0:
        return 0, 0
    s = np.sort(key)
    cut = (s[1:] != s[:-1]).nonzero()[0]
    if cut.size == m - 1:
        i, top = 0, 1  # all different: the first one is "the most common"
    else:
        bounds = np.empty(cut.size + 2, dtype=np.intp)
        bounds[0] = 0
        bounds[1:-1] = cut + 1
        bounds[-1] = m
        counts = bounds[1:] - bounds[:-1]
        top = int(counts.max())
        winners = s[bounds[:-1][counts == top]]
        if winners.size <= 2:
            i = min(int((key == w).argmax()) for w in winners)
        else:  # the first position holding any winner (winners are sorted: binary search)
            at = np.searchsorted(winners, key)
            np.minimum(at, winners.size - 1, out=at)
            i = int((winners[at] == key).argmax())
    return (int(cum_lens[i + n] - cum_lens[i]) + (n - 1)) * top, top


def duplicated_ngram_chars(key: np.ndarray, cum: list[int], n: int) -> int:
    """Characters (of the tokens, spaces not counted) in n-grams that repeat an earlier one.

    Reading left to right: an n-gram seen before counts its characters and reading jumps past
    it (so overlapping repeats are not counted twice); otherwise it is remembered and reading
    moves on one token. Positions skipped by a jump are not remembered. This is the greedy
    definition datatrove uses for Gopher's "duplicate n-gram character fraction". It is 0
    exactly when no n-gram repeats (the first repeat is always read and counted).

    Only positions whose n-gram occurred earlier ("repeats") take a step in Python. A repeat's
    n-gram has been seen if its first occurrence was read (not inside a jump) or an earlier
    repeat of it was read. ``cum``: cumulative token lengths as a list.
    """
    m = key.size
    if m < 2:
        return 0
    runs = _runs(key)
    if runs is None:  # no n-gram repeats
        return 0
    order, run_starts, counts, first = runs
    run_of_sorted = np.repeat(np.arange(counts.size), counts)
    inv = np.empty(m, dtype=np.intp)
    inv[order] = run_of_sorted
    first_of = first[inv]
    rep = np.flatnonzero(first_of != np.arange(m))
    repeat_pos = rep.tolist()
    group = inv[rep].tolist()
    first_pos = first_of[rep].tolist()
    read_repeat: set[int] = set()  # groups with a repeat that was read
    jumps: list[int] = []  # positions of counted duplicates; each skips the next n-1 positions
    total = 0
    i = 0
    k = 0
    n_rep = len(repeat_pos)
    while k < n_rep:
        c = repeat_pos[k]
        if c < i:
            k = bisect_left(repeat_pos, i, k)
            continue
        g = group[k]
        seen = g in read_repeat
        if not seen:
            f = first_pos[k]
            j = bisect_left(jumps, f) - 1  # the last jump before the first occurrence
            seen = j < 0 or f > jumps[j] + n - 1
        if seen:
            total += cum[c + n] - cum[c]
            jumps.append(c)
            i = c + n
        else:
            read_repeat.add(g)
            i = c + 1
        k += 1
    return total


def cumulative_lengths(lens: np.ndarray) -> np.ndarray:
    out = np.zeros(lens.size + 1, dtype=np.int64)
    np.cumsum(lens, out=out[1:])
    return out


def repetition_ngram_chars(hashes: np.ndarray, lens: np.ndarray, top_ns, dup_ns) -> tuple[list[int], list[int]]:
    """What ``ngram_chars`` returns, computed as gopher.repetition_signals did before the kernel:
    all top n-grams first, then the duplicate counts in increasing n with the early stop."""
    top_ns, dup_ns = tuple(top_ns), tuple(dup_ns)
    keys = NgramKeys(hashes)
    cum = cumulative_lengths(lens)
    top_chars = {}
    distinct_from = None
    for n in top_ns:
        key = keys.get(n)
        if key is None:
            top_chars[n] = 0
            continue
        chars, top = top_ngram(key, cum, n)
        top_chars[n] = chars
        if top == 1 and (distinct_from is None or n < distinct_from):
            distinct_from = n
    dup_chars = {}
    for n in sorted(dup_ns):
        no_repeats = distinct_from is not None and n >= distinct_from
        key = None if no_repeats else keys.get(n)
        if key is None:
            dup_chars[n] = 0
            continue
        chars = duplicated_ngram_chars(key, cum.tolist(), n)
        if chars == 0:
            distinct_from = n
        dup_chars[n] = chars
    return [top_chars[n] for n in top_ns], [dup_chars[n] for n in dup_ns]
