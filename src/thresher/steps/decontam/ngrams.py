"""Word n-grams as 64-bit hashes, with where each one starts and ends in the text.

Words are runs of letters and digits (``\\w+``, Unicode), case-folded: punctuation, spacing and case
never hide an overlap (GPT-3's decontamination normalised the same way: lower case, punctuation
out). Each word is hashed (xxh3-64 of its UTF-8), and an n-gram's hash combines its words'
hashes as a polynomial over 64 bits (numpy, all n-grams of a text at once). Two different n-grams
share a hash with odds about 2^-64; a corpus n-gram is wrongly taken for one of N evaluation
n-grams with odds N / 2^64 (N = 10 million: 5e-13 per n-gram, one false hit in ~2e12 n-grams).
"""

from __future__ import annotations

import numpy as np
import regex
import xxhash

_WORD = regex.compile(r"\w+")
# An odd 64-bit multiplier (the golden ratio's): the polynomial mixes every word into the hash.
_P = np.uint64(0x9E3779B97F4A7C15)


def words(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The words of ``text`` (case-folded) and their start and end offsets."""
    found = list(_WORD.finditer(text))
    starts = np.fromiter((m.start() for m in found), dtype=np.int64, count=len(found))
    ends = np.fromiter((m.end() for m in found), dtype=np.int64, count=len(found))
    return [m.group().casefold() for m in found], starts, ends


def ngram_hashes(ws: list[str], n: int) -> np.ndarray:
    """Hash of each n-gram ``ws[i:i+n]`` (``len(ws) - n + 1`` of them; none when fewer than n words)."""
    if len(ws) < n:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter((xxhash.xxh3_64_intdigest(w.encode("utf-8", "surrogatepass")) for w in ws), dtype=np.uint64, count=len(ws))
    k = len(ws) - n + 1
    h = np.zeros(k, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2^64 is the point
        for j in range(n):
            h = h * _P + wh[j : j + k]
    return h
