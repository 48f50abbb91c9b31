"""Text to shingle hashes, vectorised with numpy (no Python work per token or per shingle).

A batch of documents is joined and viewed as an array of code points, lower-cased by table. Tokens are
runs of word characters (``\\w``: letters, digits, underscore, marks). Each token is hashed with
a polynomial hash computed from prefix sums (one pass for the whole batch), then mixed; a word
n-gram's hash is a fixed linear combination of its tokens' hashes, mixed again.

*Letter* shingles (the default of ``near_dedup``) are n-grams of the word characters alone, spaces and
punctuation skipped, lower-cased, every digit folded to ``0``: a reprint whose OCR changed, dropped or
doubled a letter loses only the n-grams over that letter (a word n-gram loses every n-gram holding the
word), and a word split in two or two words run together lose nothing.

Languages written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan) have
no words to count: their documents are shingled by character n-grams over word characters. The
language comes from ``metadata["language"]`` when a step set it, else from the share of such
script in the text.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import regex

_U64 = np.uint64
_P = _U64(0x100000001B3)  # odd, so invertible mod 2**64
_P_INV = _U64(pow(0x100000001B3, -1, 2**64))
_M1 = _U64(0xBF58476D1CE4E5B9)
_M2 = _U64(0x94D049BB133111EB)
# Position weights for combining n consecutive token hashes (odd 64-bit constants).
_NGRAM_WEIGHTS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5, 0x85EBCA77C2B2AE63,
     0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB,
     0x8EBC6AF09C88C6E3, 0x589965CC75374CC3, 0x1D8E4E27C47D124F, 0x2545F4914F6CDD1D, 0x9FB21C651E98DF25,
     0xB492B66FBE98F273],
    dtype=np.uint64,
)


def _more_weights(n: int) -> np.ndarray:
    """Odd 64-bit constants beyond the table (splitmix64 of 17, 18, ...), for longer letter n-grams."""
    x = np.arange(17, 17 + n, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    return x | np.uint64(1)


_NGRAM_WEIGHTS = np.concatenate([_NGRAM_WEIGHTS, _more_weights(16)])
MAX_NGRAM = len(_NGRAM_WEIGHTS)

# Language codes written without spaces between words.
SPACELESS_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo", "zho", "jpn", "tha", "lao", "khm", "mya", "bod", "cmn", "yue", "wuu"})

_SPACELESS_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Over the Basic Multilingual Plane: a class per code point (0 other, 1 word character, i.e.
    ``\\w`` of the regex module: letters, marks, digits, connectors; 2 word character of a script
    written without spaces) and its lower-case code point. Built in one pass over a string of
    every BMP character (about 20 ms)."""
    every = "".join(map(chr, range(0x10000)))
    cls = np.zeros(0x10000, dtype=np.uint8)
    cls[[m.start() for m in regex.finditer(r"\w", every)]] = 1
    for lo, hi in _SPACELESS_RANGES:
        block = cls[lo : hi + 1]
        block[block == 1] = 2
    # str.lower() keeps the length except for U+0130 (İ -> i + combining dot): map it to "i".
    lowered = every.replace("\u0130", "i").lower()
    lower = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    # Letter shingles fold every decimal digit (any script) to "0": "2011" and "2O11" differ by one
    # letter either way, and re-typeset figures ("1,200" / "1200") match.
    folded = lower.copy()
    folded[[m.start() for m in regex.finditer(r"\d", every)]] = ord("0")
    for a in (cls, lower, folded):
        a.setflags(write=False)
    return cls, lower, folded


_CLASS, _LOWER, _FOLDED = _tables()  # immutable lookup tables, built once at import


def _classify(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(lower-cased code points, class) of each code point, by table: no Python work per character."""
    if len(cps) == 0 or cps.max() <= 0xFFFF:
        return _LOWER[cps], _CLASS[cps]
    big = cps > 0xFFFF
    low = np.minimum(cps, 0xFFFF)
    lowered, cls = _LOWER[low], _CLASS[low]
    lowered[big] = cps[big]
    cls[big] = np.where((cps[big] >= 0x20000) & (cps[big] < 0x40000), 2, 0)  # CJK extensions B and later
    return lowered, cls


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads every input bit over the whole word."""
    x = x ^ (x >> _U64(30))
    x *= _M1
    x ^= x >> _U64(27)
    x *= _M2
    x ^= x >> _U64(31)
    return x


def _powers(base: np.uint64, n: int) -> np.ndarray:
    pw = np.empty(max(n, 1), dtype=np.uint64)
    pw[0] = 1
    pw[1:] = base
    return np.cumprod(pw, out=pw)  # wraps mod 2**64, as intended


def is_spaceless_language(lang: str | None) -> bool:
    if not lang:
        return False
    return lang.lower().replace("_", "-").split("-")[0] in SPACELESS_LANGS


def _codepoints(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of the texts joined by newlines, and each text's start offset."""
    lens = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        np.cumsum(lens[:-1], out=starts[1:])
    cps = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return cps, starts


def _spaceless_share(cls: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per text: share of its word characters that belong to scripts written without spaces."""
    if len(cls) == 0:
        return np.zeros(len(starts))
    nw = np.add.reduceat((cls > 0).astype(np.int64), starts)
    ns = np.add.reduceat((cls == 2).astype(np.int64), starts)
    return ns / np.maximum(nw, 1)


def _char_mode(cls: np.ndarray, starts: np.ndarray, languages: Sequence[str | None] | None, share: float) -> np.ndarray:
    n = len(starts)
    out = np.zeros(n, dtype=bool)
    unknown = np.ones(n, dtype=bool)
    if languages is not None:
        for i, lang in enumerate(languages):
            if lang:
                out[i] = is_spaceless_language(lang)
                unknown[i] = False
    if unknown.any() and len(cls) and (cls == 2).any():
        out[unknown] = _spaceless_share(cls, starts)[unknown] >= share
    return out


def use_char_shingles(texts: Sequence[str], languages: Sequence[str | None] | None, share: float = 0.3) -> np.ndarray:
    """Which texts to shingle by characters: a spaceless language, else a spaceless script share."""
    if not texts:
        return np.zeros(0, dtype=bool)
    cps, starts = _codepoints(texts)
    return _char_mode(_classify(cps)[1], starts, languages, share)


def _combine(h: np.ndarray, doc: np.ndarray, ndocs: int, n: int, flag: np.ndarray,
             unit_line: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """n-gram hashes over per-unit hashes ``h`` (sorted by ``doc``); a document with fewer than n
    units gets one shingle of all of them, so short texts still have a signature. A shingle is
    flagged when all its units are. With ``unit_line`` (see :func:`_long_line_of`), also each
    flagged shingle's long line, its last unit's (-1 for a shingle not flagged)."""
    m = len(h) - n + 1
    if m > 0:
        s = h[:m] * _NGRAM_WEIGHTS[0]
        for j in range(1, n):
            s += h[j : j + m] * _NGRAM_WEIGHTS[j]
        valid = doc[:m] == doc[n - 1 : n - 1 + m]
        unflagged = np.concatenate(([0], np.cumsum(~flag)))
        sf = (unflagged[n : n + m] - unflagged[:m]) == 0
        s, sd, sf = s[valid], doc[:m][valid], sf[valid]
        sl = unit_line[n - 1 : n - 1 + m][valid] if unit_line is not None else None
    else:
        s, sd, sf = np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, bool)
        sl = np.zeros(0, np.int32)
    counts = np.bincount(doc, minlength=ndocs) if len(doc) else np.zeros(ndocs, np.int64)
    short = np.flatnonzero((counts > 0) & (counts < n))
    if len(short):
        first = np.searchsorted(doc, short)
        extra = np.zeros(len(short), np.uint64)
        for k, (f, c) in enumerate(zip(first.tolist(), counts[short].tolist())):
            extra[k] = np.sum(h[f : f + c] * _NGRAM_WEIGHTS[:c], dtype=np.uint64)
        s = np.concatenate([s, extra])
        sd = np.concatenate([sd, short.astype(np.int64)])
        sf = np.concatenate([sf, np.zeros(len(short), bool)])
        order = np.argsort(sd, kind="stable")
        s, sd, sf = s[order], sd[order], sf[order]
        if sl is not None:
            sl = np.concatenate([sl, np.full(len(short), -1, np.int32)])[order]
    if unit_line is None:
        return mix64(s), sd, sf
    return mix64(s), sd, sf, np.where(sf, sl, -1).astype(np.int32)


def _long_line_of(long: np.ndarray, low: np.ndarray, pos: np.ndarray, doc: np.ndarray, ndocs: int) -> np.ndarray:
    """For units at code-point positions ``pos`` (sorted, of documents ``doc``): the number of their
    line among their document's long lines (0: its first, the document's *lead*, which reprints
    rewrite; see near_dedup), or -1 off long lines."""
    out = np.full(len(pos), -1, np.int32)
    if not long.any():
        return out
    line = np.searchsorted(np.flatnonzero(low == 10), pos[long])  # texts are joined by newlines: lines are per document
    d = doc[long]
    rank = np.cumsum(np.concatenate(([True], line[1:] != line[:-1]))) - 1  # the long line's rank in the batch
    first = np.zeros(ndocs, np.int64)
    starts = np.flatnonzero(np.concatenate(([True], d[1:] != d[:-1])))
    first[d[starts]] = rank[starts]
    out[long] = rank - first[d]
    return out


def _with_lines(h: np.ndarray, doc: np.ndarray, ndocs: int, n: int, long: np.ndarray, low: np.ndarray, pos: np.ndarray,
                lines: bool) -> tuple[np.ndarray, ...]:
    """(hashes, document, on long lines), and with ``lines`` each shingle's long line."""
    return _combine(h, doc, ndocs, n, long, _long_line_of(long, low, pos, doc, ndocs) if lines else None)


def _long_lines(cps: np.ndarray, pos: np.ndarray, min_units: int) -> np.ndarray:
    """For units at code-point positions ``pos``: whether their line holds at least ``min_units`` units."""
    if min_units <= 0 or len(pos) == 0:
        return np.ones(len(pos), bool)
    line = np.searchsorted(np.flatnonzero(cps == 10), pos)
    return np.bincount(line)[line] >= min_units


def _word_shingles(low: np.ndarray, word: np.ndarray, starts: np.ndarray, ngram: int, line_words: int, lines: bool = False):
    n = len(low)
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    st = np.flatnonzero(edges == 1)
    en = np.flatnonzero(edges == -1)
    pw = _powers(_P, n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(low * pw[:n], out=prefix[1:])
    # (prefix[e] - prefix[s]) * P^(n-s) * P^-n = sum_{k in [s,e)} c_k P^(k-s): the same value
    # wherever the token occurs (one table of powers; P^-n is one scalar).
    inv_n = _U64(pow(int(_P_INV), n, 2**64))
    tok = mix64((prefix[en] - prefix[st]) * pw[n - st] * inv_n + (en - st).astype(np.uint64))
    doc = np.searchsorted(starts, st, side="right") - 1
    return _with_lines(tok, doc, len(starts), ngram, _long_lines(low, st, line_words), low, st, lines)


def _line_words(word: np.ndarray, pos: np.ndarray, newline: np.ndarray) -> np.ndarray:
    """For code points at ``pos``: how many words (runs of word characters) their line holds."""
    starts = np.flatnonzero(np.diff(word.view(np.int8), prepend=np.int8(0)) == 1)
    breaks = np.flatnonzero(newline)
    per_line = np.bincount(np.searchsorted(breaks, starts), minlength=len(breaks) + 1)
    return per_line[np.searchsorted(breaks, pos)]


def _letter_shingles(cps: np.ndarray, low: np.ndarray, word: np.ndarray, starts: np.ndarray, ngram: int, line_words: int, lines: bool = False):
    pos = np.flatnonzero(word)
    folded = low[pos].copy()
    small = cps[pos] <= 0xFFFF
    folded[small] = _FOLDED[cps[pos][small]]
    h = mix64(folded.astype(np.uint64) + _U64(0x1E77E5))
    doc = np.searchsorted(starts, pos, side="right") - 1
    flag = _line_words(word, pos, low == 10) >= line_words if line_words > 0 else np.ones(len(pos), bool)
    return _with_lines(h, doc, len(starts), ngram, flag, low, pos, lines)


def _char_shingles(low: np.ndarray, word: np.ndarray, starts: np.ndarray, ngram: int, line_words: int, lines: bool = False):
    pos = np.flatnonzero(word)
    h = mix64(low[pos].astype(np.uint64) + _U64(0x51ED27))
    doc = np.searchsorted(starts, pos, side="right") - 1
    return _with_lines(h, doc, len(starts), ngram, _long_lines(low, pos, 2 * line_words), low, pos, lines)


def _empty(lines: bool = False) -> tuple[np.ndarray, ...]:
    out = (np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, bool))
    return out + (np.zeros(0, np.int32),) if lines else out


def _check(ngram: int) -> None:
    if not 1 <= ngram <= MAX_NGRAM:
        raise ValueError(f"ngram must be between 1 and {MAX_NGRAM}")


def word_shingles(texts: Sequence[str], ngram: int, line_words: int = 0, lines: bool = False) -> tuple[np.ndarray, ...]:
    """(shingle hashes uint64, document index int64, in-long-lines flag), grouped by document in
    input order. Tokens are runs of word characters, lower-cased. The flag marks shingles whose
    words all sit on lines of ``line_words`` words or more."""
    _check(ngram)
    if not texts:
        return _empty(lines)
    cps, starts = _codepoints(texts)
    low, cls = _classify(cps)
    return _word_shingles(low, cls > 0, starts, ngram, line_words, lines)


def char_shingles(texts: Sequence[str], ngram: int, line_words: int = 0, lines: bool = False) -> tuple[np.ndarray, ...]:
    """Character n-grams over the word characters of each text (spaces and punctuation skipped).
    A line counts as long with ``2 * line_words`` characters (a word of these scripts is 1-3)."""
    _check(ngram)
    if not texts:
        return _empty(lines)
    cps, starts = _codepoints(texts)
    low, cls = _classify(cps)
    return _char_shingles(low, cls > 0, starts, ngram, line_words, lines)


def letter_shingles(texts: Sequence[str], ngram: int, line_words: int = 0, lines: bool = False) -> tuple[np.ndarray, ...]:
    """n-grams of the word characters of each text, spaces and punctuation skipped, lower-cased,
    digits folded to ``0``. The flag marks shingles whose letters all sit on lines of ``line_words``
    words or more (counted as words, as for :func:`word_shingles`)."""
    _check(ngram)
    if not texts:
        return _empty(lines)
    cps, starts = _codepoints(texts)
    low, cls = _classify(cps)
    return _letter_shingles(cps, low, cls > 0, starts, ngram, line_words, lines)


UNITS = ("letters", "words")


def shingles(
    texts: Sequence[str],
    ngram: int = 5,
    char_ngram: int = 5,
    languages: Sequence[str | None] | None = None,
    line_words: int = 0,
    share: float = 0.3,
    units: str = "words",
    lines: bool = False,
) -> tuple[np.ndarray, ...]:
    """Shingle hashes of a batch: ``ngram``-grams of words (``units="words"``) or of letters
    (``"letters"``, see :func:`letter_shingles`), or character n-grams for texts in a spaceless
    language (``languages[i]``, else at least ``share`` of the word characters in such scripts).
    Returns (hashes, document index, flag of shingles on long lines; see :func:`word_shingles`);
    with ``lines``, a fourth array: each shingle's long line in its document (0: its first, the lead;
    -1 off long lines; see :func:`_long_line_of`)."""
    _check(ngram)
    _check(char_ngram)
    if units not in UNITS:
        raise ValueError(f"units must be one of {', '.join(UNITS)}")
    if not texts:
        return _empty(lines)
    cps, starts = _codepoints(texts)
    low, cls = _classify(cps)
    chars = _char_mode(cls, starts, languages, share)
    spaced = letter_shingles if units == "letters" else word_shingles
    if not chars.any():
        if units == "letters":
            return _letter_shingles(cps, low, cls > 0, starts, ngram, line_words, lines)
        return _word_shingles(low, cls > 0, starts, ngram, line_words, lines)
    parts_s, parts_d, parts_f = [], [], []
    for mask, fn, n in ((~chars, spaced, ngram), (chars, char_shingles, char_ngram)):
        idx = np.flatnonzero(mask)
        if len(idx):
            s, d, *rest = fn([texts[i] for i in idx], n, line_words, lines)
            parts_s.append(s)
            parts_d.append(idx[d])
            parts_f.append(rest)
    s, d = np.concatenate(parts_s), np.concatenate(parts_d)
    order = np.argsort(d, kind="stable")
    return (s[order], d[order], *(np.concatenate(cols)[order] for cols in zip(*parts_f)))
