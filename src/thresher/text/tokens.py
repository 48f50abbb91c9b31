"""A fast word tokenizer that needs no model: one compiled pass inserts spaces, then ``str.split``.

Why not plain ``\\w+``: the quality rule sets (Gopher, C4, FineWeb) are defined, and run by
datatrove, over the tokens of spaCy's English tokenizer, where punctuation marks are tokens too.
Several of their ratios have *all* tokens as the denominator (the share of words with a letter,
hashes per word, newlines per word), so a tokenizer that dropped punctuation would move the
typical English page across the 0.8 alphabetic-word threshold. This tokenizer follows the same
segmentation conventions, as rules written here from observed behaviour:

* text splits at whitespace; a punctuation or symbol character is a token of its own, except:
  ``.`` before a lowercase letter or digit (``example.com``, ``3.5``, ``.net``), ``,`` ``:`` ``/``
  between digits (``1,000``, ``10:30``, ``24/7``), an apostrophe between letters (``O'Neil``),
  ``&`` between letters (``AT&T``), ``-`` between a letter and a digit (``COVID-19``), an en dash
  between digits (``2–3``), ``+`` before a letter or digit or after a letter (``+44``,
  ``Disney+``), brackets inside a word (``f(x``, ``a)b``), and ``@`` (``@handle``, e-mail
  addresses), which stay inside;
* a run of dots (``...``), of ``…``, of ``-`` (``--``), of ``~`` or of ``'`` is one token;
* dotted abbreviations keep their periods (``U.S.``, ``e.g.``, ``a.m.``, a capital initial
  ``C.``, titles and short forms such as ``Mr.``, ``Calif.``); other final periods split off;
* clitics are tokens: ``do n't``, ``it 's``, ``we 're``, also without the apostrophe (``do nt``,
  ``i m``), as are ``can not``, ``gon na``, ``got ta``;
* URLs are one token (without trailing punctuation); a number is split from a following unit
  (``5 km``, ``10 am``).

Languages written without spaces get word counts that make sense instead of one "word" per
sentence: every Han, Hiragana or Katakana character is a token (the usual unit of CJK n-gram
statistics), and Thai runs are cut before each leading vowel (เ แ โ ใ ไ), a cheap approximation
of syllables. Hangul is written with spaces and is tokenised like Latin script.

The rules are a heuristic, not spaCy: on the parity pages (bench/quality_parity.py) the rule sets
decide as datatrove does on >= 99.8% of pages. thresher.text.token_spacing decides where the
spaces go in one compiled pass over the text's code points (its docstring states the rules
exactly); URLs are set aside before it and the split words (``cannot``, ``dont``) handled after
it, both only when the text has them; ``str.split`` (C speed) does the rest.
"""

from __future__ import annotations

import regex

from thresher.text.token_spacing import space_out

_URL_RE = regex.compile(r"""((?<!\w)(?:https?://|www\.)[^\s]*[^\s.,;:!?)\]}"'’”»])""")
_SPLIT_WORDS = {
    "cannot": ("can", "not"), "gonna": ("gon", "na"), "gotta": ("got", "ta"),
    **{w + "nt": (w, "nt") for w in
       ("do", "does", "did", "is", "was", "were", "are", "ca", "wo", "could", "should", "would",
        "has", "have", "had", "ai", "must", "need")},
    "im": ("i", "m"), "ive": ("i", "ve"), "youre": ("you", "re"), "theyre": ("they", "re"),
    "shes": ("she", "s"), "hes": ("he", "s"), "thats": ("that", "s"), "whats": ("what", "s"),
}
# The same words capitalised and in capitals.
_SPLIT_WORDS.update(
    {k.capitalize(): (a.capitalize(), b) for k, (a, b) in list(_SPLIT_WORDS.items())}
    | {k.upper(): (a.upper(), b.upper()) for k, (a, b) in list(_SPLIT_WORDS.items())}
)
#: Tokens that the last pass splits in two ("cannot" -> "can not").
SPLIT_WORDS: frozenset[str] = frozenset(_SPLIT_WORDS)
#: Where it splits each of them: the length of the first part ("cannot": 3).
SPLIT_AT: dict[str, int] = {k: len(a) for k, (a, _) in _SPLIT_WORDS.items()}


def _split_word(m: regex.Match) -> str:
    a, b = _SPLIT_WORDS[m.group(1)]
    return f"{a} {b}"


def has_urls(text: str) -> bool:
    """Might ``text`` hold a URL (kept whole as one token)? Pages without one can be spaced by
    :func:`thresher.text.token_spacing.spaced_codes` alone, up to the split words."""
    return "://" in text or "www." in text


def spaced_tokens(text: str) -> tuple[str, list[str]]:
    """``(spaced, tokens)``: ``text`` with a space inserted wherever a token boundary has none,
    and ``spaced.split()``. Line breaks stay where they were."""
    if has_urls(text):
        parts = _URL_RE.split(text)  # odd items are URLs, kept whole
        out = " ".join(part if i % 2 else space_out(part) for i, part in enumerate(parts))
    else:
        out = space_out(text)
    tokens = out.split()
    present = SPLIT_WORDS.intersection(tokens)
    if present:
        # a pattern of just the words present: the full alternation tried at every position
        # costs more than compiling (cached by the regex module) this short one
        words = "|".join(sorted(map(regex.escape, present), key=len, reverse=True))
        out = regex.sub(rf"(?<!\S)({words})(?!\S)", _split_word, out)
        tokens = out.split()
    return out, tokens


def tokenize(text: str) -> list[str]:
    """Tokens of ``text``: words and punctuation marks, in order (see the module docstring)."""
    return spaced_tokens(text)[1]
