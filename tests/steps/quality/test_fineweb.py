"""FineWeb: signals by hand, thresholds at and either side of the boundary."""

import pytest

from thresher.document import Document
from thresher.steps.base import ShardContext
from thresher.steps.quality.fineweb import FineWebQuality
from thresher.steps.quality.view import TextView


def judge(step, text):
    doc = Document("d", text)
    list(step.run([doc], ShardContext()))
    return doc


def test_signals_by_hand():
    text = "A line that ends well.\nshort\n\nshort\nAnother longer line without a stop"  # 70 chars, 4 \n
    s = FineWebQuality().signals(TextView(text))
    assert s["lines"] == 4  # the blank line does not count
    assert s["line_punct_ratio"] == pytest.approx(1 / 4)
    assert s["short_line_ratio"] == pytest.approx(3 / 4)  # 22, 5 and 5 characters are <= 30
    assert s["char_dup_ratio"] == pytest.approx(5 / 66)  # the second "short", over non-newline chars
    assert s["list_ratio"] == pytest.approx(4 / 14)  # newlines per token


def test_trailing_space_means_no_terminal_punctuation():
    # datatrove's reading; read as prose, the space after the stop does not unmake the sentence
    text = "Ends here. \nEnds here too."
    assert FineWebQuality(prose_lines=False).signals(TextView(text))["line_punct_ratio"] == 0.5
    assert FineWebQuality().signals(TextView(text))["line_punct_ratio"] == 1.0


def test_terminal_punctuation_of_other_scripts():
    assert FineWebQuality().signals(TextView("这是一个句子。\nयह एक वाक्य है।"))["line_punct_ratio"] == 1.0


GOOD = {"lines": 20, "line_punct_ratio": 0.9, "short_line_ratio": 0.1, "char_dup_ratio": 0.0, "list_ratio": 0.05}


@pytest.mark.parametrize(
    "signal,at,inside,outside,rule",
    [
        ("line_punct_ratio", 0.12, 0.13, 0.11, "line_punct_ratio"),
        ("short_line_ratio", 0.67, 0.66, 0.68, "short_line_ratio"),
        ("char_dup_ratio", 0.01, 0.009, 0.011, "char_dup_ratio"),
        ("list_ratio", 0.3, 0.29, 0.31, "list_ratio"),
        ("lines", 1, 2, 0, "empty"),
    ],
)
def test_thresholds(signal, at, inside, outside, rule):
    step = FineWebQuality()
    sig = lambda v: {f"fineweb.{k}": v if k == signal else x for k, x in GOOD.items()}  # noqa: E731
    assert step.keep(sig(at)) is None
    assert step.keep(sig(inside)) is None
    assert step.keep(sig(outside)) == f"fineweb:{rule}"


def test_exclude_zero_keeps_pages_without_any_punctuation():
    text = "\n".join(f"a line of text without a stop number {i}" for i in range(10))
    assert judge(FineWebQuality(), text).verdict.reason == "fineweb:line_punct_ratio"
    assert judge(FineWebQuality(line_punct_exclude_zero=True), text).kept


def test_repeated_lines_drop_the_page():
    body = "\n".join(f"This is sentence number {i} of a perfectly normal article." for i in range(20))
    assert judge(FineWebQuality(), body).kept
    assert judge(FineWebQuality(), body + "\nThis is sentence number 3 of a perfectly normal article.").verdict.reason == "fineweb:char_dup_ratio"
    assert judge(FineWebQuality(char_duplicates_ratio=0.1), body + "\nThis is sentence number 3 of a perfectly normal article.").kept
