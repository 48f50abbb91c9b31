"""Repeated paragraphs: the second copy of a paragraph or a run of paragraphs goes; short repeated
lines are left to the boilerplate rules."""

from thresher.document import Document
from thresher.steps.repair.repeats import RepeatedBlocks

A = "The withdrawal will begin on Tuesday, officials in Moscow said on Monday evening."
B = "Putin expressed hope that this decision will encourage all parties to pursue peace."
C = "The withdrawal will begin on Tuesday."  # short, but part of a repeated run below
D = "Moscow will, however, maintain a military presence in Syria for now."


def dedupe(text: str, **options) -> Document:
    doc = Document("t", text)
    doc.apply(RepeatedBlocks(**options).edit(doc))
    return doc


def test_run_of_paragraphs_printed_twice_loses_its_second_copy():
    doc = dedupe("\n".join(["Title", A, C, B, D, A, C, B, D, "No comments:"]) + "\n")
    assert doc.text == "\n".join(["Title", A, C, B, D, "No comments:"]) + "\n"
    assert {e.rule for e in doc.edits} == {"repeats:block"}
    assert len(doc.edits) == 1  # one edit for the whole run


def test_one_paragraph_repeated_further_down():
    doc = dedupe("\n".join([A, B, D, A]) + "\n")
    assert doc.text == "\n".join([A, B, D]) + "\n"


def test_match_ignores_case_and_spacing():
    doc = dedupe(A + "\n" + B + "\n" + "  " + A.upper().replace(" ", "   ") + "\n")
    assert doc.text == A + "\n" + B + "\n"


def test_short_repeated_lines_are_left_alone():
    text = "\n".join(["Share", A, "Share", B, "Advertisement", D, "Advertisement"]) + "\n"
    assert dedupe(text).text == text


def test_short_line_repeated_alone_is_kept_but_goes_with_its_run():
    text = "\n".join([A, C, B, C, D]) + "\n"  # C repeated alone: too short to count
    assert dedupe(text).text == text
    doc = dedupe("\n".join([A, C, B, A, C]) + "\n")  # C repeated right after A's copy
    assert doc.text == "\n".join([A, C, B]) + "\n"


def test_copy_that_skips_a_line_inserted_in_the_first_copy():
    doc = dedupe("\n".join([A, "Photo: Reuters", B, D, A, B]) + "\n")
    assert doc.text == "\n".join([A, "Photo: Reuters", B, D]) + "\n"


def test_three_copies_keep_the_first():
    doc = dedupe("\n".join([A, B, A, B, A, B]) + "\n")
    assert doc.text == "\n".join([A, B]) + "\n"


def test_blank_line_separated_paragraphs_stay_tidy():
    doc = dedupe(f"{A}\n\n{B}\n\n{A}\n\n{D}\n")
    assert doc.text == f"{A}\n\n{B}\n\n{D}\n"


def test_thresholds_are_options():
    text = "\n".join([C, A, C]) + "\n"
    assert dedupe(text).text == text
    assert dedupe(text, min_chars=20, min_words=4).text == "\n".join([C, A]) + "\n"
