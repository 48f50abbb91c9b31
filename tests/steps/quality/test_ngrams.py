"""The compiled n-gram kernel (signals/ngrams.py) gives exactly what the numpy implementation it
replaced gives (ngram_reference.py): top and duplicated n-gram characters for every n, and the
early stop of duplicate counts, on token sequences over small alphabets (so repeats are common)
with arbitrary 64-bit token hashes."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from thresher.steps.quality.signals.ngrams import ngram_chars

from ngram_reference import duplicated_ngram_chars, NgramKeys, repetition_ngram_chars, top_ngram, cumulative_lengths

NS = range(1, 13)
U64 = st.integers(0, 2**64 - 1)


@st.composite
def pages(draw, max_tokens=60):
    """(hashes, lens): tokens drawn from an alphabet of 1..6 symbols, each symbol with an arbitrary
    uint64 hash (two symbols may share one: a collision) and length 0..9."""
    k = draw(st.integers(1, 6))
    symbol_hash = draw(st.lists(U64, min_size=k, max_size=k))
    symbol_len = draw(st.lists(st.integers(0, 9), min_size=k, max_size=k))
    seq = draw(st.lists(st.integers(0, k - 1), max_size=max_tokens))
    hashes = np.array([symbol_hash[s] for s in seq], dtype=np.uint64)
    lens = np.array([symbol_len[s] for s in seq], dtype=np.int64)
    return hashes, lens


def _each_n_alone(hashes, lens):
    """Reference top and duplicated characters of every n in NS, each computed on its own."""
    keys, cum = NgramKeys(hashes), cumulative_lengths(lens)
    top, dup = [], []
    for n in NS:
        key = keys.get(n)
        top.append(0 if key is None else top_ngram(key, cum, n)[0])
        dup.append(0 if key is None else duplicated_ngram_chars(key, cum.tolist(), n))
    return top, dup


@settings(max_examples=700, deadline=None)
@given(pages())
def test_every_n_agrees_with_the_reference(page):
    hashes, lens = page
    want_top, want_dup = _each_n_alone(hashes, lens)
    assert ngram_chars(hashes, lens, NS, []) == (want_top, [])
    # a duplicate count alone has no earlier size to stop it early: each n computed in full
    for n, want in zip(NS, want_dup):
        assert ngram_chars(hashes, lens, [], [n]) == ([], [want])


@settings(max_examples=700, deadline=None)
@given(
    pages(),
    st.lists(st.integers(-1, 13), max_size=5),
    st.lists(st.integers(-1, 13), max_size=8),
)
def test_requested_sizes_and_early_stop_agree_with_the_reference(page, top_ns, dup_ns):
    hashes, lens = page
    assert ngram_chars(hashes, lens, top_ns, dup_ns) == repetition_ngram_chars(hashes, lens, top_ns, dup_ns)


@pytest.mark.parametrize("m", [0, 1, 2])
def test_empty_and_tiny_pages(m):
    hashes = np.arange(m, dtype=np.uint64) * np.uint64(7)
    lens = np.full(m, 3, dtype=np.int64)
    top_ns, dup_ns = [1, 2, 3], [1, 2, 5]
    got = ngram_chars(hashes, lens, top_ns, dup_ns)
    assert got == repetition_ngram_chars(hashes, lens, top_ns, dup_ns)
    assert got[1] == [0, 0, 0]  # nothing can repeat
    assert got[0] == [[0, 0, 0], [3, 0, 0], [3, 7, 0]][m]


def test_ties_go_to_the_first_in_the_text():
    # b a a b b a: "a" and "b" three times each, "b" first; 2-grams "a b", "b a" twice, "b a" first
    h = {"a": np.uint64(1), "b": np.uint64(2**63)}
    seq = "b a a b b a".split()
    lens = np.array([1 if t == "a" else 4 for t in seq], dtype=np.int64)
    top, _ = ngram_chars(np.array([h[t] for t in seq], dtype=np.uint64), lens, [1, 2], [])
    assert top == [4 * 3, (4 + 1 + 1) * 2]


def test_hashes_alike_in_their_low_and_middle_bits_still_group_correctly():
    # distinct hashes differing only in the top bits, repeated: any bits may carry the difference
    hashes = np.tile((np.arange(200, dtype=np.uint64) << np.uint64(56)) | np.uint64(0xABCDEF), 3)
    lens = np.ones(hashes.size, dtype=np.int64)
    # 200 distinct tokens three times: each token thrice; the 2nd and 3rd copies repeat
    assert ngram_chars(hashes, lens, [1], [1]) == ([3], [400])
    # (the polynomial keys of longer n-grams of such hashes collide, in both implementations)
    assert ngram_chars(hashes, lens, [2], [5, 6]) == repetition_ngram_chars(hashes, lens, [2], [5, 6])


def test_larger_random_pages_agree_with_the_reference():
    rng = np.random.default_rng(3)
    for m in (50, 450, 3000):
        for k in (2, 5, 40, m):
            hashes = rng.integers(0, 2**64, size=k, dtype=np.uint64)[rng.integers(0, k, size=m)]
            lens = rng.integers(1, 12, size=m)
            top_ns, dup_ns = (2, 3, 4), range(5, 11)
            assert ngram_chars(hashes, lens, top_ns, dup_ns) == repetition_ngram_chars(hashes, lens, top_ns, dup_ns)
