"""Word n-gram repetition statistics of one page, compiled with numba.

Definitions (Gopher's repetition signals, as datatrove computes them):

- Tokens ``0 .. m-1`` have 64-bit hashes ``h`` and lengths ``lens``. The n-gram at position
  ``i`` (tokens ``i .. i+n-1``, for ``0 <= i <= m-n``) has the key ``key_1[i] = h[i]``,
  ``key_n[i] = key_{n-1}[i] * 0x9E3779B97F4A7C15 + h[i+n-1]`` (mod 2^64). Two n-grams are
  equal when their keys are; two different n-grams colliding has probability ~2^-64 per pair,
  far below anything a threshold can notice. The hashes may be any uint64 values.
- *Top n-gram characters*: the most frequent n-gram's length (its tokens' characters plus
  ``n - 1`` joining spaces) times its count. Ties go to the n-gram that occurs first in the
  text. 0 when the page has no n-gram (fewer than n tokens, or n < 1).
- *Duplicated n-gram characters*: reading the positions left to right, an n-gram seen before
  counts its tokens' characters (spaces not counted) and reading jumps past it (so
  overlapping repeats are not counted twice); otherwise it is remembered and reading moves on
  one token. Positions skipped by a jump are not remembered. This is the greedy definition
  datatrove uses for "duplicate n-gram character fraction". 0 when no n-gram repeats (the
  first repeat is always read and counted), or when the page has no n-gram.
- *Early stop*: if no n-gram of size k repeats, no longer one does either. So the duplicated
  characters of every requested n at or above the smallest such k are 0 without being
  computed, where k is seen either from a requested top n-gram count of 1 or from a requested
  duplicate count of 0 (the duplicate counts are computed in increasing n).
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from thresher.kernels import kernel

_MUL = np.uint64(0x9E3779B97F4A7C15)  # n-gram key combination (see the module docstring)
# Hash table slots are the top bits of key * _SPREAD (Fibonacci hashing): the keys may be any
# uint64 values (unigram keys are the raw token hashes), so no bits of their own are trusted.
_SPREAD = np.uint64(0xD6E8FEB86659FD93)
_EMPTY = -1


@kernel
def _group(key, mm, slot_keys, slot_ids, shift, ids):
    """Group equal keys among ``key[:mm]`` with an open-addressing table (linear probing):
    ``ids[i]`` is the group of position i, groups numbered in order of first occurrence.
    Returns the number of groups. The table (``slot_keys``, ``slot_ids``) has a power-of-two
    size of at least 2 * mm; ``shift`` is 64 minus its bit count."""
    mask = slot_ids.size - 1
    slot_ids[:] = _EMPTY
    n_groups = 0
    for i in range(mm):
        x = key[i]
        j = np.int64((x * _SPREAD) >> shift)
        while True:
            g = slot_ids[j]
            if g == _EMPTY:
                slot_keys[j] = x
                slot_ids[j] = n_groups
                ids[i] = n_groups
                n_groups += 1
                break
            if slot_keys[j] == x:
                ids[i] = g
                break
            j = (j + 1) & mask
    return n_groups


@kernel
def _ngram_chars(hashes, lens, top_ns, dup_ns):
    """(top n-gram characters for each of ``top_ns``, duplicated n-gram characters for each
    of ``dup_ns``), as the module docstring defines them; both int64 arrays in the order of
    the requests. The n-grams of each size are grouped once, sizes in increasing order."""
    m = hashes.size
    top_out = np.zeros(top_ns.size, np.int64)
    dup_out = np.zeros(dup_ns.size, np.int64)
    max_top = 0
    for n in top_ns:
        max_top = max(max_top, n)
    max_dup = 0
    for n in dup_ns:
        max_dup = max(max_dup, n)
    last = min(max(max_top, max_dup), m)  # n-gram sizes that exist and are asked for
    if last < 1:
        return top_out, dup_out
    cum = np.zeros(m + 1, np.int64)
    for i in range(m):
        cum[i + 1] = cum[i] + lens[i]
    bits = 1
    while (1 << bits) < 2 * m:
        bits += 1
    slot_keys = np.empty(1 << bits, np.uint64)
    slot_ids = np.empty(1 << bits, np.int64)
    shift = np.uint64(64 - bits)
    key = hashes.copy()
    ids = np.empty(m, np.int64)
    counts = np.empty(m, np.int64)
    seen = np.empty(m, np.bool_)
    stop = last + 1  # duplicate counts from this size on are 0 (the early stop)
    for n in range(1, last + 1):
        if n > max_top and n >= stop:
            break
        mm = m - n + 1
        if n > 1:  # key_n from key_{n-1}, in place (position i is read before it is rewritten)
            for i in range(mm):
                key[i] = key[i] * _MUL + hashes[i + n - 1]
        want_top = False
        for t in top_ns:
            want_top |= t == n
        want_dup = False
        if n < stop:
            for t in dup_ns:
                want_dup |= t == n
        if not (want_top or want_dup):
            continue
        n_groups = _group(key, mm, slot_keys, slot_ids, shift, ids)
        if want_top:
            counts[:n_groups] = 0
            top = 0
            for i in range(mm):
                c = counts[ids[i]] + 1
                counts[ids[i]] = c
                top = max(top, c)
            first = 0  # the first position holding an n-gram of the top count
            while counts[ids[first]] != top:
                first += 1
            chars = (cum[first + n] - cum[first] + (n - 1)) * top
            for k in range(top_ns.size):
                if top_ns[k] == n:
                    top_out[k] = chars
            if top == 1:
                stop = min(stop, n)
        if want_dup and n < stop:
            total = 0
            if n_groups < mm:  # something repeats: read greedily
                seen[:n_groups] = False
                i = 0
                while i < mm:
                    g = ids[i]
                    if seen[g]:
                        total += cum[i + n] - cum[i]
                        i += n
                    else:
                        seen[g] = True
                        i += 1
            for k in range(dup_ns.size):
                if dup_ns[k] == n:
                    dup_out[k] = total
            if total == 0:
                stop = n
    return top_out, dup_out


def ngram_chars(
    hashes: np.ndarray, lens: np.ndarray, top_ns: Iterable[int], dup_ns: Iterable[int]
) -> tuple[list[int], list[int]]:
    """(top n-gram characters for each n of ``top_ns``, duplicated n-gram characters for each n
    of ``dup_ns``), in the order given, for a page's token ``hashes`` (uint64) and token
    ``lens`` (characters), with the early stop: see the module docstring."""
    top, dup = _ngram_chars(
        hashes,
        np.asarray(lens, dtype=np.int64),
        np.fromiter(top_ns, dtype=np.int64),
        np.fromiter(dup_ns, dtype=np.int64),
    )
    return top.tolist(), dup.tolist()
