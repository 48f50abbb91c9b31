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

import regex


def _property_chars(prop: str) -> str:
    # Scan the planes that hold assigned sentence terminals; done once at import (~10 ms).
    every = "".join(map(chr, range(0x20000)))
    return "".join(regex.findall(rf"\p{{{prop}}}", every))


TERMINAL_PUNCTUATION: frozenset[str] = frozenset(_property_chars("Sentence_Terminal") + "\u17d6\u17d9\u17da")

_TYPOGRAPHIC = "‘’“”„«»‹›´–—…►━∶、，；：？！（）［］【】「」『』〈〉《》．。～％"
_CONTROLS = "".join(chr(c) for c in (*range(0, 9), *range(11, 32), *range(127, 160)))
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

SYMBOL_CHARS: str = "".join(sorted(set(_ASCII_PUNCT + _CONTROLS + _TYPOGRAPHIC) | TERMINAL_PUNCTUATION))
