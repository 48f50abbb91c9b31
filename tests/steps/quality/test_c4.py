"""C4: line rules in their order, page rules only on lines that passed the earlier rules,
sentence count at and around the minimum, optional line removal as named edits."""

import pytest

from thresher.document import Document
from thresher.steps.base import ShardContext
from thresher.steps.quality.c4 import C4Rules
from thresher.steps.quality.signals.c4 import count_sentences
from thresher.steps.quality.view import TextView

PAGE = """Hello world this is fine.
No punctuation here
Too short.
Please enable JavaScript to continue.
Read our privacy policy today.
First one. Second one! Third one?
Mr. Smith went to Washington."""


def judge(step, text):
    doc = Document("d", text)
    list(step.run([doc], ShardContext()))
    return doc


def test_line_rules_by_hand():
    s = C4Rules().signals(TextView(PAGE))
    assert s["lines"] == 7
    assert s["no_terminal_punct_lines"] == 1
    assert s["too_few_words_lines"] == 1
    assert s["javascript_lines"] == 1
    assert s["policy_lines"] == 1
    assert s["kept_lines"] == 3
    # 1 + 3 + 1: "Mr." does not end a sentence
    assert s["sentences"] == 5
    assert s["page_rule"] is None


def test_sentence_minimum_at_and_either_side():
    assert judge(C4Rules(), PAGE).kept  # exactly 5
    assert judge(C4Rules(min_sentences=6), PAGE).verdict.reason == "c4:too_few_sentences"
    fewer = PAGE.replace("Second one! Third one?", "Second one and a third one?")  # 4 sentences
    assert judge(C4Rules(), fewer).verdict.reason == "c4:too_few_sentences"
    assert judge(C4Rules(), PAGE + "\nOne more line here.").kept  # 6


def test_sentences_split_after_terminal_marks_only():
    assert count_sentences(["He left. She stayed! Why? Because.", "U.S. officials met on 3.5 days."]) == 5
    assert count_sentences(['He said "stop." Then he left.']) == 2
    assert count_sentences([]) == 0


def test_lorem_ipsum_and_curly_bracket_drop_the_page():
    assert judge(C4Rules(), PAGE + "\nLorem ipsum dolor sit amet.").verdict.reason == "c4:lorem_ipsum"
    assert judge(C4Rules(), PAGE + "\nUse a {bracket} in this line.").verdict.reason == "c4:curly_bracket"
    # the first one met, reading down, decides
    both = "Use a {bracket} in this line.\nLorem ipsum dolor sit amet.\n" + PAGE
    assert judge(C4Rules(), both).verdict.reason == "c4:curly_bracket"


def test_page_rules_only_see_lines_that_passed_the_line_rules():
    # no terminal punctuation, too few words, or JavaScript: the line goes, the page stays
    for line in ("function init() { return 1 }", "Lorem ipsum", "{ok}.", "JavaScript {is} needed here."):
        assert judge(C4Rules(), PAGE + "\n" + line).kept, line


def test_switches():
    page = PAGE + "\nLorem ipsum dolor sit amet."
    assert judge(C4Rules(filter_lorem_ipsum=False), page).kept
    no_js = C4Rules(filter_javascript=False).signals(TextView(PAGE))
    assert no_js["javascript_lines"] == 0 and no_js["kept_lines"] == 4


def test_long_word_line_is_removed_first():
    s = C4Rules(max_word_length=15).signals(TextView("A supercalifragilistic word here.\n" + PAGE))
    assert s["long_word_lines"] == 1


def test_citations_do_not_block_terminal_punctuation():
    s = C4Rules().signals(TextView("This is a cited claim.[1]\nAnd this one too.[citation needed]"))
    assert s["kept_lines"] == 2


def test_judging_leaves_text_alone_and_remove_lines_edits_by_rule():
    doc = judge(C4Rules(), PAGE)
    assert doc.text == PAGE and not doc.edits
    doc = judge(C4Rules(remove_lines=True), PAGE)
    assert doc.kept
    assert doc.text == "Hello world this is fine.\nFirst one. Second one! Third one?\nMr. Smith went to Washington."
    assert [e.rule for e in doc.edits] == ["c4:no_terminal_punct", "c4:javascript", "c4:policy"] or sorted(
        e.rule for e in doc.edits
    ) == sorted(["c4:no_terminal_punct", "c4:too_few_words", "c4:javascript", "c4:policy"])


@pytest.mark.parametrize("text", ["", "\n\n", "no punctuation at all"])
def test_pages_without_sentences(text):
    assert judge(C4Rules(), text).verdict.reason == "c4:too_few_sentences"


def test_sentences_are_counted_after_citation_marks_go():
    # "claim.[1] And" is two sentences once "[1]" is gone; a citation number is not a sentence
    s = C4Rules().signals(TextView("This is a cited claim.[1] And more here. Yes.\nAnother line that is fine. Two.[2]"))
    assert s["sentences"] == 5


def test_false_switches_line_rules_off():
    s = C4Rules(min_words_per_line=False, max_word_length=False).signals(TextView(PAGE))
    assert s["too_few_words_lines"] == 0 and s["long_word_lines"] == 0
    assert s["kept_lines"] == 4
