"""A fast word tokenizer that needs no model: one regex substitution, then ``str.split``.

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
decide as datatrove does on >= 99.8% of pages. One pass of ``regex.sub`` touches only the
punctuation marks (a few cheaper passes handle contractions, units, CJK and Thai when the text
has them); ``str.split`` (C speed) does the rest.
"""

from __future__ import annotations

import re

import regex

# Short forms that keep their final period (titles, months, US states, a few common ones).
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Messrs|Dr|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|Mt|Gov|Sen|Rep|Gen|Prof|Adm|Rev|Bros|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Neb|Nev|"
    "Okla|Ore|Pa|Tenn|Va|Wash|Wis"
)
_CLITIC = r"(?:[sSmMdD]|re|ve|ll|RE|VE|LL)\b"

# The main pass: every match is a token to isolate (rewritten as " <match> "). One branch per
# mark, each saying when that mark stays inside a word; the lookahead up front lets the engine
# skip to the next mark fast (dispatching on the mark first, rather than testing every exception
# on every mark, takes a third off the tokenizer's time; tests/steps/quality/test_tokens.py pins
# it to the rules as first written, one alternation of exceptions for all marks).
_PUNCT_RE = regex.compile(
    rf"""
    (?=[^\w\s@])                                     # a mark; "@" always stays inside (@handle, e-mail)
    (?:
        [^\w\s.…\~\-'’&,:/+–−@(\[{{"\)\]}}]          # marks that are always a token of their own
      | [,:/] (?! (?<=\d.) \d )                      # 1,000 10:30 24/7
      | \. (?:
            \.++                                     # a run of dots is one token
          | (?!
                [\p{{Ll}}\d]                           # example.com 3.5 .net
              | (?<=(?<![\w.])(?:{_ABBREVIATIONS})\.)  # Mr.
              | (?<=(?<![\w.])\p{{Lu}}\.)              # capital initial: C.
              | (?<=\.\p{{L}}\.)                       # end of U.S. e.g.
              | (?<=(?<![\w.])\p{{Ll}}\.) \p{{L}}\.      # start of e.g.
              | (?<=\d[mgt]\.) (?!\w)                  # £5m. (a one-letter unit keeps its period)
            )
        )
      | ' (?:
            '++                                      # a run
          | (?<=\w') {_CLITIC}                       # it|'s
          | (?! (?<=\w') \w | (?<=\w[(\[{{]') )       # O'Neil; ga('send
        )
      | - (?: -++ | (?! (?<=\p{{L}}-) \d ) )           # a run; COVID-19
      | [(\[{{] (?! (?<=\w.) [\w'"] )                # f(x ga('send: inside a word, an opening bracket stays
      | [)\]}}] (?! \w )                             # a)b: and so does a closing one
      | " (?! (?<=\w[(\[{{]") )                       # f("x: a quote after a bracket inside a word
      | ’ (?: (?<=\w’) {_CLITIC} | (?! (?<=\w’) \w ) )  # it|’s O’Neil
      | & (?! (?<=\w&) \w )                          # AT&T
      | \+ (?! \w | (?<=\p{{L}}\+) )                   # +44 Disney+
      | [–−] (?! (?<=\d.) \d )                       # 2–3
      | …++ | \~++                                   # runs
    )
    """,
    regex.VERBOSE | regex.V1,
)
_NT_RE = regex.compile(r"\Bn['’]t\b")  # do|n't
# A number is split from a unit written against it: 5|km £11.8|m 10|am
_UNITS = (
    "km²|km³|m²|m³|cm²|cm³|mm²|mm³|km|dm|cm|mm|ha|µm|nm|yd|in|ft|kg|mg|µg|lb|oz|mph|hPa|Pa|mbar"
    "|mb|MB|kb|KB|gb|GB|tb|TB|am|pm|m|g|t|T|G|M|K"
)
# The class of the units' first letters up front: the engine rules out most digits with one test
# instead of trying every unit (half the time of this pass).
_UNIT_RE = regex.compile(
    rf"\d(?=[{''.join(sorted({u[0] for u in _UNITS.split('|')}))}])(?=(?:{_UNITS})(?![\w²³]))"
)
_URL_RE = regex.compile(r"""((?<!\w)(?:https?://|www\.)[^\s]*[^\s.,;:!?)\]}"'’”»])""")
# Plain code-point ranges: the standard library's engine scans for these several times faster.
_NO_SPACE_SCRIPTS_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_THAI_CUT_RE = re.compile(r"[\u0e01-\u0e3a\u0e45-\u0e5b](?=[\u0e40-\u0e44])")
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
_SPLIT_KEYS = frozenset(_SPLIT_WORDS)


def _space_plain(text: str) -> str:
    if "n't" in text or "n’t" in text:
        text = _NT_RE.sub(r" \g<0>", text)
    text = _PUNCT_RE.sub(r" \g<0> ", text)
    text = _UNIT_RE.sub(r"\g<0> ", text)
    if not text.isascii() and _NO_SPACE_SCRIPTS_RE.search(text):
        text = _CJK_RE.sub(r" \g<0> ", text)
        text = _THAI_CUT_RE.sub(r"\g<0> ", text)
    return text


def _split_word(m: regex.Match) -> str:
    a, b = _SPLIT_WORDS[m.group(1)]
    return f"{a} {b}"


def spaced_tokens(text: str) -> tuple[str, list[str]]:
    """``(spaced, tokens)``: ``text`` with a space inserted wherever a token boundary has none,
    and ``spaced.split()``. Line breaks stay where they were."""
    if "://" in text or "www." in text:
        parts = _URL_RE.split(text)  # odd items are URLs, kept whole
        out = " ".join(part if i % 2 else _space_plain(part) for i, part in enumerate(parts))
    else:
        out = _space_plain(text)
    tokens = out.split()
    present = _SPLIT_KEYS.intersection(tokens)
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
