"""Per-token facts of spaced texts in one compiled pass over their code points.

The quality rule sets read, for every token of a page, its length, a few character-class
counts, its line and a hash. Computed with numpy this took a dozen whole-array passes plus
Python's ``hash`` per token string; one loop compiled by numba reads each code point once, and
no token string is made (the pages' tokens as ``str`` are made only when something asks).

Token hashes are FNV-1a over the token's code points, finished with the splitmix64 mixer so
that every bit depends on every input bit (the n-gram keys are polynomial combinations of
them). Equal tokens get equal hashes in any
process.
"""

from __future__ import annotations

import numpy as np

from thresher.kernels import kernel
from thresher.text import chars

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_LF, _CR = 10, 13


@kernel
def _mix(h):
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


@kernel
def word_index(words, word_lens, h, length):
    """Index of hash ``h`` (of a token ``length`` characters long) in ``words`` (sorted hashes
    of words whose lengths lie in ``word_lens``, a pair (shortest, longest)), or -1. A token of
    another length is not looked up."""
    if length < word_lens[0] or length > word_lens[1]:
        return -1
    k = np.searchsorted(words, h)
    return k if k < words.size and words[k] == h else -1


@kernel
def count_tokens(cps, flags):
    """Whitespace-separated tokens in ``cps`` (what ``str.split`` would return, counted)."""
    n = 0
    in_token = False
    for i in range(cps.size):
        space = (flags[cps[i]] & chars.SPACE) != 0
        if not space and not in_token:
            n += 1
        in_token = not space
    return n


@kernel
def scan_tokens(cps, flags, text_starts, words, word_lens, starts, lens, symbols, letters, puncts, terminals,
                lines, hashes, text_tokens, word_hits):
    """Fill the per-token arrays (sized by :func:`count_tokens`) for the tokens of ``cps``.

    ``cps``: code points of one or more texts (``flags``: the flag byte of every code point);
    ``text_starts``: where each text begins, ascending, the first 0. Per token: where it starts
    in ``cps``, its length, the counts of its symbol, letter, punctuation and sentence-terminal
    characters, the number of line breaks before it in its own text ("\\r\\n" counts once, as
    for ``str.splitlines``), and its hash. Per text: its number of tokens (``text_tokens``) and
    how many of its tokens hash to one of ``words`` (sorted hashes of words whose lengths lie in
    ``word_lens``, a pair (shortest, longest); ``word_hits``). Returns the number of tokens.
    """
    n = 0
    in_token = False
    line = 0
    text = 0
    h = _FNV_OFFSET
    n_sym = n_let = n_pun = n_ter = 0
    start = 0
    size = cps.size
    last_text = text_starts.size - 1
    for i in range(size + 1):
        # texts are joined by spaces: a text starts outside any token
        while text < last_text and i >= text_starts[text + 1]:
            text += 1
            line = 0
        c = cps[i] if i < size else 32  # a space after the end closes the last token
        f = flags[c]
        if f & chars.SPACE:
            if in_token:
                lens[n] = i - start
                symbols[n] = n_sym
                letters[n] = n_let
                puncts[n] = n_pun
                terminals[n] = n_ter
                hashes[n] = hx = _mix(h)
                text_tokens[text] += 1
                if word_index(words, word_lens, hx, i - start) >= 0:
                    word_hits[text] += 1
                n += 1
                in_token = False
            if f & chars.LINE_BREAK and not (c == _LF and i > 0 and cps[i - 1] == _CR):
                line += 1
            continue
        if not in_token:
            in_token = True
            start = i
            starts[n] = i
            h = _FNV_OFFSET
            n_sym = n_let = n_pun = n_ter = 0
            lines[n] = line
        h = (h ^ np.uint64(c)) * _FNV_PRIME
        if f & chars.SYMBOL:
            n_sym += 1
        if f & chars.LETTER:
            n_let += 1
        if f & chars.PUNCT:
            n_pun += 1
        if f & chars.TERMINAL:
            n_ter += 1
    return n


@kernel
def word_positions(hashes, lens, words, word_lens):
    """Indices of the tokens that hash to one of ``words`` (see :func:`word_index`)."""
    out = []
    for t in range(hashes.size):
        if word_index(words, word_lens, hashes[t], lens[t]) >= 0:
            out.append(t)
    return out
