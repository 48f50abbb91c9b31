"""Gopher quality and repetition: signals against hand-computed values, thresholds at and
either side of their boundaries."""

import pytest

from thresher.document import Document
from thresher.steps.base import ShardContext
from thresher.steps.quality.gopher import GopherQuality, GopherRepetition
from thresher.steps.quality.view import TextView


def judge(step, text, language=None):
    doc = Document("d", text, metadata={"language": language} if language else {})
    list(step.run([doc], ShardContext()))
    return doc


# -- quality signals ------------------------------------------------------------------------
def test_quality_signals_by_hand():
    # tokens: The cat and the dog . - item one ... • bullet two  (13; "." "-" "..." are symbols)
    s = GopherQuality().signals(TextView("The cat and the dog.\n- item one...\n• bullet two"))
    assert s["word_count"] == 10
    assert s["mean_word_length"] == pytest.approx(32 / 10)
    assert s["hash_to_word_ratio"] == 0
    assert s["ellipsis_to_word_ratio"] == pytest.approx(1 / 13)
    assert s["bullet_lines_ratio"] == pytest.approx(2 / 3)
    assert s["ellipsis_lines_ratio"] == pytest.approx(1 / 3)
    assert s["alpha_words_ratio"] == pytest.approx(9 / 10)  # of the words, "•" holds no letter
    assert s["alpha_tokens_ratio"] == pytest.approx(9 / 13)  # datatrove's: the marks count too
    assert s["stop_words"] == 2  # "the" and "and"; "The" does not count (case-sensitive)


def test_hash_ratio_counts_every_hash():
    s = GopherQuality().signals(TextView("#a #b c d"))  # tokens: # a # b c d
    assert s["hash_to_word_ratio"] == pytest.approx(2 / 6)


def _words(n):
    # n words with stop words, mean length 3, all alphabetic
    base = ["the", "cat", "and", "dog", "ran", "far"]
    return " ".join(base[i % len(base)] for i in range(n))


@pytest.mark.parametrize("n,kept", [(49, False), (50, True), (51, True)])
def test_min_words_boundary(n, kept):
    doc = judge(GopherQuality(), _words(n))
    assert doc.kept is kept
    if not kept:
        assert doc.verdict.reason == "gopher_quality:min_words"


def test_max_words_boundary():
    step = GopherQuality(max_doc_words=60)
    assert judge(step, _words(60)).kept
    assert judge(step, _words(61)).verdict.reason == "gopher_quality:max_words"


GOOD_QUALITY = {
    "word_count": 200, "mean_word_length": 5.0, "hash_to_word_ratio": 0.0, "ellipsis_to_word_ratio": 0.0,
    "bullet_lines_ratio": 0.0, "ellipsis_lines_ratio": 0.0, "alpha_words_ratio": 0.9, "stop_words": 5,
}


@pytest.mark.parametrize(
    "signal,at,inside,outside,rule",
    [
        ("mean_word_length", 3, 3.01, 2.99, "min_mean_word_length"),
        ("mean_word_length", 10, 9.99, 10.01, "max_mean_word_length"),
        ("hash_to_word_ratio", 0.1, 0.09, 0.11, "hash_ratio"),
        ("ellipsis_to_word_ratio", 0.1, 0.09, 0.11, "ellipsis_ratio"),
        ("bullet_lines_ratio", 0.9, 0.89, 0.91, "bullet_lines"),
        ("ellipsis_lines_ratio", 0.3, 0.29, 0.31, "ellipsis_lines"),
        ("alpha_words_ratio", 0.8, 0.81, 0.79, "alpha_words"),
        ("stop_words", 2, 3, 1, "stop_words"),
        ("word_count", 100_000, 99_999, 100_001, "max_words"),
    ],
)
def test_quality_thresholds(signal, at, inside, outside, rule):
    step = GopherQuality()
    sig = lambda v: {f"gopher_quality.{k}": v if k == signal else x for k, x in GOOD_QUALITY.items()}  # noqa: E731
    assert step.keep(sig(at)) is None  # the paper's thresholds are strict: at the line is kept
    assert step.keep(sig(inside)) is None
    assert step.keep(sig(outside)) == f"gopher_quality:{rule}"


def test_threshold_none_switches_a_rule_off():
    text = _words(60) + "\n" + "\n".join("- bullets here" for _ in range(50))
    assert judge(GopherQuality(), text).verdict.reason == "gopher_quality:bullet_lines"
    assert judge(GopherQuality(max_bullet_lines_ratio=None), text).kept
    # datatrove's variant: the "-" tokens hold no letter (160 of 210 tokens do)
    dt = GopherQuality(max_bullet_lines_ratio=None, min_alpha_tokens_ratio=0.8)
    assert judge(dt, text).verdict.reason == "gopher_quality:alpha_tokens"


NEWS_WITH_FIGURES = (
    'Shares in Acme rose 4.5% to £12.30 on Monday, while the wider market fell slightly. '
    '"We are pleased with the results," said Ms Smith, the chief executive, in London. '
    'Profits were £1.2bn in 2004, up from £980m a year earlier, and sales rose by 6%. '
    '"It was, frankly, a good year," she added. "But we cannot rest; the market is tough." '
) * 4


def test_alphabetic_share_counts_words_not_punctuation_marks():
    # Ordinary business copy: over every token (commas, quotes, full stops) it is under 0.8,
    # over words (as the paper defines the rule) well above.
    s = GopherQuality().signals(TextView(NEWS_WITH_FIGURES))
    assert s["alpha_tokens_ratio"] < 0.8 < s["alpha_words_ratio"]
    assert judge(GopherQuality(), NEWS_WITH_FIGURES).kept
    dt = GopherQuality(min_alpha_words_ratio=None, min_alpha_tokens_ratio=0.8)
    assert judge(dt, NEWS_WITH_FIGURES).verdict.reason == "gopher_quality:alpha_tokens"
    # a page of figures is still dropped under the paper's definition
    table = "\n".join(f"Row {i:04d} {i * 1234.5:.2f} {i * 7919} 2004 2005" for i in range(40)) + "\nthe and of"
    assert judge(GopherQuality(), table).verdict.reason == "gopher_quality:alpha_words"


def test_alpha_tokens_boundary():
    step = GopherQuality(min_alpha_tokens_ratio=0.8)
    sig = lambda v: {**{f"gopher_quality.{k}": x for k, x in GOOD_QUALITY.items()}, "gopher_quality.alpha_tokens_ratio": v}  # noqa: E731
    assert step.keep(sig(0.8)) is None
    assert step.keep(sig(0.81)) is None
    assert step.keep(sig(0.79)) == "gopher_quality:alpha_tokens"


def test_real_page_passes_and_list_page_fails():
    prose = ("The committee said that the plan to build the new bridge would have to wait until the "
             "funding of the project was agreed with the regional government and the city council. ") * 3
    assert judge(GopherQuality(), prose).kept
    menu = "\n".join(f"#{i} ..." for i in range(80))
    assert not judge(GopherQuality(), menu).kept


# -- repetition signals ---------------------------------------------------------------------
def test_repetition_signals_by_hand():
    # 21 characters; paragraphs and lines: "a b c" twice, "d e f g" once
    s = GopherRepetition().signals(TextView("a b c\n\na b c\n\nd e f g"))
    assert s["dup_para_frac"] == pytest.approx(1 / 3)
    assert s["dup_para_char_frac"] == pytest.approx(5 / 21)
    assert s["dup_line_frac"] == pytest.approx(1 / 3)
    assert s["dup_line_char_frac"] == pytest.approx(5 / 21)
    # most frequent 2-gram: "a b" and "b c" twice each; the first one wins: 3 chars x 2
    assert s["top_2_gram_char_frac"] == pytest.approx(6 / 21)
    assert s["top_3_gram_char_frac"] == pytest.approx(10 / 21)  # "a b c" x 2
    assert s["top_4_gram_char_frac"] == pytest.approx(7 / 21)  # all once: the first, "a b c a"
    assert s["dup_5_gram_char_frac"] == 0


def test_duplicated_ngrams_are_counted_once_each_by_jumping():
    # "x y z w v" three times: 29 characters. 5-grams: the 2nd and 3rd copies repeat (5 + 5 chars);
    # 6-grams: one repeat at token 5 ("x y z w v x"), then the jump leaves too few tokens.
    s = GopherRepetition().signals(TextView("x y z w v x y z w v x y z w v"))
    assert s["dup_5_gram_char_frac"] == pytest.approx(10 / 29)
    assert s["dup_6_gram_char_frac"] == pytest.approx(6 / 29)


def test_lines_split_on_newline_runs_and_paragraphs_on_blank_lines():
    s = GopherRepetition().signals(TextView("one\ntwo\n\n\none\ntwo"))
    assert s["dup_line_frac"] == pytest.approx(2 / 4)
    assert s["dup_para_frac"] == pytest.approx(1 / 2)


GOOD_REPETITION = {
    "chars": 1000, "dup_para_frac": 0.0, "dup_para_char_frac": 0.0, "dup_line_frac": 0.0, "dup_line_char_frac": 0.0,
    **{f"top_{n}_gram_char_frac": 0.01 for n in (2, 3, 4)}, **{f"dup_{n}_gram_char_frac": 0.0 for n in range(5, 11)},
}


@pytest.mark.parametrize(
    "signal,threshold,rule",
    [
        ("dup_para_frac", 0.3, "dup_para_frac"),
        ("dup_para_char_frac", 0.2, "dup_para_char_frac"),
        ("dup_line_frac", 0.3, "dup_line_frac"),
        ("dup_line_char_frac", 0.2, "dup_line_char_frac"),
        ("top_2_gram_char_frac", 0.2, "top_2_gram"),
        ("top_3_gram_char_frac", 0.18, "top_3_gram"),
        ("top_4_gram_char_frac", 0.16, "top_4_gram"),
        *[(f"dup_{n}_gram_char_frac", t, f"dup_{n}_gram") for n, t in zip(range(5, 11), (0.15, 0.14, 0.13, 0.12, 0.11, 0.10))],
    ],
)
def test_repetition_thresholds(signal, threshold, rule):
    step = GopherRepetition()
    sig = lambda v: {f"gopher_repetition.{k}": v if k == signal else x for k, x in GOOD_REPETITION.items()}  # noqa: E731
    assert step.keep(sig(threshold)) is None
    assert step.keep(sig(threshold - 0.001)) is None
    assert step.keep(sig(threshold + 0.001)) == f"gopher_repetition:{rule}"


def test_repetition_drop_reason_and_detail_on_a_page():
    page = "\n\n".join(["The same paragraph again and again."] * 3 + ["Something else entirely here."])
    doc = judge(GopherRepetition(), page)
    assert doc.verdict.reason == "gopher_repetition:dup_para_frac"
    assert "0.5" in doc.verdict.detail and "0.3" in doc.verdict.detail


def test_configured_ngram_thresholds():
    text = "x y z w v " * 3
    assert judge(GopherRepetition(), text).verdict.reason == "gopher_repetition:top_2_gram"
    step = GopherRepetition(top_n_grams=[], dup_n_grams=[[5, 0.5]])
    assert step.keep(step.score(Document("d", text))) is None
    assert GopherRepetition(top_n_grams=[], dup_n_grams=[[5, 0.3]]).keep(step.score(Document("d", text))) == "gopher_repetition:dup_5_gram"


def test_switched_off_rule_survives_the_toml_round_trip():
    import tomllib

    from thresher.configfile import dumps_toml
    from thresher.pipeline import Pipeline

    pipe = Pipeline([GopherQuality(min_doc_words=None), GopherRepetition(dup_para_frac=None)])
    back = Pipeline.from_config(tomllib.loads(dumps_toml({"step": pipe.to_config()}))["step"])
    assert back.to_config() == pipe.to_config()
    assert back.steps[0].keep({f"gopher_quality.{k}": v for k, v in {**GOOD_QUALITY, "word_count": 1}.items()}) is None
