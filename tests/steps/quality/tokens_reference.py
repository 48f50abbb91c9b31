"""The tokenizer as it was written before thresher.text.token_spacing compiled it: regex
substitutions, one per rule, each over the previous one's output. tests/steps/quality/test_tokens.py
pins ``thresher.text.tokens.spaced_tokens`` to ``spaced_tokens`` here, character for character."""

from __future__ import annotations

import re

import regex

from thresher.text.token_spacing import ABBREVIATIONS, UNITS
from thresher.text.tokens import _SPLIT_WORDS, _URL_RE, SPLIT_WORDS as _SPLIT_KEYS

# Short forms that keep their final period (titles, months, US states, a few common ones).
_ABBREVIATIONS = "|".join(ABBREVIATIONS)
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
_UNITS = "|".join(UNITS)
# The class of the units' first letters up front: the engine rules out most digits with one test
# instead of trying every unit (half the time of this pass).
_UNIT_RE = regex.compile(
    rf"\d(?=[{''.join(sorted({u[0] for u in _UNITS.split('|')}))}])(?=(?:{_UNITS})(?![\w²³]))"
)
# Plain code-point ranges: the standard library's engine scans for these several times faster.
_NO_SPACE_SCRIPTS_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_THAI_CUT_RE = re.compile(r"[\u0e01-\u0e3a\u0e45-\u0e5b](?=[\u0e40-\u0e44])")


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
