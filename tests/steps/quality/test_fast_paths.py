"""The shortcuts taken for speed give what the plain definitions give: token line numbers under
every kind of line break (ASCII text and other text alike), duplicate
n-gram fractions when the top n-gram counts already show that nothing repeats, and sentence
counts when every line is kept and when some are not."""

import numpy as np
from hypothesis import given, settings, strategies as st

from thresher.steps.quality.signals.c4 import sentences_in_lines
from thresher.steps.quality.signals.gopher import repetition_signals
from thresher.steps.quality.view import TextView

from ngram_reference import duplicated_ngram_chars, ngram_keys  # the numpy code the kernel replaced


def _line_of_each_token(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) for _ in TextView(line).tokens]


def test_token_lines_follow_splitlines_for_every_break():
    ascii_text = "One line.\r\nTwo, here\rthree\n\nfour\x0bfive\x0csix\x1cseven"
    wide_text = ascii_text + "\u2028eight é\x85nine\u2029ten ’quoted’"
    for text in (ascii_text, wide_text):
        assert TextView(text).table.line.tolist() == _line_of_each_token(text)


def test_duplicate_ngrams_are_zero_when_no_short_ngram_repeats():
    words = " ".join(f"w{i}" for i in range(60))  # 60 distinct tokens: no n-gram repeats
    out = repetition_signals(TextView(words))
    assert all(out[f"dup_{n}_gram_char_frac"] == 0.0 for n in range(5, 11))
    # and a repeated 5-gram is still found after the top 2- to 4-grams
    text = words + " a b c d e x a b c d e"
    out = repetition_signals(TextView(text))
    view = TextView(text)
    keys = ngram_keys(view.token_hashes, 5)
    cum = np.concatenate([[0], np.cumsum(view.token_lens)]).tolist()
    assert out["dup_5_gram_char_frac"] == duplicated_ngram_chars(keys[5], cum, 5) / len(text) > 0


def test_sentences_with_every_line_kept_and_with_a_selection():
    view = TextView("It rained. We left! Then?\nA line. Another one.\n\"Quoted.\" End")
    n = len(view.lines)
    assert sentences_in_lines(view, np.ones(n, dtype=bool)) == 3 + 2 + 2
    # leaving out the middle line takes the general (selecting) path
    assert sentences_in_lines(view, np.array([True, False, True])) == 3 + 2


def test_views_prepared_together_equal_views_computed_alone():
    from thresher.steps.quality.view import prepare_views

    texts = [
        "One line.\r\nTwo, here\rthree\n\nfour\x0bfive\x0csix\x1cseven",
        "Plain ASCII text. It has two sentences!",
        "",
        " \n\t ",
        "wide: café ’quoted’ \u2028 next \x85 line 今天天气很好。",
        "a\r",
        "\nb c",
        "x" * 70_000 + " tail",  # one very long token
        "Mr. Smith's dog didn't bark... 3.5% of U.S. cases",
    ]
    together = [TextView(t) for t in texts]
    prepare_views(together)
    for text, view in zip(texts, together):
        alone = TextView(text)
        assert view.tokens == alone.tokens
        for name in ("lens", "is_word", "has_letter", "is_punct", "is_terminal", "line"):
            got, want = getattr(view.table, name), getattr(alone.table, name)
            assert got.dtype == want.dtype and got.tolist() == want.tolist(), (text[:20], name)
        assert view.token_hashes.tolist() == alone.token_hashes.tolist()


def _plain_sentences(view: TextView, kept) -> int:
    """The definition, token by token: a kept line is a sentence, and so is every non-punctuation
    token after a terminal mark since the line's previous non-punctuation token."""
    t = view.table
    total = 0
    tokens_in_kept = 0
    for li, keep in enumerate(kept):
        if not keep:
            continue
        total += 1
        pending = False
        for k in range(t.lens.size):
            if t.line[k] != li:
                continue
            tokens_in_kept += 1
            if t.is_punct[k]:
                pending = pending or bool(t.is_terminal[k])
            else:
                total += pending
                pending = False
    return total if tokens_in_kept else 0


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "B", " ", ".", "!", "?", "…", "。", ",", '"', ")", "\n", "\n\n", "e.g.", "x!y"]), max_size=25).map("".join),
    st.lists(st.booleans(), min_size=1, max_size=8),
)
def test_sentence_count_agrees_with_the_plain_definition(text, kept):
    view = TextView(text)
    kept = np.array((kept * 10)[: max(1, len(view.lines) + kept[0])], dtype=bool)  # also masks shorter or longer than the page
    assert sentences_in_lines(view, kept) == _plain_sentences(view, kept)
