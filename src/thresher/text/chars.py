"""Character classes the quality rule sets are defined with.

``TERMINAL_PUNCTUATION``: the characters that end a sentence in any script, i.e. Unicode's
Sentence_Terminal property (``. ! ? 。 ！ ？ ‼ । ؟ …``) plus three Khmer signs that datatrove
also counts. FineWeb's "line ends with punctuation" and C4's sentence counts use it.

``SYMBOL_CHARS``: what a token may consist of and still not count as a word in the Gopher
quality rules: ASCII punctuation, control characters other than tab and newline, the sentence
terminals, and common typographic marks (dashes, curly quotes, guillemets, ellipsis, CJK and
fullwidth brackets and punctuation). Differs from datatrove 0.10.1's set in two deliberate ways:
the left single quotation mark ‘ is a symbol here (datatrove lists ’ but forgot ‘, so a lone ‘
counts as a word there), and the fullwidth digit １ is not (datatrove lists it as punctuation).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import regex

from thresher.disk_cache import cached, key

# Every assigned-or-not code point up to the end of the CJK supplementary planes (0x323AF),
# surrogates left out; above that there are no letters, spaces or punctuation worth a flag.
# Scanned by C-level filters and regex.findall: about 0.05 s, so the results are kept on disk
# (thresher.disk_cache, keyed by this file, regex's and Unicode's versions).
_LAST = 0x323AF


def _every() -> str:
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, _LAST + 1)))


def _terminals(every: str) -> frozenset[str]:
    return frozenset("".join(regex.findall(r"\p{Sentence_Terminal}", every)) + "\u17d6\u17d9\u17da")


_TYPOGRAPHIC = "‘’“”„«»‹›´–—…►━∶、，；：？！（）［］【】「」『』〈〉《》．。～％"
_CONTROLS = "".join(chr(c) for c in (*range(0, 9), *range(11, 32), *range(127, 160)))
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _symbols(terminals: frozenset[str]) -> str:
    return "".join(sorted(set(_ASCII_PUNCT + _CONTROLS + _TYPOGRAPHIC) | terminals))


# -- per-code-point flags, for numpy over a text's code points ----------------------------------
SPACE, SYMBOL, LETTER, PUNCT, TERMINAL, LINE_BREAK = 1, 2, 4, 8, 16, 32


def _flag_table(every: str, terminals: frozenset[str], symbols: str) -> np.ndarray:
    """uint8 flags for every code point: whitespace (``str.isspace``, what ``str.split`` splits
    on), symbol (SYMBOL_CHARS, never whitespace), letter (``str.isalpha``), punctuation (Unicode
    category P*), sentence terminal, line break (what ``str.splitlines`` splits on)."""
    table = np.zeros(0x110000, dtype=np.uint8)

    def mark(chars: str, flag: int) -> None:
        if chars:
            table[np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32)] |= flag

    spaces = "".join(filter(str.isspace, every))
    mark(spaces, SPACE)
    mark("".join(c for c in symbols if not c.isspace()), SYMBOL)
    mark("".join(filter(str.isalpha, every)), LETTER)
    mark("".join(regex.findall(r"\p{P}", every)), PUNCT)
    mark("".join(terminals), TERMINAL)
    mark("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", LINE_BREAK)
    return table


def _build() -> tuple[frozenset[str], str, np.ndarray]:
    every = _every()
    terminals = _terminals(every)
    symbols = _symbols(terminals)
    return terminals, symbols, _flag_table(every, terminals, symbols)


TERMINAL_PUNCTUATION: frozenset[str]
SYMBOL_CHARS: str
#: Read-only flag table indexed by code point (1.1 MB).
FLAGS: np.ndarray
TERMINAL_PUNCTUATION, SYMBOL_CHARS, FLAGS = cached(
    key(__name__, Path(__file__).read_bytes(), regex.__version__, unicodedata.unidata_version), _build)
FLAGS.flags.writeable = False
