"""The tokenizer: punctuation marks are tokens (the rule sets' ratios count them), the common
exceptions stay whole, and languages without spaces get per-character / per-syllable words."""

from thresher.text.tokens import tokenize


def test_punctuation_marks_are_tokens():
    assert tokenize('He said: "Hello, world!" (twice)') == [
        "He", "said", ":", '"', "Hello", ",", "world", "!", '"', "(", "twice", ")",
    ]


def test_numbers_abbreviations_and_urls_stay_whole():
    assert tokenize("U.S. sales rose 3.5% to $1,000 on 10:30 a.m. Mr. Smith said.") == [
        "U.S.", "sales", "rose", "3.5", "%", "to", "$", "1,000", "on", "10:30", "a.m.", "Mr.", "Smith", "said", ".",
    ]
    assert tokenize("see https://example.com/a?b=1. or www.bbc.co.uk, ok") == [
        "see", "https://example.com/a?b=1", ".", "or", "www.bbc.co.uk", ",", "ok",
    ]


def test_clitics_and_runs():
    assert tokenize("It's what we don't know... -- O'Neil cannot") == [
        "It", "'s", "what", "we", "do", "n't", "know", "...", "--", "O'Neil", "can", "not",
    ]


def test_hyphens_split_words_but_not_codes():
    assert tokenize("well-known COVID-19 2020-01-01") == ["well", "-", "known", "COVID-19", "2020", "-", "01", "-", "01"]


def test_cjk_counts_characters_and_thai_syllables():
    assert tokenize("中文文本。日本語") == ["中", "文", "文", "本", "。", "日", "本", "語"]
    assert tokenize("ภาษาไทย") == ["ภาษา", "ไทย"]  # cut before the leading vowel ไ
    assert tokenize("한국어 텍스트") == ["한국어", "텍스트"]  # Hangul has spaces


def test_nothing_to_tokenize():
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []


# -- the regex reference's main pass against its plain definition ------------------------------
# The rules as first written: any mark, then one alternation of every exception (each guarded
# by a lookbehind on the mark). The reference (tokens_reference.py) dispatches on the mark
# first, for speed; both must isolate exactly the same marks.
import random  # noqa: E402

import pytest  # noqa: E402

import regex  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402

import tokens_reference as _tokens  # noqa: E402

_PLAIN_PUNCT_RE = regex.compile(
    rf"""
    [^\w\s]
    (?:
        (?<=[.…~\-']) (?:(?<=\.)\.++ | (?<=…)…++ | (?<=-)-++ | (?<=~)~++ | (?<=')'++)
      | (?<=\w['’]) {_tokens._CLITIC}
      | (?!
            (?<=@)
          | (?<=\.) (?:
                [\p{{Ll}}\d]
              | (?<=(?<![\w.])(?:{_tokens._ABBREVIATIONS})\.)
              | (?<=(?<![\w.])\p{{Lu}}\.)
              | (?<=\.\p{{L}}\.)
              | (?<=(?<![\w.])\p{{Ll}}\.) \p{{L}}\.
            )
          | (?<=[,:/]) (?<=\d.) \d
          | (?<=-) (?<=\p{{L}}-) \d
          | (?<=['’&]) (?<=\w.) \w
          | (?<=\+) \w | (?<=\p{{L}}\+)
          | (?<=\d[–−]) \d
          | (?<=\d[mgt]\.) (?!\w)
          | (?<=\w[(\[{{]) [\w'"]
          | (?<=\w[(\[{{]['"])
          | (?<=[)\]}}]) \w
        )
    )
    """,
    regex.VERBOSE | regex.V1,
)
# Pieces that exercise every exception, next to each other in any order.
_PIECES = list("aAzZé19 \n.,:/'’&+–−-@([{\"')]}…~!#$%_mgtkµ“”«") + [
    "Mr", "Calif", "vs", "e.g", "U.S", "O'Neil", "it's", "don't", "we're", "£5m.", "C.", "a.m.",
    "3.5", "1,000", "10:30", "24/7", "COVID-19", "AT&T", "+44", "Disney+", "2–3", "f(x", "ga('send",
    "a)b", "...", "--", "''", "中", "ไ", "ABC", "x.y",
]


def _same_marks(text: str) -> bool:
    return _tokens._PUNCT_RE.sub(r" \g<0> ", text) == _PLAIN_PUNCT_RE.sub(r" \g<0> ", text)


def test_mark_dispatch_agrees_with_the_plain_rules_on_tricky_text():
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
        assert _same_marks(text), text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join) | st.text(max_size=40))
def test_mark_dispatch_agrees_with_the_plain_rules(text):
    assert _same_marks(text)


def test_numbers_split_from_units_only():
    assert tokenize("5km 10am 4mph 3rd 5µm 12kg2 2x 7Pa") == [
        "5", "km", "10", "am", "4", "mph", "3rd", "5", "µm", "12kg2", "2x", "7", "Pa",
    ]


# -- the compiled tokenizer against the regex reference ---------------------------------------
# thresher.text.token_spacing replaced the reference's substitutions by one pass over code
# points; spaced_tokens must give the same spaced string, character for character (the token
# tables are computed from it), and the same tokens.
from thresher.text import token_spacing  # noqa: E402
from thresher.text.tokens import spaced_tokens  # noqa: E402

# Characters where the classes or the code-point rules have edges: CJK and its marks (・ U+30FB,
# unassigned U+3040), Thai cut, lead vowels and marks (๏ U+0E4F), combining marks, a connector
# and a join control (word characters), astral letters, marks and CJK, a variation selector
# past the CJK planes (a word character), private use, lone surrogates, non-ASCII digits and
# spaces, separators str.split splits on but \s does not (\x1c), and the superscripts of units.
_EDGES = list(
    "中文。・\u3040ぁ゛ゟ豈ไเกา๏๑\u0e3a\u0e45́\u0301‿\u200d\u200c𝐀𝐚😀\U00020000\U000e0100\U000f0000"
    "\ud800\udfff٣０\xa0\u2028\x1c\x85²³µμ­ʼ"
)
_NEGATIONS = ["n't", "n’t", "don't", "xn't", "'sn't", "kmn't", "Isn’t", "won't.", "ain't"]
_EXTRAS = _EDGES + _NEGATIONS + [
    "https://", "www.", "http://a.b/c).", "cannot", "dont", "Im", "IVE", "km", "mbar", "hPa",
    "5", "5km", "µm", "km²", "Sept", "Messrs", "Wash", "x", "e", "'re", "’ll", "'S", "’M",
]
_ALL_PIECES = _PIECES + _EXTRAS


def _same_as_reference(text: str) -> None:
    assert spaced_tokens(text) == _tokens.spaced_tokens(text), text


def test_compiled_tokenizer_agrees_with_the_reference_on_tricky_text():
    rng = random.Random(11)
    for _ in range(20_000):
        _same_as_reference("".join(rng.choice(_ALL_PIECES) for _ in range(rng.randint(1, 16))))


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(_ALL_PIECES), max_size=24).map("".join)
    | st.text(st.characters(), max_size=40)  # any code point, surrogates included
    | st.text(st.sampled_from(_EDGES + list(".,:/'’&+–−-@([{\")]}…~ aA1")), max_size=30)
)
def test_compiled_tokenizer_agrees_with_the_reference(text):
    _same_as_reference(text)


def test_short_forms_are_word_characters():
    # the kernel finds a short form as the whole run of word characters before the dot
    assert all(regex.fullmatch(r"\w+", w) for w in token_spacing.ABBREVIATIONS)
    assert all(regex.match(r"\p{L}", u) for u in token_spacing.UNITS)  # and a unit by its first letter


def _real_texts(shared_data, name: str) -> list[str]:
    import gzip
    import json

    if name == "bbc":
        paths = [shared_data / "bbc-news" / "articles.jsonl.gz"]
    else:  # the Common Crawl samples' documents (JSON lines with a "text" field)
        paths = sorted((shared_data / "common-crawl-samples").glob("*.json*.gz"))
    texts = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    return texts


@pytest.mark.parametrize("name, at_least", [("bbc", 2000), ("cc", 30)])
def test_compiled_tokenizer_agrees_with_the_reference_on_real_pages(shared_data, name, at_least):
    texts = _real_texts(shared_data, name)
    assert len(texts) >= at_least
    for text in texts:
        _same_as_reference(text)
