"""Where the tokenizer puts spaces: one compiled pass over a text's code points.

``space_out(text)`` returns ``text`` with spaces inserted at the token boundaries of
thresher.text.tokens's rules (its module docstring says why these rules). The result is a
function of how many spaces go into each *gap* (before the first character, between two
neighbours, after the last), decided from the text as follows. Character classes are the
``regex`` module's: *word* ``\\w`` (alphabetic, marks, decimal digits, connector punctuation,
join controls), *space* ``\\s`` (White_Space), *digit* ``\\d`` (Nd), *lower* ``\\p{Ll}``, *upper*
``\\p{Lu}``, *letter* ``\\p{L}``; a *mark* is a character that is neither word nor space.
Positions outside the text belong to no class and equal no character. ``c[i]`` is the i-th
character.

0. Negations: one space before each ``n`` of ``n't`` or ``n’t`` that follows a word character
   and is followed by a character that is not word (``do|n't``, not ``n't`` nor ``don'ts``).
   Rules 1-4 read the text with these spaces in it, as characters like any other.

1. Marks. Scan left to right from the start; at ``i``, a mark other than ``@`` *matches*
   ``c[i:e]`` (with ``e`` given below) unless the rule for its character keeps it; a match
   adds one space to gap ``i`` and one to gap ``e``, and the scan resumes at ``e``; otherwise
   (word, space, ``@``, a kept mark) the scan moves to ``i + 1``. A *run* is ``c[i:e]`` with
   ``e`` the first position after ``i`` holding another character than ``c[i]``. A *clitic*
   after ``i`` applies when ``c[i-1]`` is word and either ``c[i+1]`` is one of ``sSmMdD`` and
   ``c[i+2]`` is not word (``e = i + 2``), or ``c[i+1:i+3]`` is one of ``re ve ll RE VE LL``
   and ``c[i+3]`` is not word (``e = i + 3``). ``e = i + 1`` when not said otherwise.

   * ``.``: a run if ``c[i+1]`` is ``.``; else kept when ``c[i+1]`` is lower or digit; or
     ``c[i-k:i]`` is one of ABBREVIATIONS (``k`` its length) and ``c[i-k-1]`` is neither word
     nor ``.``; or ``c[i-1]`` is upper and ``c[i-2]`` neither word nor ``.``; or
     ``c[i-1]`` is a letter and ``c[i-2]`` is ``.``; or ``c[i-1]`` is lower, ``c[i-2]`` neither
     word nor ``.``, ``c[i+1]`` a letter and ``c[i+2]`` is ``.``; or ``c[i-1]`` is one of
     ``mgt``, ``c[i-2]`` a digit and ``c[i+1]`` not word.
   * ``'``: a run if ``c[i+1]`` is ``'``; else a clitic if one applies; else kept when
     ``c[i-1]`` and ``c[i+1]`` are word, or ``c[i-1]`` is one of ``([{`` and ``c[i-2]`` word.
   * ``’``: a clitic if one applies; else kept when ``c[i-1]`` and ``c[i+1]`` are word.
   * ``-``: a run if ``c[i+1]`` is ``-``; else kept when ``c[i-1]`` is a letter and
     ``c[i+1]`` a digit.
   * ``…`` and ``~``: always a run.
   * ``,`` ``:`` ``/`` and the en dash ``–`` and minus sign ``−``: kept when ``c[i-1]`` and
     ``c[i+1]`` are digits.
   * ``(`` ``[`` ``{``: kept when ``c[i-1]`` is word and ``c[i+1]`` is word, ``'`` or ``"``.
   * ``)`` ``]`` ``}``: kept when ``c[i+1]`` is word.
   * ``"``: kept when ``c[i-1]`` is one of ``([{`` and ``c[i-2]`` is word.
   * ``&``: kept when ``c[i-1]`` and ``c[i+1]`` are word.
   * ``+``: kept when ``c[i+1]`` is word or ``c[i-1]`` is a letter.
   * every other mark: never kept.

   Then the characters are read as they stand after step 1 (a gap with spaces reads as a
   space):

2. Units: a digit ``c[i]`` gets one more space after it when it is followed, with no space
   in between, by one of UNITS and then by a space, the end of the text, or a character that
   is not word nor ``²`` ``³``.
3. Han, Hiragana and Katakana (U+3040-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF): one more
   space on either side of each such character.
4. Thai: a character in U+0E01-0E3A or U+0E45-0E5B followed, with no space in between, by a
   leading vowel (U+0E40-0E44) gets one space after it.

This is the definition the tokenizer had as regex substitutions (a main pass for step 1, then
one per later step, each over the previous one's output); tests/steps/quality/tokens_reference.py
keeps those, and test_tokens.py pins this module to them.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import regex

from thresher.disk_cache import cached, key
from thresher.kernels import kernel

# Classes of a code point, as bits of CLASSES.
WORD, SPACE, DIGIT, LOWER, UPPER, LETTER = 1, 2, 4, 8, 16, 32


def _class_table() -> np.ndarray:
    """uint8 class bits of every code point (surrogates included: texts may hold lone ones)."""
    table = np.zeros(0x110000, dtype=np.uint8)
    every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    for pattern, bit in ((r"\w", WORD), (r"\s", SPACE), (r"\d", DIGIT), (r"\p{Ll}", LOWER),
                         (r"\p{Lu}", UPPER), (r"\p{L}", LETTER)):
        # runs, not single characters: a few hundred strings instead of 150,000
        chars = "".join(regex.findall(pattern + "+", every, flags=regex.V1))
        table[np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32)] |= bit
    return table


def _word_table(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``words`` as rows of code points (zero-padded) and their lengths, for the kernel."""
    rows = np.zeros((len(words), max(map(len, words))), dtype=np.uint32)
    for row, word in zip(rows, words):
        row[: len(word)] = [ord(ch) for ch in word]
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    rows.flags.writeable = lengths.flags.writeable = False
    return rows, lengths


#: Read-only class bits indexed by code point (1.1 MB). Built once per machine (0.06 s of regex
#: scans over every code point) and kept on disk, keyed by this file, regex's and Unicode's versions.
CLASSES: np.ndarray = cached(key(__name__, Path(__file__).read_bytes(), regex.__version__, unicodedata.unidata_version),
                             _class_table)
CLASSES.flags.writeable = False

#: Short forms that keep their final period (titles, months, US states, a few common ones).
ABBREVIATIONS: tuple[str, ...] = (
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "vs", "Mt",
    "Gov", "Sen", "Rep", "Gen", "Prof", "Adm", "Rev", "Bros",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
    "Va", "Wash", "Wis",
)
#: Units split from a number written against them: 5|km £11.8|m 10|am
UNITS: tuple[str, ...] = (
    "km²", "km³", "m²", "m³", "cm²", "cm³", "mm²", "mm³", "km", "dm", "cm", "mm", "ha", "µm", "nm",
    "yd", "in", "ft", "kg", "mg", "µg", "lb", "oz", "mph", "hPa", "Pa", "mbar", "mb", "MB", "kb",
    "KB", "gb", "GB", "tb", "TB", "am", "pm", "m", "g", "t", "T", "G", "M", "K",
)

# Code points the kernel tests for by value.
_DOT, _APOS, _RSQUO, _QUOTE, _HYPHEN, _AT = map(ord, ".'’\"-@")
_ELLIPSIS, _TILDE, _AMP, _PLUS, _EN_DASH, _MINUS = map(ord, "…~&+–−")
_COMMA, _COLON, _SLASH = map(ord, ",:/")
_LPAREN, _LBRACKET, _LBRACE, _RPAREN, _RBRACKET, _RBRACE = map(ord, "([{)]}")
_SUP2, _SUP3 = map(ord, "²³")


@kernel
def _char(cps, j):
    """The code point at ``j``, or -1 outside the text."""
    if 0 <= j < len(cps):
        return np.int64(cps[j])
    return np.int64(-1)


@kernel
def _has(cps, classes, j, bits):
    """Whether the character at ``j`` has any of the class ``bits`` (never outside the text)."""
    return 0 <= j < len(cps) and (classes[cps[j]] & bits) != 0


@kernel
def _opens_word(cps, classes, j):
    """Whether ``c[j]`` is neither word nor ``.`` (the ``(?<![\\w.])`` before a short form)."""
    return not _has(cps, classes, j, WORD) and _char(cps, j) != _DOT


@kernel
def _is_bracket_open(ch):
    return ch == _LPAREN or ch == _LBRACKET or ch == _LBRACE


@kernel
def _run_end(cps, i):
    j = i + 1
    while j < len(cps) and cps[j] == cps[i]:
        j += 1
    return j


@kernel
def _clitic_end(cps, classes, i):
    """End of the clitic after the apostrophe at ``i``, or 0 when none applies."""
    if not _has(cps, classes, i - 1, WORD):
        return 0
    a, b = _char(cps, i + 1), _char(cps, i + 2)
    if (a == 115 or a == 83 or a == 109 or a == 77 or a == 100 or a == 68) and not _has(cps, classes, i + 2, WORD):
        return i + 2  # s S m M d D
    if (
        (a == 114 and b == 101) or (a == 118 and b == 101) or (a == 108 and b == 108)  # re ve ll
        or (a == 82 and b == 69) or (a == 86 and b == 69) or (a == 76 and b == 76)  # RE VE LL
    ) and not _has(cps, classes, i + 3, WORD):
        return i + 3
    return 0


@kernel
def _ends_with(cps, end, rows, lengths, w):
    """Whether ``c[end - len(word w):end]`` is word ``w`` of ``rows``."""
    k = lengths[w]
    if end - k < 0 or end > len(cps):
        return False
    for m in range(k):
        if cps[end - k + m] != rows[w, m]:
            return False
    return True


@kernel
def _keeps_dot(cps, classes, i, abbrevs, abbrev_lengths):
    """Whether the single ``.`` at ``i`` stays inside its word (rule 1, ``.``)."""
    if _has(cps, classes, i + 1, LOWER | DIGIT):
        return True
    before = _char(cps, i - 1)
    if not _has(cps, classes, i - 1, LETTER):
        return False  # every other exception has a letter before the dot
    # A short form is all word characters and has no word character before it: it is the whole
    # run of word characters before the dot (so one run to compare, not every short form).
    start = i - 1
    while start > 0 and i - start <= abbrevs.shape[1] and _has(cps, classes, start - 1, WORD):
        start -= 1
    if _char(cps, start - 1) != _DOT:
        for w in range(len(abbrev_lengths)):
            if abbrev_lengths[w] == i - start and _ends_with(cps, i, abbrevs, abbrev_lengths, w):
                return True
    if _has(cps, classes, i - 1, UPPER) and _opens_word(cps, classes, i - 2):
        return True
    if _char(cps, i - 2) == _DOT:
        return True
    if (_has(cps, classes, i - 1, LOWER) and _opens_word(cps, classes, i - 2)
            and _has(cps, classes, i + 1, LETTER) and _char(cps, i + 2) == _DOT):
        return True
    return ((before == 109 or before == 103 or before == 116)  # m g t
            and _has(cps, classes, i - 2, DIGIT) and not _has(cps, classes, i + 1, WORD))


@kernel
def _match_end(cps, classes, i, abbrevs, abbrev_lengths):
    """End of the match of the mark at ``i`` (rule 1), or ``i`` when it is kept."""
    ch = np.int64(cps[i])
    if ch == _DOT:
        if _char(cps, i + 1) == _DOT:
            return _run_end(cps, i)
        return i if _keeps_dot(cps, classes, i, abbrevs, abbrev_lengths) else i + 1
    if ch == _APOS or ch == _RSQUO:
        if ch == _APOS and _char(cps, i + 1) == _APOS:
            return _run_end(cps, i)
        end = _clitic_end(cps, classes, i)
        if end:
            return end
        if _has(cps, classes, i - 1, WORD) and _has(cps, classes, i + 1, WORD):
            return i
        if ch == _APOS and _is_bracket_open(_char(cps, i - 1)) and _has(cps, classes, i - 2, WORD):
            return i
        return i + 1
    if ch == _HYPHEN:
        if _char(cps, i + 1) == _HYPHEN:
            return _run_end(cps, i)
        return i if _has(cps, classes, i - 1, LETTER) and _has(cps, classes, i + 1, DIGIT) else i + 1
    if ch == _ELLIPSIS or ch == _TILDE:
        return _run_end(cps, i)
    if ch == _COMMA or ch == _COLON or ch == _SLASH or ch == _EN_DASH or ch == _MINUS:
        return i if _has(cps, classes, i - 1, DIGIT) and _has(cps, classes, i + 1, DIGIT) else i + 1
    if _is_bracket_open(ch):
        after = _char(cps, i + 1)
        kept = _has(cps, classes, i - 1, WORD) and (
            _has(cps, classes, i + 1, WORD) or after == _APOS or after == _QUOTE)
        return i if kept else i + 1
    if ch == _RPAREN or ch == _RBRACKET or ch == _RBRACE:
        return i if _has(cps, classes, i + 1, WORD) else i + 1
    if ch == _QUOTE:
        kept = _is_bracket_open(_char(cps, i - 1)) and _has(cps, classes, i - 2, WORD)
        return i if kept else i + 1
    if ch == _AMP:
        return i if _has(cps, classes, i - 1, WORD) and _has(cps, classes, i + 1, WORD) else i + 1
    if ch == _PLUS:
        return i if _has(cps, classes, i + 1, WORD) or _has(cps, classes, i - 1, LETTER) else i + 1
    return i + 1


@kernel
def _unit_follows(cps, classes, gaps, i, units, unit_lengths):
    """Rule 2 for the digit at ``i``, over the text as it stands after rule 1."""
    n = len(cps)
    if i + 1 == n or gaps[i + 1] != 0 or (classes[cps[i + 1]] & LETTER) == 0:
        return False  # every unit starts with a letter (most digits are followed by another)
    for u in range(len(unit_lengths)):
        k = unit_lengths[u]
        if i + 1 + k > n:
            continue
        ok = True
        for m in range(k):
            if gaps[i + 1 + m] != 0 or cps[i + 1 + m] != units[u, m]:
                ok = False
                break
        if not ok:
            continue
        after = i + 1 + k
        if after == n or gaps[after] != 0:
            return True
        ch = np.int64(cps[after])
        if (classes[ch] & WORD) == 0 and ch != _SUP2 and ch != _SUP3:
            return True
    return False


@kernel
def _is_no_space_script(ch):
    """Han, Hiragana or Katakana (rule 3)."""
    return (0x3040 <= ch <= 0x30FF or 0x3400 <= ch <= 0x4DBF or 0x4E00 <= ch <= 0x9FFF
            or 0xF900 <= ch <= 0xFAFF)


@kernel
def gaps_of(cps, classes, abbrevs, abbrev_lengths, units, unit_lengths):
    """Spaces per gap (``len(cps) + 1`` of them) of the code points ``cps`` (rules 1-4)."""
    n = len(cps)
    gaps = np.zeros(n + 1, dtype=np.uint8)  # at most 4 per gap
    i = 0
    while i < n:  # rule 1
        ch = np.int64(cps[i])
        if (classes[ch] & (WORD | SPACE)) != 0 or ch == _AT:
            i += 1
            continue
        end = _match_end(cps, classes, i, abbrevs, abbrev_lengths)
        if end > i:
            gaps[i] += 1
            gaps[end] += 1
            i = end
        else:
            i += 1
    # Rules 2-4 in one pass. Exact because rule 2 at i reads only gaps after i, which rules 2-4
    # have not changed yet, and rule 4 at i reads gap i + 1, which rule 3 could change only for
    # a Han or Kana character at i or i + 1, and then rule 4 does not apply.
    for i in range(n):
        ch = np.int64(cps[i])
        if (classes[ch] & DIGIT) != 0 and _unit_follows(cps, classes, gaps, i, units, unit_lengths):
            gaps[i + 1] += 1
        if ch >= 0x0E01:
            if _is_no_space_script(ch):  # rule 3
                gaps[i] += 1
                gaps[i + 1] += 1
            elif ((ch <= 0x0E3A or 0x0E45 <= ch <= 0x0E5B) and i + 1 < n  # rule 4
                    and 0x0E40 <= cps[i + 1] <= 0x0E44 and gaps[i + 1] == 0):
                gaps[i + 1] += 1
    return gaps


@kernel
def spread(cps, gaps):
    """``cps`` with ``gaps[i]`` spaces before the i-th code point (and ``gaps[-1]`` after)."""
    n = len(cps)
    out = np.empty(n + gaps.sum(), dtype=cps.dtype)
    j = 0
    for i in range(n + 1):
        for _ in range(gaps[i]):
            out[j] = 32
            j += 1
        if i < n:
            out[j] = cps[i]
            j += 1
    return out


@kernel
def negation_gaps(cps, classes):
    """Spaces per gap of rule 0: one before each ``n`` that starts ``n't`` or ``n’t`` after a
    word character and before a character that is not word."""
    n = len(cps)
    gaps = np.zeros(n + 1, dtype=np.uint8)
    for i in range(1, n - 2):
        if (cps[i] == 110 and (cps[i + 1] == _APOS or cps[i + 1] == _RSQUO) and cps[i + 2] == 116
                and (classes[cps[i - 1]] & WORD) != 0 and not _has(cps, classes, i + 3, WORD)):
            gaps[i] = 1
    return gaps


@kernel
def _spaced_codes(cps, classes, abbrevs, abbrev_lengths, units, unit_lengths, negations):
    if negations:
        cps = spread(cps, negation_gaps(cps, classes))
    return spread(cps, gaps_of(cps, classes, abbrevs, abbrev_lengths, units, unit_lengths))


_ABBREVIATION_ROWS, _ABBREVIATION_LENGTHS = _word_table(ABBREVIATIONS)
_UNIT_ROWS, _UNIT_LENGTHS = _word_table(UNITS)


def spaced_codes(codes: np.ndarray, negations: bool = True) -> np.ndarray:
    """The code points ``codes`` (uint32) with the spaces of rules 0-4 inserted; rule 0 only if
    ``negations``."""
    return _spaced_codes(codes, CLASSES, _ABBREVIATION_ROWS, _ABBREVIATION_LENGTHS, _UNIT_ROWS,
                         _UNIT_LENGTHS, negations)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as uint32. One width for every text: a byte-wide variant of
    the kernels ran no faster (the class table's first 256 entries stay in cache either way)
    and doubled their compile time on a machine's first run."""
    # surrogatepass: a str may hold lone surrogates, and they are marks like any other. A
    # writable array (bytearray): numba compiles a kernel once more for read-only arguments.
    return np.frombuffer(bytearray(text.encode("utf-32-le", "surrogatepass")), dtype=np.uint32)


def spaced_code_points(text: str) -> np.ndarray:
    """The code points of ``text`` with the spaces of rules 0-4 inserted."""
    # rule 0 copies the text once more: only when there is something for it (str's search is fast)
    negations = "n't" in text or "n’t" in text
    return spaced_codes(code_points(text), negations)


def space_out(text: str) -> str:
    """``text`` with the spaces of rules 0-4 inserted."""
    return spaced_code_points(text).tobytes().decode("utf-32-le", "surrogatepass")
