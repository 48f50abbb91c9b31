"""The token tables (spaced by the compiled spacing pass, read by the compiled scan, no token
strings made) give, token by token, what the plain definitions give on the tokenizer's string
tokens: length, "word" (a character that is not a symbol), letter, all-punctuation, single
sentence terminal, line number (str.splitlines), and hashes that are equal exactly for equal
tokens. Pages with URLs and with split words ("cannot") take the string path; both paths are
exercised."""

import unicodedata

from hypothesis import given, settings, strategies as st

from thresher.steps.quality.view import TextView, prepare_views
from thresher.text.chars import SYMBOL_CHARS, TERMINAL_PUNCTUATION
from thresher.text.tokens import spaced_tokens

_ALPHABET = st.sampled_from(
    list("aZé9 \t\n\r\x0b\x0c\x1c\x85\u2028\u2029.,!?…'’\"-#@()[]•·。？今天ไ\u0301\x00\x7f")
    + ["\r\n", "Mr.", "don't", "https://x.org/a", "\U0001f600", "١٢", "cannot", "Im", "DONT", "5km"]
)
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join) | st.text(max_size=60)


def _plain(text: str) -> dict[str, list]:
    # the tokenizer only inserts spaces: its spaced text has the text's lines
    tokens_by_line = [line.split() for line in spaced_tokens(text)[0].splitlines()]
    tokens = [t for ts in tokens_by_line for t in ts]
    return {
        "tokens": tokens,
        "lens": [len(t) for t in tokens],
        "is_word": [any(c not in SYMBOL_CHARS for c in t) for t in tokens],
        "has_letter": [any(c.isalpha() for c in t) for t in tokens],
        "is_punct": [all(unicodedata.category(c).startswith("P") for c in t) for t in tokens],
        "is_terminal": [len(t) == 1 and t in TERMINAL_PUNCTUATION for t in tokens],
        "line": [i for i, ts in enumerate(tokens_by_line) for _ in ts],
    }


def _check(view: TextView) -> None:
    want = _plain(view.text)
    assert view.tokens == want.pop("tokens")
    for name, values in want.items():
        assert getattr(view.table, name).tolist() == values, name
    hashes = view.token_hashes.tolist()
    for i, a in enumerate(view.tokens):
        for j, b in enumerate(view.tokens):
            assert (hashes[i] == hashes[j]) == (a == b), (a, b)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_scan_of_one_text_follows_the_definitions(text):
    _check(TextView(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXTS, min_size=2, max_size=5))
def test_scan_of_a_batch_follows_the_definitions(texts):
    views = [TextView(t) for t in texts]
    prepare_views(views)
    for view in views:
        _check(view)


def test_hashes_are_the_same_in_another_process():
    # not Python's str hash, which each process seeds differently (PYTHONHASHSEED)
    import os
    import subprocess
    import sys

    code = "from thresher.steps.quality.view import TextView; print(TextView('the cat sat é').token_hashes.tolist())"
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(TextView("the cat sat é").token_hashes.tolist())


def test_stop_words_are_counted_by_hash_as_by_string():
    from thresher.steps.quality.signals.gopher import quality_signals

    text = "The cat and the dog, with a hat. Cannot be to of that? have"
    words = ["the", "be", "to", "of", "and", "that", "have", "with", "The cat", ""]
    tokens = TextView(text).tokens
    assert quality_signals(TextView(text), words)["stop_words"] == len(set(words) & set(tokens)) == 8


def test_split_words_beside_separators_as_the_string_pass_splits_them():
    # "\x1c".."\x1f" split str tokens but are not whitespace to the regex pass that splits words
    for text in ("cannot\x1cx", "x\x1fcannot", "Im\x85dont", "DONT\u2028Cannot cannot", "a cannot\x1e", "cannot"):
        _check(TextView(text))
    assert TextView("x\x1fcannot").tokens == ["x", "can", "not"]  # the spacing pass spaced the separator
